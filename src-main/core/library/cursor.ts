import type { LibrarySort } from '@contract';
import { fail } from '../app-error';

/**
 * Keyset cursors: the sort value and id of the last row of a page, so the next page starts with a range seek
 * instead of an OFFSET that gets slower the deeper the grid scrolls. Relevance has no stable stored key, so its
 * cursor is an offset (search results are small).
 */
export type Cursor = { kind: 'key'; value: number; id: string } | { kind: 'offset'; offset: number };

export function encodeCursor(cursor: Cursor): string {
  return cursor.kind === 'key' ? `k.${cursor.value}.${cursor.id}` : `o.${cursor.offset}`;
}

/** Parses a cursor made by `encodeCursor`; anything else is a validation error, never a query error. */
export function decodeCursor(text: string | undefined, sort: LibrarySort): Cursor | null {
  if (text === undefined) return null;
  const key = /^k\.(-?\d{1,16})\.([0-9a-f]{32})$/.exec(text);
  if (key && sort !== 'relevance') return { kind: 'key', value: Number(key[1]), id: key[2] ?? '' };
  const offset = /^o\.(\d{1,9})$/.exec(text);
  if (offset && sort === 'relevance') return { kind: 'offset', offset: Number(offset[1]) };
  return fail({ kind: 'validation', message: 'Invalid or stale cursor.', issues: [] });
}

/** The sort value a keyset cursor carries for a row. */
export function sortValue(sort: LibrarySort, row: { createdAt: number; bytes: number }): number {
  return sort === 'largest' ? row.bytes : row.createdAt;
}
