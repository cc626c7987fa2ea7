import type { LibrarySort } from '@contract';
import { fail } from '../app-error';

/**
 * Keyset cursors: the sort value and id of the last row of a page, so the next page starts with a range seek
 * instead of an OFFSET that gets slower the deeper the grid scrolls. Relevance has no stable stored key, so its
 * cursor is an offset. Every cursor also carries the total counted for the first page: later pages return it
 * instead of counting again (the count is the costly part of a broad search, and the renderer re-queries from
 * the first page whenever the library changes).
 */
export type Cursor = (
  | { kind: 'key'; value: number; id: string }
  | { kind: 'offset'; offset: number }
  /** The rating sort: the rating, then the store's own order key (`at`: seq in SQLite, the date in the twin). */
  | { kind: 'rank'; value: number; at: number; id: string }
) & {
  total?: { count: number; capped: boolean };
};

/** Text searches stop counting here and report "10,000+": an exact count of a broad hit costs a scan of it. */
export const COUNT_CAP = 10_000;

/**
 * Relevance ranks only the newest this-many hits of a search (bm25 over them, then by score): scoring every hit of
 * a word in most prompts cost ~300 ms at 300k items. A search with fewer hits ranks exactly as before; a broader
 * one reports `totalCapped` with this total, since only these hits can be paged through.
 */
export const RELEVANCE_CAP = 2_000;

export function encodeCursor(cursor: Cursor): string {
  const head =
    cursor.kind === 'key' ? `k.${cursor.value}.${cursor.id}` : cursor.kind === 'rank' ? `r.${cursor.value}.${cursor.at}.${cursor.id}` : `o.${cursor.offset}`;
  return cursor.total ? `${head}.${cursor.total.count}${cursor.total.capped ? '+' : ''}` : head;
}

function totalOf(count: string | undefined, plus: string | undefined): Cursor['total'] {
  return count === undefined ? undefined : { count: Number(count), capped: plus === '+' };
}

/** Parses a cursor made by `encodeCursor`; anything else is a validation error, never a query error. */
export function decodeCursor(text: string | undefined, sort: LibrarySort): Cursor | null {
  if (text === undefined) return null;
  const rank = /^r\.([0-5])\.(-?\d{1,19})\.([0-9a-f]{32})(?:\.(\d{1,9})(\+)?)?$/.exec(text);
  if (rank && sort === 'rating') {
    const total = totalOf(rank[4], rank[5]);
    return { kind: 'rank', value: Number(rank[1]), at: Number(rank[2]), id: rank[3] ?? '', ...(total ? { total } : {}) };
  }
  const key = /^k\.(-?\d{1,19})\.([0-9a-f]{32})(?:\.(\d{1,9})(\+)?)?$/.exec(text);
  if (key && sort !== 'relevance' && sort !== 'rating') {
    const total = totalOf(key[3], key[4]);
    return { kind: 'key', value: Number(key[1]), id: key[2] ?? '', ...(total ? { total } : {}) };
  }
  const offset = /^o\.(\d{1,9})(?:\.(\d{1,9})(\+)?)?$/.exec(text);
  if (offset && sort === 'relevance') {
    const total = totalOf(offset[2], offset[3]);
    return { kind: 'offset', offset: Number(offset[1]), ...(total ? { total } : {}) };
  }
  return fail({ kind: 'validation', message: 'Invalid or stale cursor.', issues: [] });
}

/** The sort value a keyset cursor carries for a row. */
export function sortValue(sort: LibrarySort, row: { createdAt: number; bytes: number; rating: number }): number {
  return sort === 'largest' ? row.bytes : sort === 'rating' ? row.rating : row.createdAt;
}
