import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryFilter } from '@contract';
import { openMigratedDatabase } from '../../../src-main/adapters/sqlite/sqlite-database';
import { SqliteLibraryStore } from '../../../src-main/adapters/library/sqlite-library-store';
import { filterWhere, pageSql } from '../../../src-main/adapters/library/sqlite-query';
import { MIGRATIONS, openLibraryDatabase } from '../../../src-main/adapters/library/sqlite-schema';
import { RELEVANCE_CAP } from '../../../src-main/core/library/cursor';
import type { LibraryStore } from '../../../src-main/core/library/library-store';
import { entry, idOf, storeFactories, tempDir } from './fixtures';

const f = (over: Partial<LibraryFilter> = {}) => LibraryFilter.parse(over);
const factories = storeFactories;

describe.each(factories)('relevance over a capped set: %s', (_name, factory) => {
  let store: LibraryStore;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ store, cleanup } = await factory()));
  afterEach(async () => cleanup());

  it('ranks a narrow search exactly: prompt hits above edit-instruction hits, whatever their age', () => {
    store.insert(
      Array.from({ length: 40 }, (_v, n) =>
        n < 5
          ? entry(n + 1, { prompt: `an owl at night ${n}` })
          : entry(n + 1, { prompt: `a quiet forest ${n}`, editInstruction: n % 2 === 0 ? 'add an owl' : null }),
      ),
    );
    const page = store.query({ filter: f({ text: 'owl' }), sort: 'relevance', limit: 100 });
    expect([page.total, page.totalCapped]).toEqual([22, false]);
    // The five oldest items are the prompt hits: they lead although the newest-first walk meets them last.
    expect(new Set(page.ids.slice(0, 5))).toEqual(new Set([1, 2, 3, 4, 5].map(idOf)));
    expect(page.ids).toHaveLength(22);
  });

  it('ranks only the newest RELEVANCE_CAP hits of a broad search and says so', () => {
    const n = RELEVANCE_CAP + 30;
    // The oldest item is the best match (word in the prompt twice) but lies outside the capped set.
    store.insert(Array.from({ length: n }, (_v, i) => entry(i + 1, { prompt: i === 0 ? 'fox fox' : `a fox number ${i}` })));
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = store.query({ filter: f({ text: 'fox' }), sort: 'relevance', limit: 700, cursor });
      expect([page.total, page.totalCapped]).toEqual([RELEVANCE_CAP, true]);
      seen.push(...page.ids);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(new Set(seen)).toEqual(new Set(Array.from({ length: RELEVANCE_CAP }, (_v, i) => idOf(n - i))));
    // A page as large as the cap is still reported as capped.
    const big = store.query({ filter: f({ text: 'fox' }), sort: 'relevance', limit: RELEVANCE_CAP * 2 });
    expect([big.ids.length, big.total, big.totalCapped]).toEqual([RELEVANCE_CAP, RELEVANCE_CAP, true]);
  });
});

/** Facets recounted from the rows, the way v2 computed them. */
function recount(db: DatabaseSync, trashed: boolean) {
  const live = trashed ? 'trashed_at IS NOT NULL' : 'trashed_at IS NULL';
  const q = (c: string) =>
    db.prepare(`SELECT ${c} AS value, count(*) AS count FROM items WHERE ${c} IS NOT NULL AND ${live} GROUP BY 1 ORDER BY 2 DESC, 1`).all();
  return { models: q('model').map((r) => ({ ...r })), aspectRatios: q('aspect_ratio').map((r) => ({ ...r })) };
}

