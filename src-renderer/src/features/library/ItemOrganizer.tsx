import type { LibraryRecord } from '@contract';
import { changeTags, setRating } from './organize-commands';
import { RatingStars } from './RatingStars';
import { TagInput } from './TagInput';

/** The viewer's rating and tags for one item (keys 0–5 rate it too; see the Lightbox). */
export function ItemOrganizer(props: { record: LibraryRecord }) {
  const { record } = props;
  return (
    <section className="lb-organize" aria-label="Rating and tags">
      <h3>Rating</h3>
      <RatingStars value={record.rating} onChange={(n) => void setRating([record.id], n)} />
      <h3>Tags</h3>
      <ul className="lib-tags" aria-label="Tags">
        {record.tags.map((tag) => (
          <li key={tag} className="lib-tag">
            <span>{tag}</span>
            <button type="button" className="lib-tag-remove" aria-label={`Remove tag ${tag}`} onClick={() => void changeTags([record.id], [], [tag])}>
              ×
            </button>
          </li>
        ))}
        {record.tags.length === 0 && <li className="lib-tags-empty">No tags yet.</li>}
      </ul>
      <TagInput label="Add tag" exclude={record.tags} onAdd={(tag) => void changeTags([record.id], [tag], [])} />
    </section>
  );
}
