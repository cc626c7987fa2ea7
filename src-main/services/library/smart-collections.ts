import { LibraryFilter, type LibrarySmartCollection, type SmartQuery } from '@contract';
import { fail } from '../../core/app-error';
import type { LibraryStore } from '../../core/library/library-store';
import type { LibraryFiles } from '../../core/library/ports';
import { parseSmartQuery, serializeSmartFile, SMART_FILE } from '../../core/library/smart-file';
import type { SmartRow } from '../../core/library/types';
import type { Logger } from '../../core/ports';

/**
 * Smart collections: saved searches + filters whose members are whatever matches now. Each count is one bounded
 * store count (a text search stops at 10,000, like the grid), kept until the library next changes, so a sidebar
 * that refreshes after every change recounts once per change, not once per refresh.
 */
export function createSmartCollections(deps: {
  store: LibraryStore;
  files: LibraryFiles;
  logger: Logger;
  now: () => number;
  newId: () => string;
  changed: () => void;
}) {
  const { store } = deps;
  let version = 0;
  const counts = new Map<string, { version: number; query: string; count: number; capped: boolean }>();
  let writing: Promise<void> = Promise.resolve();

  function count(row: SmartRow, query: SmartQuery): { count: number; capped: boolean } {
    const cached = counts.get(row.id);
    if (cached && cached.version === version && cached.query === row.query) return cached;
    const { count: n, capped } = store.count(LibraryFilter.parse({ ...query.filter, trashed: false }));
    const fresh = { version, query: row.query, count: n, capped };
    counts.set(row.id, fresh);
    return fresh;
  }

  function toCollection(row: SmartRow): LibrarySmartCollection | null {
    const query = parseSmartQuery(row.query);
    if (!query) return null;
    const { count: n, capped } = count(row, query);
    return { id: row.id, name: row.name, createdAt: row.createdAt, query, count: n, countCapped: capped };
  }

  /** Rewrites `smart-collections.json` (chained, so quick edits land in order). */
  function persist(): void {
    writing = writing.then(async () => {
      const text = serializeSmartFile(store.listSmart());
      await deps.files
        .writeAtomic(SMART_FILE, new TextEncoder().encode(text))
        .catch((err: unknown) => deps.logger.warn('library: smart-collections.json update failed', { error: String(err) }));
    });
  }

  const find = (id: string) => store.listSmart().find((r) => r.id === id) ?? fail({ kind: 'not-found', message: 'This smart collection no longer exists.' });
  const saved = (row: SmartRow) => {
    store.putSmart(row);
    persist();
    deps.changed();
    return toCollection(row) ?? fail({ kind: 'internal', message: 'The smart collection could not be read back.' });
  };

  return {
    /** Forgets cached counts: call on every library change. */
    invalidate(): void {
      version += 1;
    },
    list(): LibrarySmartCollection[] {
      return store.listSmart().flatMap((row) => toCollection(row) ?? []);
    },
    create(name: string, query: SmartQuery): LibrarySmartCollection {
      return saved({ id: deps.newId(), name, createdAt: deps.now(), query: JSON.stringify(query) });
    },
    update(id: string, change: { name?: string | undefined; query?: SmartQuery | undefined }): LibrarySmartCollection {
      const row = find(id);
      return saved({ ...row, name: change.name ?? row.name, query: change.query ? JSON.stringify(change.query) : row.query });
    },
    remove(id: string): number {
      const n = store.deleteSmart(id);
      if (n === 0) fail({ kind: 'not-found', message: 'This smart collection no longer exists.' });
      persist();
      deps.changed();
      return n;
    },
    idle: () => writing,
  };
}
