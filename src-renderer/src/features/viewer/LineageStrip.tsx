import type { LibraryItemDetail } from '@contract';
import { mediaUrl } from '../../lib/api';
import { itemName } from '../library/format';

const KIND_LABEL: Record<string, string> = {
  'edited-from': 'edit',
  'animated-from': 'animation',
  'extended-from': 'extension',
  'reference-of': 'reference',
  'frame-of': 'frame',
};

/** Parents or children of an item as clickable thumbnails: following one opens it in the lightbox. */
export function LineageStrip(props: { title: string; links: LibraryItemDetail['parents']; onOpen(id: string): void }) {
  if (props.links.length === 0) return null;
  return (
    <section className="lb-lineage" aria-label={props.title}>
      <h3>{props.title}</h3>
      <ul>
        {props.links.map(({ kind, record }) => (
          <li key={record.id}>
            <button
              type="button"
              className="lb-lineage-item"
              aria-label={`${itemName(record, 60)} (${KIND_LABEL[kind] ?? kind})`}
              onClick={() => props.onOpen(record.id)}
            >
              {record.thumb && !record.missing ? (
                <img src={mediaUrl(record.thumb)} alt="" loading="lazy" decoding="async" />
              ) : (
                <span className="lb-lineage-missing">Missing</span>
              )}
              <span className="lb-lineage-kind" aria-hidden="true">
                {KIND_LABEL[kind] ?? kind}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
