import type { LibraryFilter, LibrarySort } from '@contract';
import type { SQLInputValue } from 'node:sqlite';
import { COUNT_CAP, RELEVANCE_CAP, type Cursor } from '../../core/library/cursor';
import { ftsExclusionOf, normalizeTag, type SearchQuery } from '../../core/library/search-query';

/** A WHERE clause with its bound parameters; user text only ever travels as parameters. */
export interface SqlWhere {
  clauses: string[];
  params: SQLInputValue[];
  /** The trash view (picks the trash's own index). */
  trashed: boolean;
  /** The first wanted tag and the index of its clause: newest/oldest pages walk that tag's rows (see `pageSql`). */
  leadTag?: { tag: string; clause: number };
  /** A cheaper way to count the same rows, when the filter has a tag (see `tagCountSql`). */
  tagCount?: { sql: string; params: SQLInputValue[] } | null;
}

/** Slots per millisecond in `seq` (see the v2 migration): seq = created_at * SEQ_SLOTS + rank by id. */
export const SEQ_SLOTS = 1024;

/** The ratings both the filter and the search text allow (null: either says nothing). */
function allowedRatings(f: LibraryFilter, search: SearchQuery | null): number[] | null {
  const a = f.ratings ? [...new Set(f.ratings)] : null;
  const b = search?.ratings ?? null;
  if (a && b) return a.filter((r) => b.includes(r));
  return a ?? b;
}

/**
 * Builds the filter part of a grid query (the search text's wanted words pick the FROM clause; its tags, ratings
 * and, with no wanted words, its excluded words are clauses here). Dates become rowid ranges: `created_at >= t`
 * is exactly `seq >= t * SEQ_SLOTS`, and a rowid range is a seek.
 */
