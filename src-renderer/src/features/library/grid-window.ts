/** Pure window maths for the virtualized grid: square columns from width, and which records to fetch. */

export const GRID_GAP = 8;

/**
 * The Tile size slider's default: justified rows about this tall, square cells at least this wide. Chosen so a
 * 1024×700 window (narrow navigation, Library sidebar hidden) holds four or more tiles a row for a typical mix of
 * 1:1, 3:2, 4:3, 16:9 and their portrait turns (issue 14.10) — demo mode's sample library included — and 1280×800 with
 * the sidebar shows four to five.
 * On the slider's 8 px steps from 96.
 */
export const DEFAULT_TILE_SIZE = 160;

/** How many tiles fit in a row of `width` px at the chosen tile size (at least one). */
export function columnsFor(width: number, tileSize: number, gap = GRID_GAP): number {
  if (width <= 0) return 1;
  return Math.max(1, Math.floor((width + gap) / (tileSize + gap)));
}

/** Tiles stretch to fill the row exactly, so there is no ragged gap on the right at any window width. */
export function tileWidthFor(width: number, columns: number, min: number, gap = GRID_GAP): number {
  if (width <= 0) return min;
  return Math.max(min, Math.floor((width - (columns - 1) * gap) / columns));
}

/**
 * Ids in the span that are neither cached nor already being fetched, in batches the `library:records` channel
 * accepts (≤ 1000). Only these cross IPC: a 100k library still moves a screenful of records at a time.
 */
export function idsToFetch(
  ids: readonly string[],
  span: [number, number],
  has: (id: string) => boolean,
  batch = 1000,
): string[][] {
  const missing: string[] = [];
  for (let i = span[0]; i < span[1]; i += 1) {
    const id = ids[i];
    if (id !== undefined && !has(id)) missing.push(id);
  }
  const batches: string[][] = [];
  for (let i = 0; i < missing.length; i += batch) batches.push(missing.slice(i, i + batch));
  return batches;
}

/**
 * True when the visible span reaches the end of the ids paged from the top, or comes within `margin` of it, and
 * the query has more pages. A span far past it (End, a jump, the scrollbar dragged down a 1M library) does not
 * page every id above it in: it asks for its own page (`farSpan`).
 */
export function needsMoreIds(span: readonly [number, number], loaded: number, hasMore: boolean, margin = 500): boolean {
  return hasMore && span[1] + margin >= loaded && span[0] <= loaded + margin;
}

/**
 * The items of the span whose ids have not arrived, `[first, last + 1)`, when the span lies past the margin below
 * the ids paged from the top (null: nothing missing there, or paging from the top reaches it first).
 */
export function farSpan(ids: readonly (string | undefined)[], span: readonly [number, number], loaded: number, margin = 500): [number, number] | null {
  if (span[0] <= loaded + margin) return null;
  let first = -1;
  let last = -1;
  for (let i = span[0]; i < span[1]; i += 1) {
    if (ids[i] !== undefined) continue;
    if (first < 0) first = i;
    last = i;
  }
  return first < 0 ? null : [first, last + 1];
}

/** A range put into `placed` (sorted, disjoint, merged where they touch), dropping what `loaded` now covers. */
export function withPlaced(placed: readonly (readonly [number, number])[], loaded: number, range?: readonly [number, number]): [number, number][] {
  const all = (range ? [...placed, range] : [...placed]).filter(([, b]) => b > loaded).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of all) {
    const prev = out.at(-1);
    if (prev && a <= prev[1]) prev[1] = Math.max(prev[1], b);
    else out.push([Math.max(a, loaded), b]);
  }
  return out;
}

/**
 * What the layout knows for certain: the ids from the top (`loaded`, run on through placed ranges that touch it)
 * and the placed ranges past that.
 */
export function knownRanges(loaded: number, placed: readonly (readonly [number, number])[]): { head: number; placed: (readonly [number, number])[] } {
  let head = loaded;
  const rest: (readonly [number, number])[] = [];
  for (const r of placed) {
    if (rest.length === 0 && r[0] <= head) head = Math.max(head, r[1]);
    else rest.push(r);
  }
  return { head, placed: rest };
}

/** Splits a list for bulk channels that cap their id lists (trash, favorite: 20k; export: 5k). */
export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
