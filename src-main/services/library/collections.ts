import type { LibraryCollection } from '@contract';
import { fail } from '../../core/app-error';
import type { LibraryStore } from '../../core/library/library-store';

/** Collection use cases; every change tells the renderer through `changed`. */
export function createCollections(deps: {
  store: LibraryStore;
  now: () => number;
  newId: () => string;
  changed: () => void;
  /** Sidecar follow-up: the collection list changed, or these items' memberships did. */
  sync: { collections: () => void; members: (ids: readonly string[]) => void };
}) {
  const { store } = deps;
  const notFound = (): never => fail({ kind: 'not-found', message: 'This collection no longer exists.' });
  const exists = (id: string) => store.listCollections().some((c) => c.id === id) || notFound();
  return {
    list: (): LibraryCollection[] => store.listCollections(),
    create(name: string): LibraryCollection {
      const c = store.createCollection(deps.newId(), name, deps.now());
      deps.sync.collections();
      deps.changed();
      return c;
    },
    rename(id: string, name: string): LibraryCollection {
      const c = store.renameCollection(id, name) ?? notFound();
      deps.sync.collections();
      deps.changed();
      return c;
    },
    remove(id: string): number {
      const n = store.deleteCollection(id);
      if (n === 0) notFound();
      // Members' sidecars keep the stale id: rebuild ignores ids that collections.json no longer lists.
      deps.sync.collections();
      deps.changed();
      return n;
    },
    add(id: string, ids: readonly string[]): number {
      exists(id);
      const n = store.addToCollection(id, ids);
      if (n > 0) deps.sync.members(ids);
      deps.changed();
      return n;
    },
    removeItems(id: string, ids: readonly string[]): number {
      exists(id);
      const n = store.removeFromCollection(id, ids);
      if (n > 0) deps.sync.members(ids);
      deps.changed();
      return n;
    },
  };
}