export function filterWhere(f: LibraryFilter, search: SearchQuery | null = null): SqlWhere {
  const clauses: string[] = [f.trashed ? 'i.trashed_at IS NOT NULL' : 'i.trashed_at IS NULL'];
  const params: SQLInputValue[] = [];
  const add = (clause: string, ...values: SQLInputValue[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  if (f.kind !== undefined) add('i.kind = ?', f.kind);
  if (f.model !== undefined) add('i.model = ?', f.model);
  if (f.provider !== undefined) add('i.provider = ?', f.provider);
  if (search?.providers) add(search.providers.length === 0 ? '0' : `i.provider IN (${search.providers.map(() => '?').join(', ')})`, ...search.providers);
  if (f.origin !== undefined) add('i.origin = ?', f.origin);
  if (f.from !== undefined) add('i.seq >= ?', f.from * SEQ_SLOTS);
  if (f.to !== undefined) add('i.seq < ?', f.to * SEQ_SLOTS);
  if (f.aspectRatio !== undefined) add('i.aspect_ratio = ?', f.aspectRatio);
  if (f.favorite !== undefined) add('i.favorite = ?', f.favorite ? 1 : 0);
  if (f.hasLineage !== undefined) add('i.has_lineage = ?', f.hasLineage ? 1 : 0);
  if (f.collectionId !== undefined) {
    add('i.id IN (SELECT item_id FROM collection_items WHERE collection_id = ?)', f.collectionId);
  }
  const tags = new Set([...(f.tags ?? []).map(normalizeTag).filter(Boolean), ...(search?.tags ?? [])]);
  let leadTag: SqlWhere['leadTag'];
  for (const tag of tags) {
    leadTag ??= { tag, clause: clauses.length };
    add('i.seq IN (SELECT seq FROM item_tags WHERE tag = ?)', tag);
  }
  for (const tag of search?.excludedTags ?? []) add('i.seq NOT IN (SELECT seq FROM item_tags WHERE tag = ?)', tag);
  const ratings = allowedRatings(f, search);
  if (ratings) add(ratings.length === 0 ? '0' : `i.rating IN (${ratings.map(Number).join(', ')})`);
  const exclusion = search ? ftsExclusionOf(search) : null;
  if (exclusion) add('i.seq NOT IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)', exclusion);
  return { clauses, params, trashed: f.trashed === true, ...(leadTag ? { leadTag } : {}) };
}

/**
 * A count driven by a tag's rows instead of the items table, for filters with at least one tag and no search words:
 * the first tag's index range, with the rating and live state read from the tag rows themselves (v4 keeps them
 * there), further and excluded tags as primary-key probes, and the items table joined only when some other
 * filter (kind, model, dates…) needs its columns. Null when the filter has no tag or shows the trash.
 */
export function tagCountSql(f: LibraryFilter, search: SearchQuery): { sql: string; params: SQLInputValue[] } | null {
  if (f.trashed) return null;
  const tags = [...new Set([...(f.tags ?? []).map(normalizeTag).filter(Boolean), ...search.tags])];
  const [lead, ...others] = tags;
  if (lead === undefined) return null;
  const ratings = allowedRatings(f, search);
  const clauses = ['t.tag = ?', 't.live = 1'];
  const params: SQLInputValue[] = [lead];
  if (ratings) clauses.push(ratings.length === 0 ? '0' : `t.rating IN (${ratings.map(Number).join(', ')})`);
  for (const tag of others) {
    clauses.push('EXISTS (SELECT 1 FROM item_tags o WHERE o.tag = ? AND o.seq = t.seq)');
    params.push(tag);
  }
  for (const tag of search.excludedTags) {
    clauses.push('NOT EXISTS (SELECT 1 FROM item_tags o WHERE o.tag = ? AND o.seq = t.seq)');
    params.push(tag);
  }
  // Everything else, as the grid would filter it; the trash clause is covered by t.live above.
  const { tags: _tags, ratings: _ratings, ...rest } = f;
  const other = filterWhere(rest, { ...search, tags: [], excludedTags: [], ratings: null });
  const extra = other.clauses.slice(1).map((c) => c.replaceAll('i.seq', 't.seq'));
  const join = extra.some((c) => c.includes('i.')) ? ' JOIN items i ON i.seq = t.seq' : '';
  return {
    sql: `SELECT count(*) AS n FROM item_tags t INDEXED BY item_tags_count${join} WHERE ${[...clauses, ...extra].join(' AND ')}`,
    params: [...params, ...other.params],
  };
}

/**
 * The FROM clause. With search text the FTS index drives (CROSS JOIN pins the loop order): it yields hits in
 * rowid order, which is grid order, so `LIMIT` stops the walk after one page even for a word in every prompt.
 * Floor: a phrase of two very common words with few phrase hits (`"in the"`: 3.5k of 300k) has no page to stop
 * at, so FTS decodes both words' position lists in full: ~13–21 ms p95 at 300k items (bench), under the 50 ms goal.
 */
function source(match: string | null, trashed = false): { from: string; params: SQLInputValue[]; key: string } {
  // The trash view reads the (small) trash through its partial index and sorts it: with no index leading with
  // favorite/kind for trashed rows (v3), the planner would otherwise walk the whole table.
  if (match === null) return { from: trashed ? 'items i INDEXED BY items_trashed' : 'items i', params: [], key: 'i.seq' };
  return { from: 'items_fts f CROSS JOIN items i ON i.seq = f.rowid', params: [match], key: 'f.rowid' };
}

const where = (match: string | null, clauses: string[]) =>
  [...(match === null ? [] : ['items_fts MATCH ?']), ...clauses].join(' AND ');

/** Every page also reads each item's size (same row, no extra lookup): the grid lays out justified rows from it. */
const SHAPE = 'i.width AS w, i.height AS h';

/**
 * A term with more hits than this is "broad" for relevance: bm25 first counts every hit of each term in the whole
 * index (its IDF pass), which for a word in half the prompts of a 1M library is a 50+ ms walk of its position
 * list, whatever LIMIT follows. At 10,000 the probe and bm25's pass each stay near 1 ms; at 50,000 a word typed
 * into a 100k library ("the": 49,787 hits) cost ~10 ms of CPU per keystroke (issue 16).
 */
export const BROAD_HITS = 10_000;

/**
 * The page query: rowid walk for newest/oldest, (bytes, id) seek for largest, bm25 (offset cursor) for relevance.
 * `broad` (relevance only): some term has more than BROAD_HITS hits, so the newest RELEVANCE_CAP hits are ordered
 * shortest text first instead of by bm25 — what bm25 orders them by anyway when each word occurs once in a prompt
 * (the IDF is then the same factor for every hit), without its pass over every hit. Relevance rows carry `n`, the
 * size of the ranked set, so its total costs no second walk.
 */
export function pageSql(
  w: SqlWhere,
  sort: LibrarySort,
  match: string | null,
  cursor: Cursor | null,
  limit: number,
  broad = false,
  skip = 0,
): { sql: string; params: SQLInputValue[] } {
  const page = pageSqlAt(w, sort, match, cursor, limit, broad);
  if (skip === 0) return page;
  // Every page query ends in `LIMIT ?` (relevance: `LIMIT ? OFFSET ?`, its cursor's offset, which the skip adds to).
  if (page.sql.endsWith('OFFSET ?')) return { sql: page.sql, params: [...page.params.slice(0, -1), Number(page.params.at(-1)) + skip] };
  return { sql: `${page.sql} OFFSET ?`, params: [...page.params, skip] };
}

function pageSqlAt(
  w: SqlWhere,
  sort: LibrarySort,
  match: string | null,
  cursor: Cursor | null,
  limit: number,
  broad: boolean,
): { sql: string; params: SQLInputValue[] } {
  const src = source(match, w.trashed);
  if (sort === 'relevance' && match !== null) {
    // The inner query walks the FTS hits newest first and stops at RELEVANCE_CAP; only those are scored and sorted.
    const score = broad
      ? `length(i.prompt) + coalesce(length(i.edit_instruction), 0) + coalesce(length(i.title), 0)`
      : 'bm25(items_fts, 2.0, 1.0, 2.0)';
    const sql = `SELECT id, k, w, h, count(*) OVER () AS n FROM (SELECT i.id AS id, i.seq AS k, ${SHAPE}, ${score} AS score
      FROM ${src.from} WHERE ${where(match, w.clauses)} ORDER BY f.rowid DESC LIMIT ${RELEVANCE_CAP})
      ORDER BY score, k DESC LIMIT ? OFFSET ?`;
    const offset = cursor?.kind === 'offset' ? cursor.offset : 0;
    return { sql, params: [...src.params, ...w.params, limit, offset] };
  }
  const clauses = [...w.clauses];
  const params = [...w.params];
  if (sort === 'rating') {
    // Walks items_live_rating from the top and stops after a page; with search text the hits are a membership
    // test instead of the driving loop (sorting every hit of a broad word by rating would cost a full sort).
    if (match !== null) {
      clauses.push('i.seq IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)');
      params.push(match);
    }
    if (cursor?.kind === 'rank') {
      clauses.push('(i.rating, i.seq) < (?, ?)');
      params.push(cursor.value, cursor.at);
    }
    const from = w.trashed ? 'items i INDEXED BY items_trashed' : 'items i';
    const sql = `SELECT i.id AS id, i.rating AS k, i.seq AS s, ${SHAPE} FROM ${from} WHERE ${where(null, clauses)}
      ORDER BY i.rating DESC, i.seq DESC LIMIT ?`;
    return { sql, params: [...params, limit] };
  }
  if (sort === 'largest') {
    if (cursor?.kind === 'key') {
      clauses.push('(i.bytes, i.id) < (?, ?)');
      params.push(cursor.value, cursor.id);
    }
    const sql = `SELECT i.id AS id, i.bytes AS k, ${SHAPE} FROM ${src.from} WHERE ${where(match, clauses)}
      ORDER BY i.bytes DESC, i.id DESC LIMIT ?`;
    return { sql, params: [...src.params, ...params, limit] };
  }
  const dir = sort === 'oldest' ? 'ASC' : 'DESC';
  if (match === null && w.leadTag) {
    // A tag filter walks that tag's (tag, seq) rows in grid order and stops after a page, reading the live state
    // from the tag row; the tag's own IN clause is then implied. Its parameter is the one at the clause's position.
    const lead = w.leadTag;
    const paramAt = w.clauses.slice(0, lead.clause).reduce((n, c) => n + (c.match(/\?/g)?.length ?? 0), 0);
    const keep = clauses.filter((_c, i) => i !== lead.clause);
    const rest = params.filter((_p, i) => i !== paramAt);
    if (cursor?.kind === 'key') {
      keep.push(`t.seq ${dir === 'DESC' ? '<' : '>'} ?`);
      rest.push(cursor.value);
    }
    const sql = `SELECT i.id AS id, i.seq AS k, ${SHAPE} FROM item_tags t CROSS JOIN items i ON i.seq = t.seq
      WHERE t.tag = ? AND t.live = ? AND ${keep.join(' AND ')} ORDER BY t.seq ${dir} LIMIT ?`;
    return { sql, params: [lead.tag, w.trashed ? 0 : 1, ...rest, limit] };
  }
  if (cursor?.kind === 'key') {
    clauses.push(`${src.key} ${dir === 'DESC' ? '<' : '>'} ?`);
    params.push(cursor.value);
  }
  const sql = `SELECT i.id AS id, i.seq AS k, ${SHAPE} FROM ${src.from} WHERE ${where(match, clauses)}
    ORDER BY ${src.key} ${dir} LIMIT ?`;
  return { sql, params: [...src.params, ...params, limit] };
}

/**
 * Counts the first page's total. A search stops after `cap` rows (COUNT_CAP + 1 by default) so a broad hit costs
 * at most that many; `after` counts only the rows past a newest/oldest page, which the page query already saw.
 */
export function countSql(
  w: SqlWhere,
  match: string | null,
  after?: { sort: 'newest' | 'oldest'; key: number; cap: number },
  cap = COUNT_CAP + 1,
): { sql: string; params: SQLInputValue[] } {
  if (match === null) {
    return { sql: `SELECT count(*) AS n FROM ${source(null, w.trashed).from} WHERE ${where(null, w.clauses)}`, params: w.params };
  }
  const src = source(match);
  const clauses = after ? [...w.clauses, `${src.key} ${after.sort === 'oldest' ? '>' : '<'} ?`] : w.clauses;
  const params = after ? [...src.params, ...w.params, after.key] : [...src.params, ...w.params];
  const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM ${src.from} WHERE ${where(match, clauses)} LIMIT ${after?.cap ?? cap})`;
  return { sql, params };
}

/**
 * Which of `ids` match a filter (and search), in the sort's order. The search is checked per row with a rowid
 * lookup in the FTS index, so a word in most prompts costs as much as a rare one. Relevance has no stored key:
 * such rows come newest first (the grid refreshes a relevance view instead of placing rows in it).
 */
export function idsSql(w: SqlWhere, sort: LibrarySort, match: string | null, ids: readonly string[]): { sql: string; params: SQLInputValue[] } {
  const clauses = [...w.clauses, `i.id IN (${ids.map(() => '?').join(',')})`];
  const params: SQLInputValue[] = [...w.params, ...ids];
  if (match !== null) {
    clauses.push('EXISTS (SELECT 1 FROM items_fts f WHERE items_fts MATCH ? AND f.rowid = i.seq)');
    params.push(match);
  }
  const order = sort === 'largest' ? 'i.bytes DESC, i.id DESC' : sort === 'oldest' ? 'i.seq ASC' : 'i.seq DESC';
  return { sql: `SELECT i.id AS id, ${SHAPE} FROM items i WHERE ${clauses.join(' AND ')} ORDER BY ${order}`, params };
}
