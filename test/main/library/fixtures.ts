import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NewItem, StoredItem } from '../../../src-main/core/library/types';
import { mediaPath, previewPath, thumbPath } from '../../../src-main/core/library/paths';
import { SqliteLibraryStore } from '../../../src-main/adapters/library/sqlite-library-store';
import { InMemoryLibraryStore } from '../../../src-main/core/library/in-memory-library-store';
import type { LibraryStore } from '../../../src-main/core/library/library-store';

/** A deterministic 32-hex id from a number (so tests read well and sort predictably). */
export function idOf(n: number): string {
  return n.toString(16).padStart(32, '0').replace(/^00/, (n % 256).toString(16).padStart(2, '0'));
}

export function makeItem(n: number, over: Partial<StoredItem> = {}): StoredItem {
  const id = over.id ?? idOf(n);
  return {
    id,
    kind: 'image',
    createdAt: 1_700_000_000_000 + n * 1000,
    prompt: `item number ${n}`,
    editInstruction: null,
    model: 'grok-imagine-image',
    params: { n: 1 },
    width: 1024,
    height: 1024,
    aspectRatio: '1:1',
    durationMs: null,
    bytes: 1000 + n,
    mime: 'image/jpeg',
    costTicks: 100,
    requestId: `req-${n}`,
    moderation: null,
    sourceJobId: null,
    origin: 'generated',
    favorite: false,
    rating: 0,
    tags: [],
    trashedAt: null,
    missing: false,
    file: mediaPath(id, 'jpg'),
    thumb: thumbPath(id),
    preview: previewPath(id),
    ...over,
  };
}

export function entry(n: number, over: Partial<StoredItem> = {}, parents: NewItem['parents'] = []): NewItem {
  return { item: makeItem(n, over), parents };
}

/** A fresh temp dir and its cleanup. */
export async function tempDir(prefix = 'lib-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Builds a fresh store and says how to dispose of it; the shared suites run once per factory. */
export type StoreFactory = () => Promise<{ store: LibraryStore; cleanup: () => Promise<void> }>;

/** The real SQLite adapter and its in-memory twin, for `describe.each`. */
export const storeFactories: [string, StoreFactory][] = [
  ['InMemoryLibraryStore', async () => ({ store: new InMemoryLibraryStore(), cleanup: async () => {} })],
  [
    'SqliteLibraryStore',
    async () => {
      const t = await tempDir();
      const store = new SqliteLibraryStore(path.join(t.dir, 'library.db'));
      return { store, cleanup: async () => (store.close(), t.cleanup()) };
    },
  ],
];
