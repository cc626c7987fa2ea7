/** Pure layout and window maths for the virtualized grid: columns from width, and which records to fetch. */

export const GRID_GAP = 8;

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

export function rowCount(total: number, columns: number): number {
  return Math.ceil(total / Math.max(1, columns));
}

/** Item index span `[start, end)` covered by rows `[firstRow, lastRow]`, clamped to the loaded ids. */
export function itemSpan(firstRow: number, lastRow: number, columns: number, loaded: number): [number, number] {
  const start = Math.max(0, firstRow * columns);
  const end = Math.min(loaded, (lastRow + 1) * columns);
  return [Math.min(start, end), end];
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

/** True when the visible span is near the end of the loaded ids and the query has more pages. */
export function needsMoreIds(spanEnd: number, loaded: number, hasMore: boolean, margin = 500): boolean {
  return hasMore && spanEnd + margin >= loaded;
}

/** Splits a list for bulk channels that cap their id lists (trash, favorite: 20k; export: 5k). */
export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Where tiles sit in the grid's content box: `columns` tiles of `cell` px, rows `rowHeight` apart (gap included). */
export interface TileLayout {
  columns: number;
  cell: number;
  /** Height of a tile (thumbnail plus caption), without the gap below it. */
  tileHeight: number;
  rowHeight: number;
  gap?: number;
}

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Indexes of the tiles a rubber band touches, in grid order. Pure geometry in the grid's content coordinates, so
 * it covers rows the virtualizer has not rendered (a band dragged while the wheel scrolls the grid).
 */
export function tilesInRect(rect: Rect, layout: TileLayout, count: number): number[] {
  const gap = layout.gap ?? GRID_GAP;
  const pitch = layout.cell + gap;
  const out: number[] = [];
  if (rect.right < 0 || rect.bottom < 0 || count <= 0) return out;
  const firstRow = Math.max(0, Math.floor(rect.top / layout.rowHeight));
  const lastRow = Math.min(Math.ceil(count / layout.columns) - 1, Math.floor(rect.bottom / layout.rowHeight));
  const firstCol = Math.max(0, Math.floor(rect.left / pitch));
  const lastCol = Math.min(layout.columns - 1, Math.floor(rect.right / pitch));
  for (let r = firstRow; r <= lastRow; r += 1) {
    const top = r * layout.rowHeight;
    if (rect.top > top + layout.tileHeight || rect.bottom < top) continue; // only the gap below the row
    for (let c = firstCol; c <= lastCol; c += 1) {
      const left = c * pitch;
      if (rect.left > left + layout.cell || rect.right < left) continue; // only the gap beside the tile
      const index = r * layout.columns + c;
      if (index < count) out.push(index);
    }
  }
  return out;
}
