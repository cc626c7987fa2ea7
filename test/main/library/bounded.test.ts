/**
 * The start-up check, the rebuild and the first grid page stay bounded however large the library: they hold one id
 * shard (1/256 of the items) at a time, and their queries are index seeks, never scans of the whole table. Proven
 * with counters over a 20,000-item library and with SQLite's query plans (which do not depend on the size).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryFilter } from '@contract';
import { SqliteLibraryStore } from '../../../src-main/adapters/library/sqlite-library-store';
import { countSql, filterWhere, pageSql } from '../../../src-main/adapters/library/sqlite-query';
import { COUNT_CAP, RELEVANCE_CAP } from '../../../src-main/core/library/cursor';
import { ftsMatchOf, parseSearchQuery } from '../../../src-main/core/library/search-query';
import { openLibraryDatabase } from '../../../src-main/adapters/library/sqlite-schema';
import { sidecarPath } from '../../../src-main/core/library/paths';
import type { LibraryFiles, MediaProcessor } from '../../../src-main/core/library/ports';
import { serializeSidecar } from '../../../src-main/core/library/sidecar';
import type { NewItem } from '../../../src-main/core/library/types';
import { HASH_WINDOW } from '../../../src-main/services/library/hash-queue';
import { rebuildIndex, reconcileLibrary, type MaintenanceDeps } from '../../../src-main/services/library/reconcile';
import { entry, tempDir } from './fixtures';
import { silentLogger } from './service-harness';

const ITEMS = 20_000;
/** Random-looking ids (like real ones), spread over the 256 shards. */
const idFor = (n: number) => {
  let h = (n * 2654435761) >>> 0;
  return Array.from({ length: 4 }, () => ((h = Math.imul(h ^ (h >>> 15), 2246822519) >>> 0), h.toString(16).padStart(8, '0'))).join('');
};

/** A library folder that exists only as listings: every item has its media, sidecar and renditions. */
class ListedFiles implements Partial<LibraryFiles> {
  maxListed = 0;
  private readonly byShard = new Map<string, NewItem[]>();
  private readonly byId = new Map<string, NewItem>();
  constructor(entries: readonly NewItem[]) {
    for (const e of entries) {
      const shard = e.item.id.slice(0, 2);
      this.byShard.set(shard, [...(this.byShard.get(shard) ?? []), e]);
      this.byId.set(e.item.id, e);
    }
  }
  async listShard(shard: string) {
    const out = (this.byShard.get(shard) ?? []).flatMap(({ item }) => [item.file, sidecarPath(item.id), item.thumb ?? '', item.preview ?? '']);
    this.maxListed = Math.max(this.maxListed, out.length);
    return out;
  }
  async read(rel: string) {
    const e = this.byId.get(rel.split('/').at(-1)?.slice(0, 32) ?? '');
    if (!e || !rel.endsWith('.json')) throw new Error(`unexpected read ${rel}`);
    return new TextEncoder().encode(serializeSidecar(e));
  }
  async exists() {
    return true;
  }
  async modifiedAt() {
    return 0;
  }
}

