/**
 * Row layout of the Library grid, pure: square tiles in fixed columns, or justified rows (each tile at its item's
 * true aspect ratio, rows stretched to the width, like Google Photos or Flickr). Justified rows come from the
 * aspect ratios the index sends with the ids (`library:query` `shapes`), never from decoded images. Items whose
 * ids have not arrived yet (a 1M library pages its ids in) sit in estimated rows at the average items per row, so
 * the scroll height covers the whole library from the first paint.
 */
import { GRID_GAP, columnsFor, tileWidthFor } from './grid-window';

/** Caption under each thumbnail: two lines of prompt. */
export const CAPTION = 40;
/** Space around the grid's content (the scroll box itself has none: see useVirtualRows). */
export const GRID_PADDING = 4;
/** Ratios outside this range are drawn at its edge (a 1×50 strip would be a line or a whole row). */
const MIN_RATIO = 0.25;
const MAX_RATIO = 5;

export interface LayoutInput {
  /** Width ÷ height of each loaded id, in grid order (0 when unknown: drawn square). */
  shapes: ArrayLike<number>;
  /** How many items the query has in all (≥ shapes.length). */
  total: number;
  /** The grid's content width. */
  width: number;
  /** The tile size setting: the square cell's minimum, or the justified rows' target height. */
  size: number;
  square: boolean;
  gap?: number;
  caption?: number;
}

export interface Tile {
  index: number;
  left: number;
  width: number;
}

export interface GridLayout {
  /** Rows, estimated ones included. */
  rows: number;
  /** Content height, padding included. */
  height: number;
  /** Top of a row's tiles (the row's box is its image height plus the caption). */
  rowTop(row: number): number;
  /** Height of a row's images. */
  rowHeight(row: number): number;
  /** The row at content offset `y` (clamped to the rows there are). */
  rowAt(y: number): number;
  /** The row an item sits in (an estimate for items whose ids have not arrived). */
  rowOf(index: number): number;
  /** Items `[start, end)` of a row. */
  itemsOf(row: number): [number, number];
  /** Tiles of a row with their left edge and width. */
  tilesOf(row: number): Tile[];
  /** Where arrow keys go: the next item left/right, or the one above/below nearest the same x. */
  neighbour(index: number, direction: 'up' | 'down'): number;
  /** Rows laid out from real ratios; rows from here on are estimates. */
  exactRows: number;
  /** The square layout's columns (justified: 0). */
  columns: number;
}

const clampRatio = (r: number) => (r > 0 && Number.isFinite(r) ? Math.min(MAX_RATIO, Math.max(MIN_RATIO, r)) : 1);

export function layoutGrid(input: LayoutInput): GridLayout {
  return input.square ? squareLayout(input) : justifiedLayout(input);
}

function squareLayout(input: LayoutInput): GridLayout {
  const gap = input.gap ?? GRID_GAP;
  const caption = input.caption ?? CAPTION;
  const inner = input.width - GRID_PADDING * 2;
  const columns = columnsFor(inner, input.size, gap);
  const cell = tileWidthFor(inner, columns, Math.min(input.size, 96), gap);
  const pitch = cell + caption + gap;
  const total = Math.max(input.total, input.shapes.length);
  const rows = Math.ceil(total / columns);
  const clampRow = (r: number) => Math.max(0, Math.min(rows - 1, r));
  return {
    rows,
    height: rows * pitch - (rows > 0 ? gap : 0) + GRID_PADDING * 2,
    exactRows: rows,
    columns,
    rowTop: (r) => GRID_PADDING + r * pitch,
    rowHeight: () => cell,
    rowAt: (y) => clampRow(Math.floor((y - GRID_PADDING) / pitch)),
    rowOf: (i) => Math.floor(i / columns),
    itemsOf: (r) => [r * columns, Math.min(total, (r + 1) * columns)],
    tilesOf: (r) => {
      const out: Tile[] = [];
      for (let c = 0, i = r * columns; c < columns && i < total; c += 1, i += 1) out.push({ index: i, left: GRID_PADDING + c * (cell + gap), width: cell });
      return out;
    },
    neighbour: (i, dir) => Math.max(0, Math.min(total - 1, i + (dir === 'down' ? columns : -columns))),
  };
}

