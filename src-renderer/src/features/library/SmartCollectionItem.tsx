import type { LibrarySmartCollection } from '@contract';
import { useState } from 'react';
import { ConfirmDialog } from './ConfirmDialog';
import { deleteSmartCollection, updateSmartCollection } from './smart-commands';

const countText = (c: LibrarySmartCollection) => (c.countCapped ? `${c.count.toLocaleString()}+` : c.count.toLocaleString());

/** A smart collection in the side list: open it, rename it in place, or delete it (it only saves a search). */
export function SmartCollectionItem(props: { collection: LibrarySmartCollection; current: boolean; onShow(): void }) {
  const { collection } = props;
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(collection.name);
  const [confirming, setConfirming] = useState(false);
  const query = [collection.query.filter.text, collection.query.filter.tags?.map((t) => `tag:${t}`).join(' ')].filter(Boolean).join(' ');

  if (editing) {
    return (
      <li>
        <form
          className="lib-new-collection"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) void updateSmartCollection(collection.id, { name: name.trim() });
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
      <button type="button" className="lib-icon" aria-label={`Rename ${collection.name}`} onClick={() => (setName(collection.name), setEditing(true))}>
        ✎
      </button>
      <button type="button" className="lib-icon" aria-label={`Delete ${collection.name}`} onClick={() => setConfirming(true)}>
        ✕
      </button>
      {confirming && (
        <ConfirmDialog
          title={`Delete “${collection.name}”?`}
          confirmLabel="Delete smart collection"
          onConfirm={() => void deleteSmartCollection(collection.id)}
          onClose={() => setConfirming(false)}
        >
          Only the saved search goes away; every item stays in the library.
        </ConfirmDialog>
      )}
    </li>
  );
}