describe(`bounded at any size: ${ITEMS.toLocaleString('en-US')} items`, () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: SqliteLibraryStore;
  let files: ListedFiles;
  const shardReads: number[] = [];

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    store = new SqliteLibraryStore(path.join(dir, 'library.db'));
    const entries = Array.from({ length: ITEMS }, (_, n) => entry(n, { id: idFor(n), file: `media/${idFor(n).slice(0, 2)}/${idFor(n)}.jpg`, thumb: `thumbs/${idFor(n).slice(0, 2)}/${idFor(n)}.webp`, preview: `previews/${idFor(n).slice(0, 2)}/${idFor(n)}.webp` }));
    store.insert(entries);
    files = new ListedFiles(entries);
    const shardRefs = store.shardRefs.bind(store);
    store.shardRefs = (shard) => {
      const rows = shardRefs(shard);
      shardReads.push(rows.length);
      return rows;
    };
  }, 60_000);
  afterAll(async () => {
    store.close();
    await cleanup();
  });

  const deps = (): MaintenanceDeps & { steps: number } => {
    const d = {
      steps: 0,
      store,
      files: files as unknown as LibraryFiles,
      media: {} as MediaProcessor,
      logger: silentLogger,
      busy: () => false,
      now: () => Date.now(),
      step: async () => ((d.steps += 1), true),
    };
    return d;
  };
  /** One shard's worth, with room for the unevenness of random ids (the largest of 256 shards of 20k). */
  const window = Math.ceil((ITEMS / 256) * 1.5);

  it('the check reads one shard of rows and directory entries at a time', async () => {
    shardReads.length = 0;
    const d = deps();
    const report = await reconcileLibrary(d);
    expect(report).toMatchObject({ complete: true, markedMissing: 0, imported: 0, removedOrphans: 0 });
    expect(d.steps).toBe(256);
    // A shard's rows are read a 16th at a time (a search typed meanwhile waits for one of those, not a shard).
    expect(shardReads).toHaveLength(256 * 16);
    expect(shardReads.reduce((a, b) => a + b, 0)).toBe(ITEMS);
    const perShard = Array.from({ length: 256 }, (_, i) => shardReads.slice(i * 16, i * 16 + 16).reduce((a, b) => a + b, 0));
    expect(report.window.maxRows).toBe(Math.max(...perShard));
    expect(report.window.maxRows).toBeLessThanOrEqual(window);
    expect(report.window.maxEntries).toBe(files.maxListed);
    expect(report.window.maxEntries).toBeLessThanOrEqual(window * 4);
  });

  it('the rebuild merges one shard at a time, and stops at a shard boundary when asked', async () => {
    const d = deps();
    d.step = async () => ((d.steps += 1), d.steps < 10);
    const report = await rebuildIndex(d);
    expect(report.complete).toBe(false);
    expect(d.steps).toBe(10);
    expect(report.window.maxRows).toBeLessThanOrEqual(window);
    const full = await rebuildIndex(deps());
    expect(full).toMatchObject({ complete: true, items: ITEMS, removed: 0, skipped: 0 });
    expect(full.window.maxEntries).toBeLessThanOrEqual(window * 4);
    expect(store.query({ filter: LibraryFilter.parse({}), sort: 'newest', limit: 1 }).total).toBe(ITEMS);
  });

  it('shard rows and the first grid page are index seeks, not table scans (EXPLAIN QUERY PLAN)', () => {
    const db = openLibraryDatabase(path.join(dir, 'library.db'));
    const plan = (sql: string, ...params: (string | number)[]) =>
      db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((r) => String(r.detail)).join(' | ');
    expect(plan('SELECT id, file, thumb, preview, missing FROM items WHERE id >= ? AND id < ? ORDER BY id', '3a', '3b'))
      .toMatch(/^SEARCH items USING INDEX sqlite_autoindex_items_1 \(id>\? AND id<\?\)$/);
    // Newest first is a walk of the rowid (the sort key) that LIMIT stops after one page: no sort, no count.
    const first = pageSql(filterWhere(LibraryFilter.parse({})), 'newest', null, null, 1001);
    expect(plan(first.sql, ...(first.params as (string | number)[]))).toBe('SCAN i');
    expect(plan('SELECT count AS n FROM facet_counts WHERE facet = ? AND trashed = ?', 'all', 0)).toMatch(/^SEARCH facet_counts USING PRIMARY KEY/);
    expect(plan('SELECT id FROM items WHERE content_hash IN (?, ?)', 'a', 'b')).toMatch(/USING INDEX items_content_hash/);
    db.close();
  });

  it('a search page walks the FTS hits in grid order and stops; only relevance sorts, and only its capped set (EXPLAIN QUERY PLAN)', () => {
    const db = openLibraryDatabase(path.join(dir, 'library.db'));
    const plan = (q: { sql: string; params: unknown[] }) =>
      db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.params as (string | number)[])).map((r) => String(r.detail)).join(' | ');
    const search = parseSearchQuery('the fo');
    const match = ftsMatchOf(search);
    const where = filterWhere(LibraryFilter.parse({ text: 'the fo' }), search);
    // Newest and oldest: FTS hands out its hits in rowid order (the grid's), so LIMIT ends the walk after a page:
    // no temporary B-tree, whatever the number of hits.
    for (const sort of ['newest', 'oldest'] as const) {
      expect(plan(pageSql(where, sort, match, null, 1001))).toMatch(/^SCAN f VIRTUAL TABLE INDEX \d+:M\d+ \| SEARCH i USING INTEGER PRIMARY KEY \(rowid=\?\)$/);
    }
    // Relevance (bm25 or, for a broad word, length): the inner walk stops at RELEVANCE_CAP hits, and the one sort is
    // of that subquery's rows.
    for (const broad of [false, true]) {
      const page = pageSql(where, 'relevance', match, null, 1001, broad);
      expect(page.sql).toContain(`ORDER BY f.rowid DESC LIMIT ${RELEVANCE_CAP})`);
      expect(plan(page)).toMatch(/^CO-ROUTINE \(subquery-\d+\) \| SCAN f VIRTUAL TABLE INDEX \d+:M\d+ \| SEARCH i USING INTEGER PRIMARY KEY \(rowid=\?\) \| SCAN \(subquery-\d+\) \| USE TEMP B-TREE FOR ORDER BY$/);
    }
    // The count after a page is bounded too: it stops one past the cap.
    const count = countSql(where, match, { sort: 'newest', key: 1, cap: COUNT_CAP + 1 });
    expect(count.sql).toMatch(new RegExp(`LIMIT ${COUNT_CAP + 1}\\)$`));
    db.close();
  });

  it('the signature back-fill walks the library a window at a time, finds each unhashed image once, and ends', () => {
    const hashed = new Set<string>();
    const walk = () => {
      const found: string[] = [];
      let cursor: string | null = null;
      let steps = 0;
      do {
        const step = store.unhashedWindow(cursor, HASH_WINDOW);
        found.push(...step.images.map((i) => i.id));
        cursor = step.next;
        steps += 1;
      } while (cursor !== null && steps < 100);
      return { found, steps };
    };
    const first = walk();
    expect(first.steps).toBe(Math.ceil(ITEMS / HASH_WINDOW));
    expect(new Set(first.found).size).toBe(ITEMS);
    for (const id of first.found.slice(0, ITEMS - 3)) hashed.add(id);
    store.setPerceptualHashes([...hashed].map((id) => ({ id, phash: '0'.repeat(22) })));
    // Nearly everything hashed: the same bounded steps (no scan for "the next unhashed"), the three left found.
    const second = walk();
    expect(second.steps).toBe(first.steps);
    expect(second.found.sort()).toEqual(first.found.slice(ITEMS - 3).sort());
    const db = openLibraryDatabase(path.join(dir, 'library.db'));
    const plan = (sql: string, ...params: number[]) => db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((r) => String(r.detail)).join(' | ');
    expect(plan('SELECT seq FROM items WHERE seq < ? ORDER BY seq DESC LIMIT ?', 1, 2)).toBe('SEARCH items USING INTEGER PRIMARY KEY (rowid<?)');
    db.close();
  });

  it('a search for a word in every prompt reads a page and a bounded count, however many hits', () => {
    // Every item's prompt holds "item" (fixtures): 20,000 hits; the page holds 100 rows, the counts stop at their caps.
    const first = store.query({ filter: LibraryFilter.parse({ text: 'item' }), sort: 'newest', limit: 100 });
    expect([first.ids.length, first.total, first.totalCapped]).toEqual([100, COUNT_CAP, true]);
    const best = store.query({ filter: LibraryFilter.parse({ text: 'item' }), sort: 'relevance', limit: 100 });
    expect([best.ids.length, best.total, best.totalCapped]).toEqual([100, RELEVANCE_CAP, true]);
  });
});