function justifiedLayout(input: LayoutInput): GridLayout {
  const gap = input.gap ?? GRID_GAP;
  const caption = input.caption ?? CAPTION;
  const width = Math.max(1, input.width - GRID_PADDING * 2);
  const target = input.size;
  const shapes = input.shapes;
  const loaded = shapes.length;
  const total = Math.max(input.total, loaded);
  const complete = loaded >= total;
  // Greedy rows: add items until the row at the target height is wider than the width, then keep or drop the last
  // one, whichever leaves the row's height nearer the target; the row is then scaled to fill the width exactly.
  const starts: number[] = [0];
  const heights: number[] = [];
  let start = 0;
  let sum = 0;
  for (let i = 0; i < loaded; i += 1) {
    const a = clampRatio(shapes[i] ?? 0);
    sum += a;
    const count = i - start + 1;
    if (sum * target + (count - 1) * gap < width) continue;
    const withIt = (width - (count - 1) * gap) / sum;
    const without = count > 1 ? (width - (count - 2) * gap) / (sum - a) : Infinity;
    if (count > 1 && without / target < target / withIt) {
      heights.push(without);
      start = i;
      sum = a;
    } else {
      heights.push(withIt);
      start = i + 1;
      sum = 0;
    }
    starts.push(start);
  }
  // The last, unfilled row: at the target height when the list is complete; otherwise its items wait for the next
  // page of ids (they join the estimated rows, so a row never changes its items once drawn from real ratios).
  if (complete && start < loaded) {
    heights.push(Math.min(target, (width - (loaded - start - 1) * gap) / Math.max(sum, 1e-9)));
    starts.push(loaded);
  }
  const exactRows = heights.length;
  const exactItems = starts[exactRows] ?? 0;
  const perRow = exactRows > 0 ? Math.max(1, exactItems / exactRows) : Math.max(1, Math.floor((width + gap) / (target + gap)));
  // Estimated row k holds items from exactItems + round(k × perRow): the row of the j-th item past the exact ones.
  const estimatedRow = (j: number) => {
    let k = Math.floor(j / perRow);
    while (Math.round((k + 1) * perRow) <= j) k += 1;
    while (k > 0 && Math.round(k * perRow) > j) k -= 1;
    return k;
  };
  const estimatedRows = total > exactItems ? estimatedRow(total - exactItems - 1) + 1 : 0;
  const rows = exactRows + estimatedRows;
  const tops = new Float64Array(exactRows + 1);
  tops[0] = GRID_PADDING;
  for (let r = 0; r < exactRows; r += 1) tops[r + 1] = (tops[r] ?? 0) + (heights[r] ?? target) + caption + gap;
  const exactEnd = tops[exactRows] ?? GRID_PADDING;
  const pitch = target + caption + gap;
  const startArr = Int32Array.from(starts);
  const heightArr = Float64Array.from(heights);
  const clampRow = (r: number) => Math.max(0, Math.min(rows - 1, r));
  const rowTop = (r: number) => (r <= exactRows ? (tops[r] ?? GRID_PADDING) : exactEnd + (r - exactRows) * pitch);
  const rowHeight = (r: number) => (r < exactRows ? (heightArr[r] ?? target) : target);
  const itemsOf = (r: number): [number, number] => {
    if (r < exactRows) return [startArr[r] ?? 0, startArr[r + 1] ?? 0];
    const k = r - exactRows;
    return [Math.min(total, exactItems + Math.round(k * perRow)), Math.min(total, exactItems + Math.round((k + 1) * perRow))];
  };
  const rowOf = (index: number) => {
    if (index >= exactItems) return Math.min(rows - 1, exactRows + estimatedRow(index - exactItems));
    let lo = 0;
    let hi = exactRows - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((startArr[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const tilesOf = (r: number): Tile[] => {
    const [a, b] = itemsOf(r);
    const h = rowHeight(r);
    const out: Tile[] = [];
    let x = 0;
    for (let i = a; i < b; i += 1) {
      const w = i < loaded ? clampRatio(shapes[i] ?? 0) * h : h;
      const left = Math.round(x);
      // The last tile of a full row ends exactly at the right edge (no ragged pixel from rounding).
      const right = i === b - 1 && r < exactRows && (r < exactRows - 1 || !complete) ? width : Math.round(x + w);
      out.push({ index: i, left: GRID_PADDING + left, width: Math.max(1, right - left) });
      x += w + gap;
    }
    return out;
  };
  return {
    rows,
    height: rows > 0 ? rowTop(rows) - gap + GRID_PADDING : GRID_PADDING * 2,
    exactRows,
    columns: 0,
    rowTop,
    rowHeight,
    rowAt: (y) => {
      if (y >= exactEnd) return clampRow(exactRows + Math.floor((y - exactEnd) / pitch));
      let lo = 0;
      let hi = exactRows - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((tops[mid] ?? 0) <= y) lo = mid;
        else hi = mid - 1;
      }
      return clampRow(lo);
    },
    rowOf,
    itemsOf,
    tilesOf,
    neighbour: (index, dir) => {
      const r = rowOf(index);
      const next = dir === 'down' ? r + 1 : r - 1;
      if (next < 0) return 0;
      if (next >= rows) return total - 1;
      const here = tilesOf(r).find((t) => t.index === index);
      const x = here ? here.left + here.width / 2 : 0;
      const there = tilesOf(next);
      const hit = there.find((t) => x < t.left + t.width + gap / 2) ?? there.at(-1);
      return hit?.index ?? Math.max(0, Math.min(total - 1, index));
    },
  };
}

/**
 * Indexes of the tiles a rubber band touches (content coordinates), in grid order, among the first `loaded` items.
 * Pure geometry, so it covers rows that are not rendered (a band dragged while the wheel scrolls the grid).
 */
export function tilesInBand(layout: GridLayout, rect: { left: number; top: number; right: number; bottom: number }, loaded: number): number[] {
  const out: number[] = [];
  if (rect.right < 0 || rect.bottom < 0 || layout.rows === 0) return out;
  const last = layout.rowAt(rect.bottom);
  for (let r = layout.rowAt(Math.max(0, rect.top)); r <= last; r += 1) {
    const top = layout.rowTop(r);
    if (rect.top > top + layout.rowHeight(r) + CAPTION || rect.bottom < top) continue; // only the gap below the row
    for (const t of layout.tilesOf(r)) {
      if (t.index >= loaded) break;
      if (rect.left <= t.left + t.width && rect.right >= t.left) out.push(t.index);
    }
  }
  return out;
}

/** Where a navigation key sends the focus (null: not a navigation key). Items may lie beyond the loaded ids. */
export function focusTarget(key: string, index: number, layout: GridLayout, count: number, viewport: number): number | null {
  if (count === 0) return null;
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  switch (key) {
    case 'ArrowRight':
      return clamp(index + 1);
    case 'ArrowLeft':
      return clamp(index - 1);
    case 'ArrowDown':
      return layout.neighbour(index, 'down');
    case 'ArrowUp':
      return layout.neighbour(index, 'up');
    case 'PageDown':
    case 'PageUp': {
      const row = layout.rowOf(index);
      const target = layout.rowAt(layout.rowTop(row) + (key === 'PageDown' ? 1 : -1) * Math.max(viewport - layout.rowHeight(row), 1));
      const offset = index - layout.itemsOf(row)[0];
      const [a, b] = layout.itemsOf(target);
      return clamp(Math.min(b - 1, a + offset));
    }
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
