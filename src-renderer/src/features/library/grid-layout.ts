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
  /**
   * Items `[0, head)` are known (default: all of `shapes`); past it `shapes` may hold unknown entries for items
   * whose ids have not arrived, except in the `placed` ranges (pages placed far down: End, a jump, the scrollbar
   * dragged there), sorted and disjoint. Everything else is laid out as estimated rows.
   */
  head?: number;
  placed?: ReadonlyArray<readonly [number, number]>;
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

/** `previous`: a layout of the same grid, whose justified rows the new one continues where the ratios agree. */
export function layoutGrid(input: LayoutInput, previous?: GridLayout): GridLayout {
  return input.square ? squareLayout(input) : justifiedLayout(input, previous);
}

/**
 * A layout function that remembers its last layout and continues from it: a huge library's ids arrive 50k at a
 * time, and each page would otherwise lay out every item before it again. The result is the same as layoutGrid's.
 */
export function createGridLayouter(): (input: LayoutInput) => GridLayout {
  let last: GridLayout | undefined;
  return (input) => {
    last = layoutGrid(input, last);
    return last;
  };
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

/**
 * The greedy pass over the loaded ratios: the rows it closed, and the open row it stopped in. Kept with each
 * layout so the next one (a 1M library's next page of 50k ids) continues from where the ratios start to differ
 * instead of laying out every item again (~15 ms per page at 1M, on the main thread while the user scrolls).
 */
interface RowRun {
  shapes: ArrayLike<number>;
  loaded: number;
  width: number;
  target: number;
  gap: number;
  caption: number;
  /** `starts[k]`: row k's first item, for k ≤ rows (`starts[rows]` begins the open row). */
  starts: Int32Array;
  heights: Float64Array;
  /** `tops[k]`: row k's top, for k ≤ rows. */
  tops: Float64Array;
  /** Row k began with the item whose look ahead closed row k − 1 (already in the row's sum when the pass went on). */
  carried: Uint8Array;
  rows: number;
  /** The open row: its first item and the sum of its ratios. */
  start: number;
  sum: number;
  /** Where this pass began (tests: how much a new layout re-did). */
  laidFrom: number;
}

const runs = new WeakMap<GridLayout, RowRun>();
/** Items each layout's greedy passes went over (tests: End at 1M lays out its pages, not the gap). */
const counts = new WeakMap<GridLayout, number>();

/** How many items the layout's greedy passes went over (the head's new items and each placed page's). */
export function laidItems(layout: GridLayout): number {
  return counts.get(layout) ?? 0;
}

/** The item the last layout's greedy pass started from (0: all of them), for tests of the incremental path. */
export function laidFrom(layout: GridLayout): number {
  return runs.get(layout)?.laidFrom ?? 0;
}

/**
 * Greedy rows: add items until the row at the target height is wider than the width, then keep or drop the last
 * one, whichever leaves the row's height nearer the target; the row is then scaled to fill the width exactly.
 * With `prev`, the rows it closed before the first ratio that differs are taken as they are (rows 0…k − 1 depend
 * only on the ratios up to row k's first item: the look ahead that closed row k − 1 stops there) and the pass goes
 * on from row k in the state it had there, so the result is exactly, to the bit, what a pass from item 0 gives.
 */
function greedyRows(
  shapes: ArrayLike<number>,
  loaded: number,
  width: number,
  target: number,
  gap: number,
  caption: number,
  prev: RowRun | undefined,
  begin?: { item: number; top: number },
): RowRun {
  let kept = 0;
  let start = begin?.item ?? 0;
  let sum = 0;
  let from = start;
  if (!begin && prev && prev.width === width && prev.target === target && prev.gap === gap && prev.caption === caption) {
    const limit = Math.min(prev.loaded, loaded);
    let same = 0;
    if (prev.shapes === shapes) same = limit;
    else while (same < limit && prev.shapes[same] === shapes[same]) same += 1;
    if (same === prev.loaded) {
      // The common case: the same ratios and more after them; the open row goes on.
      kept = prev.rows;
      start = prev.start;
      sum = prev.sum;
      from = prev.loaded;
    } else if (same > 0) {
      // The last row that begins before the first difference (starts only grow).
      let lo = 0;
      let hi = prev.rows;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((prev.starts[mid] ?? 0) < same) lo = mid;
        else hi = mid - 1;
      }
      kept = lo;
      start = prev.starts[lo] ?? 0;
      sum = prev.carried[lo] ? clampRatio(shapes[start] ?? 0) : 0;
      from = prev.carried[lo] ? start + 1 : start;
    }
  }
  // Room for the rows to come at the items per row so far (+25 %), grown if a run of narrow rows needs more.
  const perRow = kept > 0 ? Math.max(1, start / kept) : 2;
  let capacity = kept + Math.ceil((Math.max(0, loaded - start) / perRow) * 1.25) + 16;
  let starts = new Int32Array(capacity);
  let heights = new Float64Array(capacity);
  let carried = new Uint8Array(capacity);
  let tops = new Float64Array(capacity);
  const grow = () => {
    capacity *= 2;
    const more = <T extends Int32Array | Float64Array | Uint8Array>(old: T, next: T) => (next.set(old), next);
    starts = more(starts, new Int32Array(capacity));
    heights = more(heights, new Float64Array(capacity));
    carried = more(carried, new Uint8Array(capacity));
    tops = more(tops, new Float64Array(capacity));
  };
  tops[0] = begin?.top ?? GRID_PADDING;
  if (prev && kept > 0) {
    tops.set(prev.tops.subarray(0, kept + 1));
    starts.set(prev.starts.subarray(0, kept + 1));
    heights.set(prev.heights.subarray(0, kept));
    carried.set(prev.carried.subarray(0, kept + 1));
  }
  let rows = kept;
  starts[rows] = start;
  for (let i = from; i < loaded; i += 1) {
    const a = clampRatio(shapes[i] ?? 0);
    sum += a;
    const count = i - start + 1;
    if (sum * target + (count - 1) * gap < width) continue;
    const withIt = (width - (count - 1) * gap) / sum;
    const without = count > 1 ? (width - (count - 2) * gap) / (sum - a) : Infinity;
    if (rows + 2 >= capacity) grow();
    if (count > 1 && without / target < target / withIt) {
      heights[rows] = without;
      start = i;
      sum = a;
      carried[rows + 1] = 1;
    } else {
      heights[rows] = withIt;
      start = i + 1;
      sum = 0;
    }
    tops[rows + 1] = (tops[rows] ?? 0) + (heights[rows] ?? 0) + caption + gap;
    rows += 1;
    starts[rows] = start;
  }
  return { shapes, loaded, width, target, gap, caption, starts, heights, tops, carried, rows, start, sum, laidFrom: from };
}

