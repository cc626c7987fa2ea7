/**
 * Issue 16: a page placed far down a 1M grid (End, a jump, the scrollbar dragged to the middle) is laid out on its
 * own, and the gap between it and the ids from the top is an estimate — a count of items at the head's items per
 * row — so End lays out one page, not ~950k placeholder items, and every page from the top after it lays out that
 * page (and the placed ones), not the gap again. Counted in items the greedy passes went over, never in time.
 */
import { describe, expect, it } from 'vitest';
import { createGridLayouter, laidItems, layoutGrid, type GridLayout, type LayoutInput } from '../../../src-renderer/src/features/library/grid-layout';

function shapesFrom(seed: number, n: number): number[] {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = [1, 1.5, 2 / 3, 16 / 9, 9 / 16, 4 / 3, 0.2, 7, 3];
  return Array.from({ length: n }, () => pick[Math.floor(next() * pick.length)] ?? 1);
}

/** Shapes as the grid holds them: the known ranges filled in, 0 (unknown) elsewhere, at the result's length. */
function holding(all: readonly number[], head: number, placed: readonly (readonly [number, number])[]): number[] {
  const out = new Array<number>(all.length).fill(0);
  for (let i = 0; i < head; i += 1) out[i] = all[i] ?? 0;
  for (const [a, b] of placed) for (let i = a; i < b; i += 1) out[i] = all[i] ?? 0;
  return out;
}

/** Every row holds the items after the previous row's, from 0 to the total; rows go down the page; lookups agree. */
function expectConsistent(l: GridLayout, total: number) {
  let next = 0;
  let top = -Infinity;
  for (let r = 0; r < l.rows; r += 1) {
    const [a, b] = l.itemsOf(r);
    expect(a, `row ${r}`).toBe(next);
    expect(b).toBeGreaterThan(a);
    expect(l.rowOf(a)).toBe(r);
    expect(l.rowOf(b - 1)).toBe(r);
    expect(l.rowTop(r)).toBeGreaterThan(top);
    expect(l.rowAt(l.rowTop(r))).toBe(r);
    expect(l.tilesOf(r).map((t) => t.index)).toEqual(Array.from({ length: b - a }, (_, i) => a + i));
    top = l.rowTop(r);
    next = b;
  }
  expect(next).toBe(total);
  expect(l.height).toBeGreaterThan(top);
}

const base = { width: 1272, size: 160, square: false } as const;

describe('placed pages and estimated gaps (issue 16)', () => {
  it('End at 1M lays out the end page only; the next pages from the top lay out themselves, not the gap', () => {
    const total = 1_000_000;
    const all = shapesFrom(5, total);
    const layout = createGridLayouter();
    const top = layout({ ...base, shapes: all.slice(0, 50_000), total });
    expect(laidItems(top)).toBe(50_000);
    // End: the last 560 ids placed at the end, the ~950k between estimated.
    const tail: [number, number] = [total - 560, total];
    const end = layout({ ...base, shapes: holding(all, 50_000, [tail]), head: 50_000, placed: [tail], total });
    expect(laidItems(end)).toBe(560);
    // The last item sits in the last row, at the bottom, laid out from its true ratios.
    expect(end.rowOf(total - 1)).toBe(end.rows - 1);
    expect(end.itemsOf(end.rows - 1)[1]).toBe(total);
    expect(end.rowTop(end.rows - 1) + end.rowHeight(end.rows - 1)).toBeLessThan(end.height);
    expect(end.rowHeight(end.rows - 2)).not.toBe(160); // a justified row, not a square estimate
    // The next page from the top: its 50k items and the placed page again, not the gap.
    const more = layout({ ...base, shapes: holding(all, 100_000, [tail]), head: 100_000, placed: [tail], total });
    expect(laidItems(more)).toBe(50_000 + 560);
  });

  it('a page placed in the middle keeps its neighbourhood where the estimate had it (no jump)', () => {
    const total = 1_000_000;
    const all = shapesFrom(9, total);
    const before = layoutGrid({ ...base, shapes: all.slice(0, 50_000), total });
    const mid: [number, number] = [499_000, 501_000];
    const after = layoutGrid({ ...base, shapes: holding(all, 50_000, [mid]), head: 50_000, placed: [mid], total });
    expect(laidItems(after)).toBe(50_000 + 2_000);
    // Item 500,000: the estimate's row and the placed page's row are within a row of each other.
    const pitch = 160 + 40 + 8;
    expect(Math.abs(after.rowTop(after.rowOf(500_000)) - before.rowTop(before.rowOf(500_000)))).toBeLessThan(2 * pitch);
    // Where the page is, its rows are laid out from the ratios: the same items per row as a layout of that page alone.
    const alone = layoutGrid({ ...base, shapes: all.slice(mid[0], mid[1]), total: 2_000 });
    const r = after.rowOf(mid[0]);
    expect(after.itemsOf(r)).toEqual([mid[0], mid[0] + alone.itemsOf(0)[1]]);
    expect(after.rowHeight(r)).toBe(alone.rowHeight(0));
  });

  it('every item is in exactly one row and every lookup agrees, with gaps and placed pages, at three widths', () => {
    for (const width of [1272, 1012, 300]) {
      const total = 30_000;
      const all = shapesFrom(width, total);
      const placed: [number, number][] = [
        [9_000, 9_700],
        [9_700, 9_703],
        [20_000, 21_000],
        [total - 300, total],
      ];
      const l = layoutGrid({ ...base, width, shapes: holding(all, 2_000, placed), head: 2_000, placed, total });
      expectConsistent(l, total);
      // With nothing placed, the same checks hold (the head and one estimate).
      expectConsistent(layoutGrid({ ...base, width, shapes: all.slice(0, 2_000), total }), total);
      // Once the head has every id, the layout is the one from scratch.
      const full = layoutGrid({ ...base, width, shapes: all, head: total, placed: [], total });
      expect(full.rows).toBe(layoutGrid({ ...base, width, shapes: all, total }).rows);
      expect(full.exactRows).toBe(full.rows);
    }
  });

  it('an estimated row of pending tiles spans the width evenly (no ragged edge)', () => {
    const total = 100_000;
    const l = layoutGrid({ ...base, shapes: shapesFrom(2, 2_000), total } satisfies LayoutInput);
    const r = l.rowOf(60_000);
    const tiles = l.tilesOf(r);
    expect(tiles[0]?.left).toBe(4);
    const last = tiles.at(-1);
    expect((last?.left ?? 0) + (last?.width ?? 0)).toBe(base.width - 4);
  });
});
