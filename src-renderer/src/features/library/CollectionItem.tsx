import type { LibraryCollection } from '@contract';
import { useState } from 'react';
import { mediaUrl } from '../../lib/api';
import { ConfirmDialog } from './ConfirmDialog';
import { deleteCollection, renameCollection } from './item-commands';

/** A collection in the side list: open it, rename it in place, or delete it (items stay in the library). */
export function CollectionItem(props: { collection: LibraryCollection; current: boolean; onShow(): void }) {
  const { collection } = props;
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(collection.name);
  const [confirming, setConfirming] = useState(false);

  if (editing) {
    return (
      <li>
        <form
          className="lib-new-collection"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) void renameCollection(collection.id, name.trim());
            setEditing(false);
          }}
        >
          <input
            aria-label={`Rename ${collection.name}`}
            value={name}
            maxLength={120}
            autoFocus
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setEditing(false))}
          />
          <button type="submit" className="lib-button">
            Save
          </button>
        </form>
      </li>
    );
  }
  return (
    <li className="lib-collection">
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
      <button type="button" className="lib-icon" aria-label={`Rename ${collection.name}`} onClick={() => (setName(collection.name), setEditing(true))}>
        ✎
      </button>
      <button type="button" className="lib-icon" aria-label={`Delete ${collection.name}`} onClick={() => setConfirming(true)}>
        ✕
      </button>
      {confirming && (
        <ConfirmDialog
          title={`Delete “${collection.name}”?`}
          confirmLabel="Delete collection"
          onConfirm={() => void deleteCollection(collection.id)}
          onClose={() => setConfirming(false)}
        >
          The collection goes away; its {collection.count} items stay in the library.
        </ConfirmDialog>
      )}
    </li>
  );
}