describe('SQLite facet counts and indexes (v3)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => cleanup());

  it('keeps facet counts and totals equal to a recount through inserts, updates, trash, restore, removal and clear', () => {
    const file = path.join(dir, 'library.db');
    const store = new SqliteLibraryStore(file);
    const db = new DatabaseSync(file);
    const models = ['a', 'b', 'c', null];
    const aspects = ['1:1', '16:9', null];
    let seed = 7;
    const rand = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % k);
    const check = () => {
      for (const trashed of [false, true]) {
        expect(store.facets(trashed)).toEqual(recount(db, trashed));
        // The unfiltered total comes from the kept 'all' count.
        const live = trashed ? 'IS NOT NULL' : 'IS NULL';
        const n = (db.prepare(`SELECT count(*) AS n FROM items WHERE trashed_at ${live}`).get() as { n: number }).n;
        expect(store.query({ filter: f({ trashed }), sort: 'largest', limit: 1 }).total).toBe(n);
      }
    };
    for (let round = 0; round < 6; round += 1) {
      // Inserts and re-inserts (an update in place, possibly changing model, aspect and trash state).
      store.insert(
        Array.from({ length: 60 }, () => {
          const n = 1 + rand(120);
          return entry(n, { model: models[rand(4)] ?? null, aspectRatio: aspects[rand(3)] ?? null, trashedAt: rand(5) === 0 ? 3 : null });
        }),
      );
      check();
      const some = Array.from({ length: 20 }, () => idOf(1 + rand(120)));
      store.setTrashed(some.slice(0, 10), 9);
      store.setTrashed(some.slice(10, 15), null);
      store.setFavorite(some.slice(15), true);
      check();
      store.remove(some.slice(5, 12));
      check();
    }
    store.clear();
    check();
    expect(store.facets(false)).toEqual({ models: [], aspectRatios: [] });
    db.close();
    store.close();
  });

  it('migrates a v2 database to v3 with items, search, lineage, collections and facets intact', () => {
    const file = path.join(dir, 'library.db');
    const v2 = openMigratedDatabase(file, { label: 'v2', pragmas: 'PRAGMA journal_mode = WAL;', migrations: MIGRATIONS.slice(0, 2) });
    expect((v2.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(2);
    const insert = v2.prepare(
      `INSERT INTO items (seq, id, kind, created_at, prompt, model, aspect_ratio, bytes, mime, origin, favorite, trashed_at, file)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'image/jpeg', 'generated', ?, ?, 'x')`,
    );
    for (let n = 1; n <= 30; n += 1) {
      insert.run(n * 1024, idOf(n), n % 3 === 0 ? 'video' : 'image', n, `prompt ${n % 2 ? 'fox' : 'owl'}`,
        n % 4 === 0 ? null : `m${n % 3}`, n % 5 === 0 ? '16:9' : '1:1', 1000 + n, n % 2, n % 7 === 0 ? 5 : null);
    }
    v2.exec(`INSERT INTO lineage VALUES ('${idOf(2)}', '${idOf(1)}', 'edited-from');
      INSERT INTO collections VALUES ('${idOf(100)}', 'c', 1); INSERT INTO collection_items VALUES ('${idOf(100)}', '${idOf(3)}');`);
    const before = {
      facets: [recount(v2, false), recount(v2, true)],
      fav: v2.prepare('SELECT id FROM items WHERE favorite = 1 AND trashed_at IS NULL ORDER BY seq DESC').all().map((r) => r.id),
    };
    v2.close();
    const store = new SqliteLibraryStore(file);
    expect([store.facets(false), store.facets(true)]).toEqual(before.facets);
    expect([false, true].map((trashed) => store.query({ filter: f({ trashed }), sort: 'newest', limit: 1 }).total)).toEqual([26, 4]);
    expect(store.query({ filter: f({ favorite: true }), sort: 'newest', limit: 100 }).ids).toEqual(before.fav);
    expect(store.query({ filter: f({ kind: 'video' }), sort: 'newest', limit: 100 }).ids).toEqual(
      [30, 27, 24, 18, 15, 12, 9, 6, 3].map(idOf),
    );
    expect(store.query({ filter: f({ text: 'owl' }), sort: 'newest', limit: 100 }).total).toBe(13);
    expect(store.lineage(idOf(2)).parents).toEqual([{ childId: idOf(2), parentId: idOf(1), kind: 'edited-from' }]);
    expect(store.collectionsOf(idOf(3))).toEqual([idOf(100)]);
    store.setTrashed([idOf(1)], 9);
    const db = new DatabaseSync(file);
    expect(store.facets(true)).toEqual(recount(db, true));
    expect((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(MIGRATIONS.length);
    db.close();
    store.close();
  });

  it('reads favorites, videos, largest and the trash through their indexes (EXPLAIN QUERY PLAN)', () => {
    const db = openLibraryDatabase(path.join(dir, 'library.db'));
    const plan = (filter: LibraryFilter, sort: 'newest' | 'largest') => {
      const { sql, params } = pageSql(filterWhere(filter), sort, null, null, 10);
      return db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((r) => String(r.detail)).join(' | ');
    };
    expect(plan(f({ favorite: true }), 'newest')).toMatch(/USING INDEX items_live_favorite \(favorite=\?\)$/);
    expect(plan(f({ kind: 'video' }), 'newest')).toMatch(/USING INDEX items_live_kind \(kind=\?\)$/);
    expect(plan(f(), 'largest')).toMatch(/^SCAN i USING INDEX items_live_bytes$/);
    expect(plan(f({ trashed: true, favorite: true }), 'newest')).toMatch(/items_trashed/);
    db.close();
  });
});
