import type { LibraryFacet, LibraryFilter, LibraryRecord, LibrarySort, LibraryTag } from '@contract';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { shapeOf as ratioOf } from '../../core/library/aspect';
import { COUNT_CAP, decodeCursor, encodeCursor, RELEVANCE_CAP } from '../../core/library/cursor';
import { ftsMatchOf, ftsTermsOf, isEmptyQuery, parseSearchQuery, type SearchQuery } from '../../core/library/search-query';
import type { LibraryStore } from '../../core/library/library-store';
import type { ShareRow } from '../../core/share/ports';
import type { CollectionRow, FileRef, HashMatch, OlderThumb, ItemSync, LineageEdge, NewItem, SmartRow, StoreQuery, StoreQueryResult } from '../../core/library/types';
import { fromRow, ITEM_COLUMNS, toParams, type ItemRow } from './sqlite-rows';
import { PrefixTerms } from './sqlite-prefix-terms';
import { BROAD_HITS, countSql, filterWhere, idsSql, pageSql, tagCountSql, type SqlWhere } from './sqlite-query';
import { SeqAllocator } from './sqlite-seq';
import { SqliteTags } from './sqlite-tags';
import { openLibraryDatabase } from './sqlite-schema';
import { inTransaction, StatementCache } from '../sqlite/sqlite-database';

/** Chunk size for `IN (...)` lists: far below SQLite's 32766 bound-parameter limit. */
const CHUNK = 500;
/** Pages of WAL between checkpoints during a rebuild (see `bulkWrites`). */
const BULK_CHECKPOINT_PAGES = 20_000;

