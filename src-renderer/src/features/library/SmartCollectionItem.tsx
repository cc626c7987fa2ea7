import type { LibrarySmartCollection } from '@contract';
import { RenamableListItem } from './RenamableListItem';
import { deleteSmartCollection, updateSmartCollection } from './smart-commands';

const countText = (c: LibrarySmartCollection) => (c.countCapped ? `${c.count.toLocaleString()}+` : c.count.toLocaleString());

/** A smart collection in the side list: open it, rename it in place, or delete it (it only saves a search). */
export function SmartCollectionItem(props: { collection: LibrarySmartCollection; current: boolean; onShow(): void }) {
  const { collection } = props;
  const query = [collection.query.filter.text, collection.query.filter.tags?.map((t) => `tag:${t}`).join(' ')].filter(Boolean).join(' ');
  return (
    <RenamableListItem
      name={collection.name}
      onRename={(name) => void updateSmartCollection(collection.id, { name })}
      confirmLabel="Delete smart collection"
      deleteText="Only the saved search goes away; every item stays in the library."
      onDelete={() => void deleteSmartCollection(collection.id)}
    >
      <button
        type="button"
        className="lib-view"
        aria-current={props.current ? 'page' : undefined}
        title={query ? `Smart collection: ${query}` : 'Smart collection'}
        onClick={props.onShow}
      >
        <span className="lib-collection-name">
          <span aria-hidden="true" className="lib-smart-mark">⚡</span> {collection.name}
        </span>
        <span className="lib-collection-count" aria-label={`${countText(collection)} items`}>
          {countText(collection)}
        </span>
      </button>
    </RenamableListItem>
  );
}
