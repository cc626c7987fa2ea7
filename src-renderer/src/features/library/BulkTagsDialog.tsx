import type { LibraryTag } from '@contract';
import { useEffect, useState } from 'react';
import { formatCount } from './format';
import { changeTags, tagsOfItems } from './organize-commands';
import { TagInput } from './TagInput';
import { useModal } from './use-modal';

/** Adds tags to, and removes tags from, every selected item; changes apply at once. */
export function BulkTagsDialog(props: { ids: readonly string[]; onClose(): void }) {
  const ref = useModal(props.onClose);
  const [tags, setTags] = useState<LibraryTag[] | null>(null);
  const [version, setVersion] = useState(0);
  const { ids } = props;

  useEffect(() => {
    let live = true;
    void tagsOfItems(ids).then((t) => live && setTags(t));
    return () => {
      live = false;
    };
  }, [ids, version]);

  const apply = async (add: string[], remove: string[]) => {
    const changed = await changeTags(ids, add, remove);
    if (changed !== null) setVersion((v) => v + 1);
  };

  return (
    <dialog ref={ref} className="lib-dialog lib-tags-dialog" aria-labelledby="lib-tags-title">
      <h2 id="lib-tags-title">Edit tags</h2>
      <p className="lib-dialog-note">{formatCount(ids.length)} selected. Changes apply to all of them at once.</p>
      <TagInput label="Add tag to all" exclude={(tags ?? []).filter((t) => t.count === ids.length).map((t) => t.tag)} onAdd={(tag) => void apply([tag], [])} />
      <h3 className="lib-side-heading">On the selection</h3>
      <ul className="lib-tags lib-tags-bulk" aria-label="Tags on the selection">
        {tags === null && <li className="lib-tags-empty">Loading…</li>}
        {tags?.length === 0 && <li className="lib-tags-empty">None of these items has a tag.</li>}
        {tags?.map((t) => (
          <li key={t.tag} className="lib-tag">
            <span>{t.tag}</span>
            <span className="lib-tag-count">{t.count === ids.length ? 'all' : `${t.count.toLocaleString()} of ${ids.length.toLocaleString()}`}</span>
            {t.count < ids.length && (
              <button type="button" className="lib-tag-remove" aria-label={`Add tag ${t.tag} to all`} title="Add to all" onClick={() => void apply([t.tag], [])}>
                +
              </button>
            )}
            <button type="button" className="lib-tag-remove" aria-label={`Remove tag ${t.tag}`} title="Remove from all" onClick={() => void apply([], [t.tag])}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="lib-dialog-actions">
        <button type="button" className="lib-button lib-primary" onClick={props.onClose}>
          Done
        </button>
      </div>
    </dialog>
  );
}
