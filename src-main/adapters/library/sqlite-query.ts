import type { LibraryFilter, LibrarySort } from '@contract';
import type { SQLInputValue } from 'node:sqlite';
import type { Cursor } from '../../core/library/cursor';

/** A WHERE clause with its bound parameters; user text only ever travels as parameters. */
export interface SqlWhere {
  clauses: string[];
  params: SQLInputValue[];
}

/** Builds the filter part of a grid query; `match` is the already-escaped FTS expression, if any. */
export function filterWhere(f: LibraryFilter, match: string | null): SqlWhere {
  const clauses: string[] = [f.trashed ? 'i.trashed_at IS NOT NULL' : 'i.trashed_at IS NULL'];
  const params: SQLInputValue[] = [];
  const add = (clause: string, ...values: SQLInputValue[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  if (f.kind !== undefined) add('i.kind = ?', f.kind);
  if (f.model !== undefined) add('i.model = ?', f.model);
  if (f.origin !== undefined) add('i.origin = ?', f.origin);
  if (f.from !== undefined) add('i.created_at >= ?', f.from);
  if (f.to !== undefined) add('i.created_at < ?', f.to);
  if (f.aspectRatio !== undefined) add('i.aspect_ratio = ?', f.aspectRatio);
  if (f.favorite !== undefined) add('i.favorite = ?', f.favorite ? 1 : 0);
  if (f.hasLineage !== undefined) add('i.has_lineage = ?', f.hasLineage ? 1 : 0);
  if (f.collectionId !== undefined) {
    add('i.id IN (SELECT item_id FROM collection_items WHERE collection_id = ?)', f.collectionId);
  }
  if (match !== null) add('i.seq IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)', match);
  return { clauses, params };
}

const ORDER: Record<Exclude<LibrarySort, 'relevance'>, { column: string; dir: 'ASC' | 'DESC' }> = {
  newest: { column: 'i.created_at', dir: 'DESC' },
  oldest: { column: 'i.created_at', dir: 'ASC' },
  largest: { column: 'i.bytes', dir: 'DESC' },
};

/** The page query: keyset seek for stored sorts, bm25 order (with an offset cursor) for relevance. */
export function pageSql(
  where: SqlWhere,
  sort: LibrarySort,
  match: string | null,
  cursor: Cursor | null,
  limit: number,
): { sql: string; params: SQLInputValue[]; keyColumn: string } {
  if (sort === 'relevance' && match !== null) {
    // bm25 needs the FTS row, so relevance joins the FTS table instead of filtering through IN.
    const clauses = where.clauses.slice(0, -1);
    const sql = `SELECT i.id AS id, i.created_at AS k FROM items_fts f JOIN items i ON i.seq = f.rowid
      WHERE items_fts MATCH ? ${clauses.map((c) => `AND ${c}`).join(' ')}
      ORDER BY bm25(items_fts, 2.0, 1.0), i.created_at DESC, i.id DESC LIMIT ? OFFSET ?`;
    const offset = cursor?.kind === 'offset' ? cursor.offset : 0;
    return { sql, params: [match, ...where.params.slice(0, -1), limit, offset], keyColumn: 'k' };
  }
  const order = ORDER[sort === 'relevance' ? 'newest' : sort];
  const clauses = [...where.clauses];
  const params = [...where.params];
  if (cursor?.kind === 'key') {
    clauses.push(`(${order.column}, i.id) ${order.dir === 'DESC' ? '<' : '>'} (?, ?)`);
    params.push(cursor.value, cursor.id);
  }
  const sql = `SELECT i.id AS id, ${order.column} AS k FROM items i WHERE ${clauses.join(' AND ')}
    ORDER BY ${order.column} ${order.dir}, i.id ${order.dir} LIMIT ?`;
  return { sql, params: [...params, limit], keyColumn: 'k' };
}

export function countSql(where: SqlWhere): { sql: string; params: SQLInputValue[] } {
  return { sql: `SELECT count(*) AS n FROM items i WHERE ${where.clauses.join(' AND ')}`, params: where.params };
}