/**
 * One stretch of rows: `exact` rows laid out from a greedy pass over known ratios, or `estimated` rows for items
 * whose ids have not arrived (a gap between the loaded head and a page placed far down, or the rest past the last
 * known item), at the head's average items per row and the target height. A gap of 950k items is then one block
 * of arithmetic, not 240k rows laid out one by one (End at 1M, issue 16).
 */
interface Block {
  /** Its first row, first item, and the top of its first row. */
  row: number;
  item: number;
  top: number;
  /** Rows, items `[item, end)`, and the top just below its last row (the next block's top). */
  rows: number;
  end: number;
  bottom: number;
  /** Exact rows: the pass, and the unfilled last row's height when it closes the result (null: no such row). */
  run?: RowRun;
  tail?: number | null;
}

function justifiedLayout(input: LayoutInput, previous?: GridLayout): GridLayout {
  const gap = input.gap ?? GRID_GAP;
  const caption = input.caption ?? CAPTION;
  const width = Math.max(1, input.width - GRID_PADDING * 2);
  const target = input.size;
  const shapes = input.shapes;
  const total = Math.max(input.total, shapes.length);
  const head = Math.min(input.head ?? shapes.length, shapes.length);
  const pitch = target + caption + gap;
  let laid = 0;
  const blocks: Block[] = [];
  /** Exact rows over the known items `[from, to)` from `top`, their open row left to the estimate after them. */
  const exact = (run: RowRun, from: number, to: number, top: number) => {
    const complete = to >= total;
    // The last, unfilled row: at the target height when the result ends there; otherwise its items wait for the
    // next page of ids (they join the estimated rows, so a row never changes its items once drawn from real ratios).
    const tail = complete && run.start < to ? Math.min(target, (width - (to - run.start - 1) * gap) / Math.max(run.sum, 1e-9)) : null;
    const closed = run.tops[run.rows] ?? top;
    const row = blocks.length > 0 ? (blocks.at(-1) as Block).row + (blocks.at(-1) as Block).rows : 0;
    const rows = run.rows + (tail === null ? 0 : 1);
    laid += to - run.laidFrom;
    // A page too short to close a row leaves its items to the estimate after it (only the head's block may be empty).
    if (rows === 0 && blocks.length > 0) return;
    blocks.push({ row, item: from, top, rows, end: tail === null ? run.start : to, bottom: tail === null ? closed : closed + tail + caption + gap, run, tail });
  };
  const headRun = greedyRows(shapes, head, width, target, gap, caption, previous ? runs.get(previous) : undefined);
  exact(headRun, 0, head, GRID_PADDING);
  const headBlock = blocks[0] as Block;
  const exactRows = headBlock.rows;
  const headItems = headBlock.end;
  const perRow = exactRows > 0 && headItems > 0 ? Math.max(1, headItems / exactRows) : Math.max(1, Math.floor((width + gap) / (target + gap)));
  // Estimated row k of a gap holds its items from round(k × perRow) on: the row of the j-th item of the gap.
  const estimatedRow = (j: number) => {
    let k = Math.floor(j / perRow);
    while (Math.round((k + 1) * perRow) <= j) k += 1;
    while (k > 0 && Math.round(k * perRow) > j) k -= 1;
    return k;
  };
  const estimate = (to: number) => {
    const last = blocks.at(-1) as Block;
    if (to <= last.end) return;
    const rows = estimatedRow(to - last.end - 1) + 1;
    blocks.push({ row: last.row + last.rows, item: last.end, top: last.bottom, rows, end: to, bottom: last.bottom + rows * pitch });
  };
  for (const [a, b] of input.placed ?? []) {
    const from = Math.max(a, (blocks.at(-1) as Block).end);
    const to = Math.min(b, shapes.length, total);
    if (to <= from) continue;
    estimate(from);
    const last = blocks.at(-1) as Block;
    exact(greedyRows(shapes, to, width, target, gap, caption, undefined, { item: from, top: last.bottom }), from, to, last.bottom);
  }
  estimate(total);
  const lastBlock = blocks.at(-1) as Block;
  const rows = lastBlock.row + lastBlock.rows;
  const bottom = lastBlock.bottom;
  /**
   * The last block whose `key` is at most `value` (blocks are in order of rows, items and tops alike; only the
   * first, the head's, can be empty, and a block after it with the same start wins).
   */
  const find = (key: 'row' | 'item' | 'top', value: number): Block => {
    let lo = 0;
    let hi = blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const b = blocks[mid] as Block;
      if (b[key] <= value) lo = mid;
      else hi = mid - 1;
    }
    return blocks[lo] as Block;
  };
  /** Within an exact block: row k's first item and top (k ≤ its rows), and height. */
  const startIn = (b: Block, k: number) => {
    const run = b.run as RowRun;
    return k <= run.rows ? (run.starts[k] ?? 0) : b.end;
  };
  const topIn = (b: Block, k: number) => {
    const run = b.run as RowRun;
    return k <= run.rows ? (run.tops[k] ?? b.top) : b.bottom;
  };
  const clampRow = (r: number) => Math.max(0, Math.min(rows - 1, r));
  const rowTop = (r: number) => {
    if (r >= rows) return bottom;
    const b = find('row', r);
    return b.run ? topIn(b, r - b.row) : b.top + (r - b.row) * pitch;
  };
  const rowHeight = (r: number) => {
    const b = find('row', clampRow(r));
    if (!b.run) return target;
    const k = r - b.row;
    return k < b.run.rows ? (b.run.heights[k] ?? target) : (b.tail ?? target);
  };
  const itemsOf = (r: number): [number, number] => {
    const b = find('row', r);
    const k = r - b.row;
    if (b.run) return [startIn(b, k), startIn(b, k + 1)];
    return [Math.min(b.end, b.item + Math.round(k * perRow)), k === b.rows - 1 ? b.end : Math.min(b.end, b.item + Math.round((k + 1) * perRow))];
  };
  const rowOf = (index: number) => {
    const b = find('item', Math.max(0, Math.min(total - 1, index)));
    if (!b.run) return clampRow(b.row + Math.min(b.rows - 1, estimatedRow(index - b.item)));
    let lo = 0;
    let hi = b.rows - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (startIn(b, mid) <= index) lo = mid;
      else hi = mid - 1;
    }
    return b.row + lo;
  };
  const tilesOf = (r: number): Tile[] => {
    const b = find('row', r);
    const [a, z] = itemsOf(r);
    const h = rowHeight(r);
    const out: Tile[] = [];
    if (!b.run) {
      // An estimated row: its tiles share the width evenly (their ratios are unknown or not laid out yet).
      const w = (width - (z - a - 1) * gap) / Math.max(1, z - a);
      for (let i = a; i < z; i += 1) {
        const left = Math.round((i - a) * (w + gap));
        const right = i === z - 1 ? width : Math.round((i - a) * (w + gap) + w);
        out.push({ index: i, left: GRID_PADDING + left, width: Math.max(1, right - left) });
      }
      return out;
    }
    const full = r - b.row < b.rows - 1 || b.tail === null;
    let x = 0;
    for (let i = a; i < z; i += 1) {
      const w = clampRatio(shapes[i] ?? 0) * h;
      const left = Math.round(x);
      // The last tile of a full row ends exactly at the right edge (no ragged pixel from rounding).
      const right = i === z - 1 && full ? width : Math.round(x + w);
      out.push({ index: i, left: GRID_PADDING + left, width: Math.max(1, right - left) });
      x += w + gap;
    }
    return out;
  };
  const layout: GridLayout = {
    rows,
    height: rows > 0 ? bottom - gap + GRID_PADDING : GRID_PADDING * 2,
    exactRows,
    columns: 0,
    rowTop,
    rowHeight,
    rowAt: (y) => {
      if (rows === 0) return 0;
      const b = find('top', y);
      // (A hair of slack: a row's top is the block's top plus k pitches, which need not subtract back to exactly k.)
      if (!b.run) return clampRow(b.row + Math.min(b.rows - 1, Math.max(0, Math.floor((y - b.top) / pitch + 1e-9))));
      let lo = 0;
      let hi = b.rows - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (topIn(b, mid) <= y) lo = mid;
        else hi = mid - 1;
      }
      return clampRow(b.row + lo);
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
  runs.set(layout, headRun);
  counts.set(layout, laid);
  return layout;
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
