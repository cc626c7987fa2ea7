import { describe, expect, it } from 'vitest';
import { createGridLayouter, laidFrom, layoutGrid, type GridLayout, type LayoutInput } from '../../../src-renderer/src/features/library/grid-layout';

/** A fixed pseudo-random sequence (the same on every machine), with extreme shapes: strips, panoramas, unknown. */
function shapesFrom(seed: number, n: number): number[] {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = [1, 1.5, 2 / 3, 16 / 9, 9 / 16, 4 / 3, 0.2, 7, 0, 3];
  return Array.from({ length: n }, () => pick[Math.floor(next() * pick.length)] ?? 1);
}

/** Everything the grid reads from a layout, for every row and item. */
function snapshot(l: GridLayout, total: number) {
  const rows = [];
  for (let r = 0; r < l.rows; r += 1) rows.push([l.rowTop(r), l.rowHeight(r), ...l.itemsOf(r), l.tilesOf(r).map((t) => t.left + t.width)]);
  const rowOf = [];
  for (let i = 0; i < total; i += 1) rowOf.push(l.rowOf(i));
  return { rows: l.rows, height: l.height, exactRows: l.exactRows, rowList: rows, rowOf };
}

describe('justified layout continued from the previous one (ids paging in)', () => {
  const base = { width: 1000, size: 160, square: false } as const;

  it('gives exactly the rows a layout from scratch gives, page after page, at any width', () => {
    for (const width of [1000, 420, 180]) {
      const all = shapesFrom(width, 2400);
      const layout = createGridLayouter();
      for (const loaded of [0, 300, 301, 900, 1700, 2400]) {
        const input: LayoutInput = { ...base, width, shapes: all.slice(0, loaded), total: 2400 };
        expect(snapshot(layout(input), 2400)).toEqual(snapshot(layoutGrid(input), 2400));
      }
    }
  });

  it('redoes only the rows from the first ratio that changed (a page written over placeholders, a resize)', () => {
    const all = shapesFrom(7, 3000);
    const layout = createGridLayouter();
    const holes = [...all.slice(0, 1000), ...new Array<number>(1500).fill(0), ...all.slice(2500)];
    const cases: LayoutInput[] = [
      { ...base, shapes: holes, total: 3000 },
      // The page from the top fills the placeholders at 1000–1999 (a jump placed the tail first).
      { ...base, shapes: [...all.slice(0, 2000), ...holes.slice(2000)], total: 3000 },
      { ...base, shapes: all, total: 3000 },
      // Something in the middle changed; then fewer ids (a refresh's first page); then another width.
      { ...base, shapes: [...all.slice(0, 1234), 5, ...all.slice(1235)], total: 3000 },
      { ...base, shapes: all.slice(0, 500), total: 3000 },
      { ...base, width: 700, shapes: all, total: 3000 },
      { ...base, width: 700, shapes: all, total: 3000, square: true },
      { ...base, width: 700, shapes: all, total: 3000 },
    ];
    for (const input of cases) expect(snapshot(layout(input), 3000)).toEqual(snapshot(layoutGrid(input), 3000));
  });

  it('takes up the rows at every change point, rows the look ahead began included', () => {
    for (const width of [1000, 600]) {
      const all = shapesFrom(width + 1, 400);
      const layout = createGridLayouter();
      for (let at = 0; at < 200; at += 1) {
        layout({ ...base, width, shapes: all, total: 400 });
        const input: LayoutInput = { ...base, width, shapes: [...all.slice(0, at), 1.25, ...all.slice(at + 1)], total: 400 };
        expect(snapshot(layout(input), 400)).toEqual(snapshot(layoutGrid(input), 400));
      }
    }
  });

  it('lays out only the new page when 50k ids join 950k (not the million again)', () => {
    const all = shapesFrom(3, 1_000_000);
    const layout = createGridLayouter();
    const first = layout({ ...base, shapes: all.slice(0, 950_000), total: 1_000_000 });
    expect(laidFrom(first)).toBe(0);
    const next = layout({ ...base, shapes: all, total: 1_000_000 });
    expect(laidFrom(next)).toBe(950_000);
    expect(next.rows).toBe(layoutGrid({ ...base, shapes: all, total: 1_000_000 }).rows);
    // A change at item 10 takes the rows from there on again.
    const changed = layout({ ...base, shapes: [...all.slice(0, 10), 2.5, ...all.slice(11)], total: 1_000_000 });
    expect(laidFrom(changed)).toBeLessThanOrEqual(10);
  });
});
