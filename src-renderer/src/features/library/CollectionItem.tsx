import type { LibraryCollection } from '@contract';
import { mediaUrl } from '../../lib/api';
import { deleteCollection, renameCollection } from './item-commands';
import { RenamableListItem } from './RenamableListItem';

/** A collection in the side list: open it, rename it in place, or delete it (items stay in the library). */
export function CollectionItem(props: { collection: LibraryCollection; current: boolean; onShow(): void }) {
  const { collection } = props;
  return (
    <RenamableListItem
      name={collection.name}
      onRename={(name) => void renameCollection(collection.id, name)}
      confirmLabel="Delete collection"
      deleteText={`The collection goes away; its ${collection.count} items stay in the library.`}
      onDelete={() => void deleteCollection(collection.id)}
    >
      <button type="button" className="lib-view" aria-current={props.current ? 'page' : undefined} onClick={props.onShow}>
        {collection.cover ? (
          <img className="lib-collection-cover" src={mediaUrl(collection.cover)} alt="" loading="lazy" />
        ) : (
          <span className="lib-collection-cover" aria-hidden="true" />
        )}
        <span className="lib-collection-name">{collection.name}</span>
        <span className="lib-collection-count" aria-label={`${collection.count} items`}>
          {collection.count}
        </span>
      </button>
    </RenamableListItem>
  );
}
