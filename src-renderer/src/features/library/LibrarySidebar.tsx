import { useEffect, useState } from 'react';
import { useStudio } from '../../stores/store';
import type { LibraryView } from '../../stores/library-slice';
import { CollectionItem } from './CollectionItem';
import { createCollection } from './item-commands';
import { loadSmartCollections, openSmart } from './smart-commands';
import { SmartCollectionItem } from './SmartCollectionItem';

const sameView = (a: LibraryView, b: LibraryView) =>
  a.kind === b.kind && (!('id' in a) || ('id' in b && a.id === b.id));

/** Where the grid looks: everything, the trash, or one collection; collections are created, renamed, deleted here. */
export function LibrarySidebar() {
  const view = useStudio((s) => s.library.view);
  const collections = useStudio((s) => s.library.collections);
  const smart = useStudio((s) => s.library.smart);
  const patch = useStudio((s) => s.patchLibrary);
  const [name, setName] = useState('');
  useEffect(() => void loadSmartCollections(), []);
  // Leaving a smart collection leaves its search and filters behind too (they were its, not the user's).
  const show = (next: LibraryView) =>
    patch({
      view: next,
      focusIndex: 0,
      selection: { selected: new Set(), anchor: null },
      ...(view.kind === 'smart' ? { text: '', filters: {}, sort: 'newest' as const } : {}),
    });

  const viewButton = (target: LibraryView, label: string) => (
    <button
      type="button"
      className="lib-view"
      aria-current={sameView(view, target) ? 'page' : undefined}
      onClick={() => show(target)}
    >
      {label}
    </button>
  );

  return (
    <nav className="lib-sidebar" aria-label="Library views">
      <ul className="lib-views">
        <li>{viewButton({ kind: 'all' }, 'All items')}</li>
        <li>{viewButton({ kind: 'trash' }, 'Trash')}</li>
        <li>{viewButton({ kind: 'duplicates' }, 'Find duplicates')}</li>
        <li>{viewButton({ kind: 'shared' }, 'Shared')}</li>
      </ul>
      <h2 className="lib-side-heading" id="lib-smart-heading">
        Smart collections
      </h2>
      <ul className="lib-views" aria-labelledby="lib-smart-heading">
        {smart.map((c) => (
          <SmartCollectionItem key={c.id} collection={c} current={view.kind === 'smart' && view.id === c.id} onShow={() => openSmart(c)} />
        ))}
        {smart.length === 0 && <li className="lib-side-empty">Search or filter, then “Save search”.</li>}
      </ul>
      <h2 className="lib-side-heading" id="lib-collections-heading">
        Collections
      </h2>
      <ul className="lib-views" aria-labelledby="lib-collections-heading">
        {collections.map((c) => (
          <CollectionItem key={c.id} collection={c} current={view.kind === 'collection' && view.id === c.id} onShow={() => show({ kind: 'collection', id: c.id })} />
        ))}
        {collections.length === 0 && <li className="lib-side-empty">No collections yet.</li>}
      </ul>
      <form
        className="lib-new-collection"
        onSubmit={(e) => {
          e.preventDefault();
          const trimmed = name.trim();
          if (!trimmed) return;
          void createCollection(trimmed).then((c) => c && setName(''));
        }}
      >
        <input aria-label="New collection name" placeholder="New collection" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="lib-button" disabled={!name.trim()}>
          Create
        </button>
      </form>
    </nav>
  );
}
