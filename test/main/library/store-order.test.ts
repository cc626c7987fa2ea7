import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryFilter } from '@contract';
import { SqliteLibraryStore } from '../../../src-main/adapters/library/sqlite-library-store';
import { MIGRATIONS } from '../../../src-main/adapters/library/sqlite-schema';
import { COUNT_CAP } from '../../../src-main/core/library/cursor';
import type { LibraryStore } from '../../../src-main/core/library/library-store';
import { entry, idOf, storeFactories, tempDir } from './fixtures';

const f = (over: Partial<LibraryFilter> = {}) => LibraryFilter.parse(over);
const factories = storeFactories;

describe.each(factories)('grid order and totals: %s', (_name, factory) => {
  let store: LibraryStore;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ store, cleanup } = await factory()));
  afterEach(async () => cleanup());
  const ids = (sort: 'newest' | 'oldest' = 'newest', filter = f()) => store.query({ filter, sort, limit: 100 }).ids;

  it('keeps (createdAt, id) order for items of the same millisecond, whatever the insert order', () => {
    const t = 1_700_000_000_000;
    store.insert([entry(9, { createdAt: t }), entry(3, { createdAt: t }), entry(7, { createdAt: t + 1 })]);
    store.insert([entry(5, { createdAt: t }), entry(1, { createdAt: t - 1 })]);
    expect(ids()).toEqual([7, 9, 5, 3, 1].map(idOf));
    expect(ids('oldest')).toEqual([1, 3, 5, 9, 7].map(idOf));
    // A re-insert with another date moves the item, and search follows it.
    store.insert([entry(3, { createdAt: t + 5, prompt: 'moved walrus' })]);
    expect(ids()).toEqual([3, 7, 9, 5, 1].map(idOf));
    expect(ids('newest', f({ text: 'walrus' }))).toEqual([idOf(3)]);
    expect(ids('newest', f({ from: t, to: t + 1 }))).toEqual([9, 5].map(idOf));
  });

  it('counts on the first page only and carries the total in the cursor', () => {
    store.insert([1, 2, 3, 4, 5].map((n) => entry(n)));
    const first = store.query({ filter: f(), sort: 'newest', limit: 2 });
    expect([first.total, first.totalCapped]).toEqual([5, false]);
    store.insert([entry(6)]);
    const second = store.query({ filter: f(), sort: 'newest', limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.total).toBe(5);
    expect(second.ids).toEqual([idOf(3), idOf(2)]);
  });

  it('caps the count of a broad search at COUNT_CAP and keeps paging past it', () => {
    store.insert(Array.from({ length: COUNT_CAP + 20 }, (_v, n) => entry(n + 1, { prompt: `fox ${n}` })));
    const first = store.query({ filter: f({ text: 'fox' }), sort: 'newest', limit: COUNT_CAP });
    expect([first.total, first.totalCapped, first.ids.length]).toEqual([COUNT_CAP, true, COUNT_CAP]);
    const rest = store.query({ filter: f({ text: 'fox' }), sort: 'newest', limit: 100, cursor: first.nextCursor ?? undefined });
    expect([rest.ids.length, rest.total, rest.totalCapped, rest.nextCursor]).toEqual([20, COUNT_CAP, true, null]);
    expect(store.query({ filter: f(), sort: 'newest', limit: 1 }).total).toBe(COUNT_CAP + 20);
    const small = store.query({ filter: f({ text: 'fox' }), sort: 'oldest', limit: 100 });
    expect([small.total, small.totalCapped]).toEqual([COUNT_CAP, true]);
  });

  it('counts a search exactly below the cap, whether or not the first page holds every hit', () => {
    store.insert(Array.from({ length: 160 }, (_v, n) => entry(n + 1, { prompt: n % 16 === 0 ? 'owl' : `fox ${n}` })));
    store.setTrashed([idOf(2)], 7);
    for (const sort of ['newest', 'oldest', 'largest', 'relevance'] as const) {
      for (const limit of [10, 149, 500]) {
        const page = store.query({ filter: f({ text: 'fox' }), sort, limit });
        expect([sort, limit, page.total, page.totalCapped]).toEqual([sort, limit, 149, false]);
      }
    }
  });

  it('lists model and aspect facets with counts, most used first, trash apart', () => {
    store.insert([
      entry(1, { model: 'b', aspectRatio: '1:1' }),
      entry(2, { model: 'a', aspectRatio: '16:9' }),
      entry(3, { model: 'b', aspectRatio: '16:9' }),
      entry(4, { model: null, aspectRatio: null }),
      entry(5, { model: 'c', trashedAt: 1 }),
    ]);
    expect(store.facets(false)).toEqual({
      models: [{ value: 'b', count: 2 }, { value: 'a', count: 1 }],
      aspectRatios: [{ value: '16:9', count: 2 }, { value: '1:1', count: 1 }],
    });
    expect(store.facets(true).models).toEqual([{ value: 'c', count: 1 }]);
  });
});

describe('SQLite schema v1 → v2', () => {
  it('re-keys items by date without losing collections, lineage or search', async () => {
    const t = await tempDir();
    const file = path.join(t.dir, 'library.db');
    const db = new DatabaseSync(file);
    db.exec('PRAGMA foreign_keys = ON;');
    db.exec(MIGRATIONS[0] ?? '');
    db.exec('PRAGMA user_version = 1');
    const insert = db.prepare(
      `INSERT INTO items (id, kind, created_at, prompt, bytes, mime, origin, file) VALUES (?, 'image', ?, ?, 1, 'image/jpeg', 'generated', 'x')`,
    );
    insert.run(idOf(2), 5, 'second fox');
    insert.run(idOf(1), 5, 'first fox');
    insert.run(idOf(3), 9, 'third');
    db.exec(`INSERT INTO collections VALUES ('${idOf(100)}', 'c', 1); INSERT INTO collection_items VALUES ('${idOf(100)}', '${idOf(1)}');`);
    db.close();
    const store = new SqliteLibraryStore(file);
    expect(store.query({ filter: f(), sort: 'newest', limit: 10 }).ids).toEqual([3, 2, 1].map(idOf));
    expect(store.query({ filter: f({ text: 'fox' }), sort: 'newest', limit: 10 }).ids).toEqual([2, 1].map(idOf));
    expect(store.collectionsOf(idOf(1))).toEqual([idOf(100)]);
    store.close();
    await t.cleanup();
  });
});