/** Every stored column but `id` (has_lineage is derived from edges and kept as is on update). */
const UPDATE_SET = ITEM_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = ?`).join(', ');

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

type EdgeRow = { parentId: string; kind: string };
/** The size columns every page query reads beside the id (see SHAPE in sqlite-query). */
type Sized = { w: number | null; h: number | null };
const shapeOf = (r: Sized) => ratioOf(r.w, r.h);

/** True when an update would write exactly what the row holds. */
function sameRow(row: ItemRow, params: readonly SQLInputValue[], hash: string | null, thumbPx: number | null): boolean {
  if (hash !== null && hash !== row.content_hash) return false;
  if (thumbPx !== null && thumbPx !== row.thumb_px) return false;
  return ITEM_COLUMNS.every((column, i) => (row as unknown as Record<string, SQLInputValue>)[column] === params[i]);
}

function sameEdges(rows: readonly EdgeRow[], parents: NewItem['parents']): boolean {
  if (rows.length !== parents.length) return false;
  const key = (e: EdgeRow) => `${e.parentId} ${e.kind}`;
  const want = new Set(parents.map(key));
  return rows.every((r) => want.has(key(r)));
}

/** The library index in one SQLite file (WAL), via node:sqlite. */
export class SqliteLibraryStore implements LibraryStore {
  private readonly db: DatabaseSync;
  private readonly statements: StatementCache;
  private readonly seq: SeqAllocator;
  private readonly tagStore: SqliteTags;
  private readonly prefixes: PrefixTerms;

  constructor(file: string) {
    this.db = openLibraryDatabase(file);
    this.statements = new StatementCache(this.db);
    this.seq = new SeqAllocator(this.db);
    this.tagStore = new SqliteTags(this.statements);
    this.prefixes = new PrefixTerms(this.db);
  }

  private stmt(sql: string): StatementSync {
    return this.statements.get(sql);
  }

  private tx<T>(work: () => T): T {
    this.prefixes.invalidate(); // a write may add words (see PrefixTerms)
    return inTransaction(this.db, work);
  }


  /** Runs `sql` once per chunk of ids (`?list` is replaced by the placeholders) and sums the changes. */
  private eachChunk(ids: readonly string[], sql: string, before: SQLInputValue[] = []): number {
    let changes = 0;
    for (const part of chunks([...new Set(ids)])) {
      const s = this.stmt(sql.replace('?list', part.map(() => '?').join(',')));
      changes += Number(s.run(...before, ...part).changes);
    }
    return changes;
  }

  insert(entries: readonly NewItem[]): void {
    this.tx(() => this.insertRows(entries));
  }

  syncItems(batch: ItemSync): void {
    const clear = this.stmt('DELETE FROM collection_items WHERE item_id = ?');
    this.tx(() => {
      this.insertRows(batch.upsert);
      for (const [itemId, collections] of batch.memberships) {
        clear.run(itemId);
        if (collections.length === 0) continue;
        const sql = `INSERT OR IGNORE INTO collection_items (collection_id, item_id)
          SELECT id, ? FROM collections WHERE id IN (${collections.map(() => '?').join(',')})`;
        this.stmt(sql).run(itemId, ...collections.slice(0, CHUNK));
      }
      this.removeRows(batch.remove);
    });
  }

  /** Inserts or updates rows and their parent edges; the caller holds the transaction. */
  private insertRows(entries: readonly NewItem[]): void {
    const cols = ITEM_COLUMNS.join(', ');
    const existing = this.stmt('SELECT * FROM items WHERE id = ?');
    const edgesOf = this.stmt('SELECT parent_id AS parentId, kind FROM lineage WHERE child_id = ? ORDER BY parent_id, kind');
    const insertItem = this.stmt(
      `INSERT INTO items (seq, ${cols}, content_hash, thumb_px, has_lineage) VALUES (?, ${ITEM_COLUMNS.map(() => '?').join(', ')}, ?, ?,
        EXISTS (SELECT 1 FROM lineage WHERE child_id = ?2 OR parent_id = ?2))`,
    );
    // An update in place, never INSERT OR REPLACE: REPLACE deletes without firing the FTS delete trigger and would
    // cascade away the item's collection memberships.
    const updateItem = this.stmt(`UPDATE items SET ${UPDATE_SET}, content_hash = coalesce(?, content_hash), thumb_px = coalesce(?, thumb_px) WHERE id = ?`);
    const moveItem = this.stmt('UPDATE items SET seq = ? WHERE id = ?');
    const dropEdges = this.stmt('DELETE FROM lineage WHERE child_id = ?');
    const addEdge = this.stmt('INSERT OR IGNORE INTO lineage (child_id, parent_id, kind) VALUES (?, ?, ?)');
    const markBoth = this.stmt('UPDATE items SET has_lineage = 1 WHERE id IN (?, ?) AND has_lineage = 0');
    for (const { item, parents } of entries) {
      const before = existing.get(item.id) as unknown as ItemRow | undefined;
      const params = toParams(item);
      // Absent hash (a sidecar written before hashes existed): an update keeps what the row has.
      const hash = item.contentHash ?? null;
      // Absent thumbnail rule (a sidecar: renditions are not synced): an update keeps what the row has.
      const thumbPx = item.thumbPx ?? null;
      // A rebuild rewrites every item from its sidecar; most are unchanged, and skipping those skips the FTS and
      // facet triggers an update fires.
      if (before && sameRow(before, params, hash, thumbPx) && sameEdges(edgesOf.all(item.id) as unknown as EdgeRow[], parents)) {
        this.tagStore.replace(item.id, item.tags); // tags live in their own table (a no-op when unchanged)
        continue;
      }
      if (!before) insertItem.run(this.seq.place(item.createdAt, item.id), ...params, hash, thumbPx);
      else {
        updateItem.run(...params.slice(1), hash, thumbPx, item.id);
        if (before.created_at !== item.createdAt) moveItem.run(this.seq.place(item.createdAt, item.id), item.id);
      }
      this.tagStore.replace(item.id, item.tags);
      dropEdges.run(item.id);
      for (const p of parents) {
        addEdge.run(item.id, p.parentId, p.kind);
        markBoth.run(item.id, p.parentId);
      }
    }
  }

  query(q: StoreQuery): StoreQueryResult {
    const search = this.prefixes.expand(parseSearchQuery(q.filter.text ?? ''));
    if (q.filter.text?.trim() && isEmptyQuery(search)) return { ids: [], shapes: [], total: 0, totalCapped: false, nextCursor: null };
    const match = ftsMatchOf(search);
    if (q.ids) return this.queryIds(q.ids, q, match, search);
    const sort = q.sort === 'relevance' && match === null ? 'newest' : q.sort;
    const cursor = decodeCursor(q.cursor, sort);
    const where = filterWhere(q.filter, search);
    // Tag filters count from the tag rows alone (see tagCountSql); `count` uses it when there are no search words.
    where.tagCount = match === null ? tagCountSql(q.filter, search) : null;
    const broad = sort === 'relevance' && match !== null && this.broad(search);
    const page = pageSql(where, sort, match, cursor, q.limit + 1, broad, q.offset ?? 0);
    const rows = this.stmt(page.sql).all(...page.params) as ({ id: string; k: number; s?: number; n?: number } & Sized)[];
    const more = rows.length > q.limit;
    const pageRows = rows.slice(0, q.limit);
    const last = pageRows.at(-1);
    const total =
      cursor?.total ??
      (q.uncounted || q.offset !== undefined ? { count: pageRows.length, capped: false } : undefined) ??
      (sort === 'relevance'
        ? relevanceTotal(rows[0]?.n, pageRows.length, cursor?.kind === 'offset' ? cursor.offset : 0) // the ranked set, counted by the page query
        : cursor
          ? this.countWhere(where, match)
          : this.firstTotal(where, match, sort, pageRows.length, more, last));
    let nextCursor: string | null = null;
    if (more && last) {
      const offset = (cursor?.kind === 'offset' ? cursor.offset : 0) + (q.offset ?? 0) + pageRows.length;
      nextCursor =
        sort === 'relevance'
          ? encodeCursor({ kind: 'offset', offset, total })
          : sort === 'rating'
            ? encodeCursor({ kind: 'rank', value: Number(last.k), at: Number(last.s), id: last.id, total })
            : encodeCursor({ kind: 'key', value: Number(last.k), id: last.id, total });
    }
    return { ids: pageRows.map((r) => r.id), shapes: pageRows.map(shapeOf), total: total.count, totalCapped: total.capped, nextCursor };
  }

  /** Whether any term of the search has more than BROAD_HITS hits (see `pageSql`): one bounded FTS probe per term. */
  private broad(search: SearchQuery): boolean {
    const probe = this.stmt(`SELECT count(*) AS n FROM (SELECT 1 FROM items_fts WHERE items_fts MATCH ? LIMIT ${BROAD_HITS + 1})`);
    return ftsTermsOf(search).some((term) => Number((probe.get(term) as { n: number }).n) > BROAD_HITS);
  }

  count(filter: LibraryFilter): { count: number; capped: boolean } {
    const search = this.prefixes.expand(parseSearchQuery(filter.text ?? ''));
    if (filter.text?.trim() && isEmptyQuery(search)) return { count: 0, capped: false };
    const match = ftsMatchOf(search);
    const where = filterWhere(filter, search);
    where.tagCount = match === null ? tagCountSql(filter, search) : null;
    return this.countWhere(where, match);
  }

  /** The given ids that match, in the sort's order: lookups by id, a search checked per row (never a scan). */
  private queryIds(ids: readonly string[], q: StoreQuery, match: string | null, search: SearchQuery): StoreQueryResult {
    const { sql, params } = idsSql(filterWhere(q.filter, search), q.sort, match, [...new Set(ids)]);
    const rows = this.stmt(sql).all(...params) as ({ id: string } & Sized)[];
    return { ids: rows.map((r) => r.id), shapes: rows.map(shapeOf), total: rows.length, totalCapped: false, nextCursor: null };
  }

  private countWhere(where: SqlWhere, match: string | null, after?: Parameters<typeof countSql>[2], seen = 0, cap = COUNT_CAP) {
    if (match === null && where.clauses.length === 1) {
      // Only the trash clause: the trigger-kept total (v3) instead of counting every index entry.
      const row = this.stmt(`SELECT count AS n FROM facet_counts WHERE facet = 'all' AND trashed = ?`).get(where.trashed ? 1 : 0);
      if (row) return { count: Number((row as { n: number }).n), capped: false }; // else count below (never expected)
    }
    if (match === null && where.tagCount) {
      return { count: Number((this.stmt(where.tagCount.sql).get(...where.tagCount.params) as { n: number }).n), capped: false };
    }
    const { sql, params } = countSql(where, match, after, cap + 1);
    const n = seen + Number((this.stmt(sql).get(...params) as { n: number }).n);
    return match !== null && n > cap ? { count: cap, capped: true } : { count: n, capped: false };
  }

  /**
   * The total for a first page without counting what the page already walked: a page that is not full is the
   * whole answer, and a full newest/oldest search page only needs the rows after it counted (up to the cap).
   */
  private firstTotal(where: SqlWhere, match: string | null, sort: LibrarySort, got: number, more: boolean, last?: { k: number }) {
    if (!more) return { count: got, capped: false };
    if (match === null || !last || (sort !== 'newest' && sort !== 'oldest')) return this.countWhere(where, match);
    if (got >= COUNT_CAP) return { count: COUNT_CAP, capped: true };
    const key = Number(last.k);
    if (where.clauses.length === 1 && this.surelyCapped(match, sort, key, COUNT_CAP - got)) return { count: COUNT_CAP, capped: true };
    return this.countWhere(where, match, { sort, key, cap: COUNT_CAP - got + 1 }, got);
  }

  /**
   * For a search filtered by nothing but "not trashed": whether more than `room` live hits follow the page, decided
   * from the FTS index alone (no row lookups, ~5× cheaper for a word in most prompts). Even if every trashed item
   * were among the FTS hits, more than `room` would remain.
   */
  private surelyCapped(match: string, sort: 'newest' | 'oldest', key: number, room: number): boolean {
    const trashed = Number((this.stmt('SELECT count(*) AS n FROM items WHERE trashed_at IS NOT NULL').get() as { n: number }).n);
    const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM items_fts WHERE items_fts MATCH ? AND rowid ${sort === 'oldest' ? '>' : '<'} ? LIMIT ?)`;
    const hits = Number((this.stmt(sql).get(match, key, room + trashed + 1) as { n: number }).n);
    return hits - trashed > room;
  }

  facets(trashed: boolean): { models: LibraryFacet[]; aspectRatios: LibraryFacet[] } {
    // Counts kept by triggers (v3 migration): a few rows read instead of grouping the whole library.
    const facet = (name: string) =>
      this.stmt(
        `SELECT value, count FROM facet_counts WHERE facet = ? AND trashed = ? AND count > 0 ORDER BY count DESC, value`,
      ).all(name, trashed ? 1 : 0) as unknown as LibraryFacet[];
    return { models: facet('model'), aspectRatios: facet('aspect') };
  }

  records(ids: readonly string[]): LibraryRecord[] {
    const byId = new Map<string, LibraryRecord>();
    for (const part of chunks([...new Set(ids)])) {
      const sql = `SELECT * FROM items WHERE id IN (${part.map(() => '?').join(',')})`;
      const rows = this.stmt(sql).all(...part) as unknown as ItemRow[];
      const tags = this.tagStore.bySeq(rows.map((r) => r.seq));
      for (const row of rows) byId.set(row.id, fromRow(row, tags.get(row.seq)));
    }
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  get(id: string): LibraryRecord | null {
    return this.records([id])[0] ?? null;
  }

  lineage(id: string): { parents: LineageEdge[]; children: LineageEdge[] } {
    const sql = 'SELECT child_id AS childId, parent_id AS parentId, kind FROM lineage WHERE';
    return {
      parents: this.stmt(`${sql} child_id = ? ORDER BY parent_id`).all(id) as unknown as LineageEdge[],
      children: this.stmt(`${sql} parent_id = ? ORDER BY child_id`).all(id) as unknown as LineageEdge[],
    };
  }

  setFavorite(ids: readonly string[], favorite: boolean): number {
    const f = favorite ? 1 : 0;
    return this.tx(() => this.eachChunk(ids, 'UPDATE items SET favorite = ? WHERE favorite <> ? AND id IN (?list)', [f, f]));
  }

  setRating(ids: readonly string[], rating: number): number {
    return this.tx(() => this.eachChunk(ids, 'UPDATE items SET rating = ? WHERE rating <> ? AND id IN (?list)', [rating, rating]));
  }

  changeTags(ids: readonly string[], add: readonly string[], remove: readonly string[]): string[] {
    return this.tx(() => this.tagStore.change([...new Set(ids)], add, remove));
  }

  tags(options: { prefix?: string; limit: number }): LibraryTag[] {
    return this.tagStore.list(options);
  }

  tagsOf(ids: readonly string[]): LibraryTag[] {
    return this.tagStore.ofItems(chunks([...new Set(ids)]));
  }

  setTrashed(ids: readonly string[], at: number | null): number {
    const sql =
      at === null
        ? 'UPDATE items SET trashed_at = NULL WHERE trashed_at IS NOT NULL AND id IN (?list)'
        : 'UPDATE items SET trashed_at = ? WHERE trashed_at IS NULL AND id IN (?list)';
    return this.tx(() => this.eachChunk(ids, sql, at === null ? [] : [at]));
  }

  setMissing(ids: readonly string[], missing: boolean): number {
    const m = missing ? 1 : 0;
    return this.tx(() => this.eachChunk(ids, 'UPDATE items SET missing = ? WHERE missing <> ? AND id IN (?list)', [m, m]));
  }

  trashedIds(ids?: readonly string[]): string[] {
    if (!ids) {
      return (this.stmt('SELECT id FROM items WHERE trashed_at IS NOT NULL').all() as { id: string }[]).map((r) => r.id);
    }
    return chunks([...new Set(ids)]).flatMap((part) => {
      const sql = `SELECT id FROM items WHERE trashed_at IS NOT NULL AND id IN (${part.map(() => '?').join(',')})`;
      return (this.stmt(sql).all(...part) as { id: string }[]).map((r) => r.id);
    });
  }

  remove(ids: readonly string[]): number {
    return this.tx(() => this.removeRows(ids));
  }

  private removeRows(ids: readonly string[]): number {
    if (ids.length === 0) return 0;
    this.eachChunk(ids, 'DELETE FROM lineage WHERE child_id IN (?list)');
    this.eachChunk(ids, 'DELETE FROM lineage WHERE parent_id IN (?list)');
    return this.eachChunk(ids, 'DELETE FROM items WHERE id IN (?list)');
  }

  shardRefs(shard: string): FileRef[] {
    if (!/^[0-9a-f]{2,3}$/.test(shard)) throw new Error(`Not an id shard: ${shard}`);
    // A range seek on the id index: one shard's rows (~4k at 1M items), never a table scan (EXPLAIN test).
    const upper = /^f+$/.test(shard) ? 'g' : (parseInt(shard, 16) + 1).toString(16).padStart(shard.length, '0');
    const sql = `SELECT id, file, thumb, preview, missing FROM items WHERE id >= ? AND id < ? ORDER BY id`;
    const rows = this.stmt(sql).all(shard, upper) as unknown as (Omit<FileRef, 'missing'> & {
      missing: number;
    })[];
    return rows.map((r) => ({ ...r, missing: r.missing === 1 }));
  }

  findByContentHash(hashes: readonly string[]): Map<string, HashMatch> {
    const found = new Map<string, HashMatch>();
    for (const part of chunks([...new Set(hashes)])) {
      // Live items first, so a file whose copy sits in the trash is reported against the live one when both exist.
      const sql = `SELECT content_hash AS hash, id, trashed_at IS NOT NULL AS trashed FROM items
        WHERE content_hash IN (${part.map(() => '?').join(',')}) ORDER BY trashed DESC`;
      for (const r of this.stmt(sql).all(...part) as { hash: string; id: string; trashed: number }[]) {
        found.set(r.hash, { id: r.id, trashed: r.trashed === 1 });
      }
    }
    return found;
  }

  listCollections(): CollectionRow[] {
    return this.stmt(
      // Counts and covers leave out trashed items (issue 14.10): a collection whose items are all in the trash is empty.
      `SELECT c.id, c.name, c.created_at AS createdAt,
        (SELECT count(*) FROM collection_items m JOIN items i ON i.id = m.item_id
          WHERE m.collection_id = c.id AND i.trashed_at IS NULL) AS count,
        (SELECT i.thumb FROM collection_items m JOIN items i ON i.id = m.item_id
          WHERE m.collection_id = c.id AND i.trashed_at IS NULL AND i.missing = 0 AND i.thumb IS NOT NULL
          ORDER BY i.created_at DESC, i.id LIMIT 1) AS cover
       FROM collections c ORDER BY c.name, c.id`,
    ).all() as unknown as CollectionRow[];
  }

  createCollection(id: string, name: string, createdAt: number): CollectionRow {
    this.stmt('INSERT INTO collections (id, name, created_at) VALUES (?, ?, ?)').run(id, name, createdAt);
    return { id, name, createdAt, count: 0, cover: null };
  }

  renameCollection(id: string, name: string): CollectionRow | null {
    this.stmt('UPDATE collections SET name = ? WHERE id = ?').run(name, id);
    return this.listCollections().find((c) => c.id === id) ?? null;
  }

  deleteCollection(id: string): number {
    return Number(this.stmt('DELETE FROM collections WHERE id = ?').run(id).changes);
  }

  addToCollection(collectionId: string, ids: readonly string[]): number {
    const sql = `INSERT OR IGNORE INTO collection_items (collection_id, item_id)
      SELECT c.id, i.id FROM collections c JOIN items i ON i.id IN (?list) WHERE c.id = ?`;
    return this.tx(() => {
      let n = 0;
      for (const part of chunks([...new Set(ids)])) {
        n += Number(this.stmt(sql.replace('?list', part.map(() => '?').join(','))).run(...part, collectionId).changes);
      }
      return n;
    });
  }

  removeFromCollection(collectionId: string, ids: readonly string[]): number {
    const sql = 'DELETE FROM collection_items WHERE collection_id = ? AND item_id IN (?list)';
    return this.tx(() => this.eachChunk(ids, sql, [collectionId]));
  }

  collectionsOf(id: string): string[] {
    const rows = this.stmt('SELECT collection_id AS c FROM collection_items WHERE item_id = ? ORDER BY c').all(id);
    return (rows as { c: string }[]).map((r) => r.c);
  }

  setPerceptualHashes(hashes: readonly { id: string; phash: string }[]): void {
    const put = this.stmt('INSERT OR REPLACE INTO perceptual_hashes (id, phash) SELECT id, ? FROM items WHERE id = ?');
    this.tx(() => {
      for (const h of hashes) put.run(h.phash, h.id);
    });
  }

  unhashedImages(limit: number): { id: string; file: string; thumb: string | null }[] {
    return this.stmt(
      `SELECT i.id, i.file, i.thumb FROM items i WHERE i.kind = 'image' AND i.missing = 0
        AND NOT EXISTS (SELECT 1 FROM perceptual_hashes h WHERE h.id = i.id) ORDER BY i.seq DESC LIMIT ?`,
    ).all(limit) as unknown as { id: string; file: string; thumb: string | null }[];
  }

  olderThumbnails(limit: number): OlderThumb[] {
    // Walks the partial index of rows whose thumbnail predates the current rule (v13): empty once back-filled.
    return this.stmt(
      `SELECT id, kind, file, width, height FROM items INDEXED BY items_older_thumbs
        WHERE thumb_px IS NULL AND thumb IS NOT NULL AND missing = 0 ORDER BY seq DESC LIMIT ?`,
    ).all(limit) as unknown as OlderThumb[];
  }

  setThumbPx(ids: readonly string[], px: number): void {
    if (ids.length === 0) return;
    this.tx(() => this.eachChunk(ids, 'UPDATE items SET thumb_px = ? WHERE id IN (?list)', [px]));
  }

  unhashedWindow(cursor: string | null, rows: number) {
    // The window's bounds from the rowid alone, then the wanted rows inside it: two range scans of `rows` rows.
    const below = cursor === null ? '' : 'WHERE seq < ?';
    const args = cursor === null ? [rows] : [Number(cursor), rows];
    const bounds = this.stmt(`SELECT min(seq) AS low, count(*) AS n FROM (SELECT seq FROM items ${below} ORDER BY seq DESC LIMIT ?)`).get(
      ...args,
    ) as { low: number | null; n: number };
    if (bounds.low === null) return { images: [], next: null };
    const images = this.stmt(
      `SELECT i.id, i.file, i.thumb FROM items i WHERE i.seq >= ? ${cursor === null ? '' : 'AND i.seq < ?'} AND i.kind = 'image'
        AND i.missing = 0 AND NOT EXISTS (SELECT 1 FROM perceptual_hashes h WHERE h.id = i.id) ORDER BY i.seq DESC`,
    ).all(...(cursor === null ? [bounds.low] : [bounds.low, Number(cursor)])) as unknown as { id: string; file: string; thumb: string | null }[];
    return { images, next: Number(bounds.n) < rows ? null : String(bounds.low) };
  }

  unhashedCount(): number {
    const sql = `SELECT count(*) AS n FROM items i WHERE i.kind = 'image' AND i.missing = 0
      AND NOT EXISTS (SELECT 1 FROM perceptual_hashes h WHERE h.id = i.id)`;
    return Number((this.stmt(sql).get() as { n: number }).n);
  }

  hashedImages(): { id: string; phash: string | null; contentHash: string | null }[] {
    return this.stmt(
      `SELECT i.id, h.phash, i.content_hash AS contentHash FROM items i LEFT JOIN perceptual_hashes h ON h.id = i.id
        WHERE i.kind = 'image' AND i.trashed_at IS NULL ORDER BY i.seq`,
    ).all() as unknown as { id: string; phash: string | null; contentHash: string | null }[];
  }

  putShare(row: ShareRow): void {
    this.stmt(
      `INSERT OR REPLACE INTO share_links (id, item_id, file_id, url, created_at, expires_at, revoked_at, file_deleted, bytes, mime)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(row.id, row.itemId, row.fileId, row.url, row.createdAt, row.expiresAt, row.revokedAt, row.fileDeleted ? 1 : 0, row.bytes, row.mime);
  }

  shares(filter: { itemId?: string; liveAt?: number }): ShareRow[] {
    const where: string[] = [];
    const params: SQLInputValue[] = [];
    if (filter.itemId !== undefined) {
      where.push('item_id = ?');
      params.push(filter.itemId);
    }
    if (filter.liveAt !== undefined) {
      where.push('revoked_at IS NULL AND expires_at > ?');
      params.push(filter.liveAt);
    }
    const sql = `SELECT id, item_id AS itemId, file_id AS fileId, url, created_at AS createdAt, expires_at AS expiresAt,
      revoked_at AS revokedAt, file_deleted AS fileDeleted, bytes, mime FROM share_links
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id`;
    return (this.stmt(sql).all(...params) as unknown as (Omit<ShareRow, 'fileDeleted'> & { fileDeleted: number })[]).map((r) => ({ ...r, fileDeleted: r.fileDeleted === 1 }));
  }

  externalVersion(): number {
    return Number((this.db.prepare('PRAGMA data_version').get() as { data_version: number }).data_version);
  }

  /**
   * SQLite checkpoints the WAL into the database every 1,000 pages, and each checkpoint syncs the file: a rebuild's
   * 256 shard commits hit that every few commits, which on a busy disk was half of a 20,000-item rebuild's time
   * (issue 16). During one, every 20,000 pages (~80 MB of log); after it, one checkpoint that waits for nobody.
   */
  bulkWrites(on: boolean): void {
    this.db.exec(`PRAGMA wal_autocheckpoint = ${on ? BULK_CHECKPOINT_PAGES : 1000}`);
    if (!on) this.db.prepare('PRAGMA wal_checkpoint(PASSIVE)').get();
  }

  listSmart(): SmartRow[] {
    return this.stmt('SELECT id, name, created_at AS createdAt, query FROM smart_collections ORDER BY name, id').all() as unknown as SmartRow[];
  }

  putSmart(row: SmartRow): void {
    this.stmt(
      `INSERT INTO smart_collections (id, name, created_at, query) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, query = excluded.query`,
    ).run(row.id, row.name, row.createdAt, row.query);
  }

  deleteSmart(id: string): number {
    return Number(this.stmt('DELETE FROM smart_collections WHERE id = ?').run(id).changes);
  }

  clear(): void {
    this.tx(() => {
      this.db.exec(
        'DELETE FROM perceptual_hashes; DELETE FROM smart_collections; DELETE FROM collection_items; DELETE FROM collections; DELETE FROM lineage; DELETE FROM item_tags; DELETE FROM items; DELETE FROM tag_counts;',
      );
    });
  }

  close(): void {
    this.db.close();
  }
}

/**
 * A relevance page's total: the size of the ranked set (at most RELEVANCE_CAP; capped when the cap was reached, as
 * only those hits can be paged through). An empty page past the end has no row to carry it.
 */
function relevanceTotal(n: number | undefined, got: number, offset: number): { count: number; capped: boolean } {
  const count = n ?? offset + got;
  return count >= RELEVANCE_CAP ? { count: RELEVANCE_CAP, capped: true } : { count, capped: false };
}
