import { describe, expect, it } from 'vitest';
import { CAPTION, GRID_PADDING, focusTarget, layoutGrid, tilesInBand } from '../../../src-renderer/src/features/library/grid-layout';
import { MAX_SCROLL_HEIGHT, scrollMap, wheelPixels } from '../../../src-renderer/src/features/library/scroll-map';

const WIDTH = 1000;
const inner = WIDTH - GRID_PADDING * 2;

describe('justified rows', () => {
  // Squares, a 16:9, a 4:1 panorama, portraits, in turn.
  const shapes = Array.from({ length: 200 }, (_, i) => [1, 16 / 9, 4, 9 / 16, 2 / 3][i % 5] ?? 1);
  const layout = layoutGrid({ shapes, total: shapes.length, width: WIDTH, size: 180, square: false });

  it('fills every full row to the width, each tile at its item’s shape', () => {
    for (let r = 0; r < layout.rows - 1; r += 1) {
      const tiles = layout.tilesOf(r);
      const h = layout.rowHeight(r);
      expect(tiles[0]?.left).toBe(GRID_PADDING);
      const last = tiles.at(-1);
      expect((last?.left ?? 0) + (last?.width ?? 0)).toBe(GRID_PADDING + inner);
      for (const t of tiles) expect(Math.abs(t.width / h - (shapes[t.index] ?? 1))).toBeLessThan(0.02 + 2 / h);
      expect(h).toBeGreaterThan(180 * 0.6);
      expect(h).toBeLessThan(180 * 1.6);
    }
  });

  it('keeps the last row at the target height, covers every item once and in order', () => {
    expect(layout.rowHeight(layout.rows - 1)).toBeLessThanOrEqual(180);
    const seen = Array.from({ length: layout.rows }, (_, r) => layout.tilesOf(r).map((t) => t.index)).flat();
    expect(seen).toEqual(shapes.map((_, i) => i));
    expect(layout.rowOf(199)).toBe(layout.rows - 1);
    expect(layout.rowAt(layout.rowTop(3) + 1)).toBe(3);
    expect(layout.height).toBe(layout.rowTop(layout.rows - 1) + layout.rowHeight(layout.rows - 1) + CAPTION + GRID_PADDING);
  });

  it('puts a picture wider than the window alone on its row, scaled to the width', () => {
    const wide = layoutGrid({ shapes: [1, 5, 1], total: 3, width: 400, size: 180, square: false });
    const row = wide.tilesOf(wide.rowOf(1));
    expect(row.map((t) => t.index)).toContain(1);
    expect(wide.rowHeight(wide.rowOf(1))).toBeLessThan(180);
  });

  it('estimates rows for ids not loaded yet, so the last item has a row and the end is reachable', () => {
    const paged = layoutGrid({ shapes: shapes.slice(0, 50), total: 1_000_000, width: WIDTH, size: 180, square: false });
    expect(paged.exactRows).toBeLessThan(paged.rows);
    const last = paged.rows - 1;
    expect(paged.rowOf(999_999)).toBe(last);
    expect(paged.itemsOf(last)[1]).toBe(1_000_000);
    expect(paged.itemsOf(last)[0]).toBeLessThan(1_000_000);
    expect(paged.rowAt(paged.height + 10_000)).toBe(last);
    // Every item is in exactly the row rowOf says.
    for (const i of [50, 51, 777, 123_456, 999_998]) {
      const [a, b] = paged.itemsOf(paged.rowOf(i));
      expect(i).toBeGreaterThanOrEqual(a);
      expect(i).toBeLessThan(b);
    }
  });

  it('moves focus by row to the tile nearest the same x', () => {
    const r1 = layout.tilesOf(1);
    const below = focusTarget('ArrowDown', layout.itemsOf(0)[0], layout, 200, 600);
    expect(r1.map((t) => t.index)).toContain(below);
    expect(focusTarget('ArrowUp', below ?? 0, layout, 200, 600)).toBe(0);
    expect(focusTarget('ArrowRight', 4, layout, 200, 600)).toBe(5);
    expect(focusTarget('End', 0, layout, 200, 600)).toBe(199);
    expect(focusTarget('Home', 50, layout, 200, 600)).toBe(0);
    expect(focusTarget('x', 0, layout, 200, 600)).toBeNull();
    expect(focusTarget('Home', 0, layout, 0, 600)).toBeNull();
  });
});

describe('square tiles', () => {
  it('crops to cells in fixed columns that fill the width', () => {
    const layout = layoutGrid({ shapes: [], total: 12, width: WIDTH, size: 180, square: true });
    expect(layout.columns).toBe(5);
    expect(layout.tilesOf(0).map((t) => t.index)).toEqual([0, 1, 2, 3, 4]);
    expect(layout.tilesOf(2).map((t) => t.index)).toEqual([10, 11]);
    expect(focusTarget('ArrowDown', 8, layout, 12, 600)).toBe(11);
    expect(focusTarget('PageDown', 0, layout, 100, 600)).toBeGreaterThan(4);
  });
});

describe('rubber band geometry', () => {
  it('returns the tiles a band touches, in grid order, and nothing in the gaps', () => {
    const layout = layoutGrid({ shapes: [], total: 20, width: 3 * 100 + 2 * 8 + GRID_PADDING * 2, size: 100, square: true });
    const top = (r: number) => layout.rowTop(r);
    expect(tilesInBand(layout, { left: 50, top: top(0) + 50, right: 150, bottom: top(1) + 10 }, 20)).toEqual([0, 1, 3, 4]);
    expect(tilesInBand(layout, { left: GRID_PADDING + 101, top: 0, right: GRID_PADDING + 107, bottom: 500 }, 20)).toEqual([]);
    expect(tilesInBand(layout, { left: 0, top: 0, right: 1000, bottom: 100_000 }, 7)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(tilesInBand(layout, { left: -50, top: -50, right: -1, bottom: -1 }, 20)).toEqual([]);
  });
});

describe('capped scroll height', () => {
  it('is the identity below the cap', () => {
    const m = scrollMap(1_000_000, 800);
    expect(m.mapped).toBe(false);
    expect(m.toVirtual(1234)).toBe(1234);
  });

  it('maps the capped range onto the whole content above it, ends included', () => {
    const content = 58_500_000;
    const m = scrollMap(content, 800);
    expect(m.mapped).toBe(true);
    expect(m.physical).toBe(MAX_SCROLL_HEIGHT);
    expect(m.toVirtual(0)).toBe(0);
    expect(m.toVirtual(MAX_SCROLL_HEIGHT - 800)).toBe(content - 800);
    expect(m.toPhysical(content - 800)).toBe(MAX_SCROLL_HEIGHT - 800);
    expect(m.toVirtual(m.toPhysical(20_000_000))).toBeCloseTo(20_000_000, 3);
  });

  it('scales wheel steps in the mapped range so a notch moves the content as far as below the cap', () => {
    const m = scrollMap(58_500_000, 800);
    const notch = wheelPixels({ deltaY: 100, deltaMode: 0 }, 800);
    // What the grid adds to scrollTop for one notch, and how far the content moves then.
    const step = notch / m.scale;
    expect(m.toVirtual(1000 + step) - m.toVirtual(1000)).toBeCloseTo(100, 6);
    expect(scrollMap(1_000_000, 800).scale).toBe(1);
    expect(wheelPixels({ deltaY: 3, deltaMode: 1 }, 800)).toBe(120); // lines
    expect(wheelPixels({ deltaY: 1, deltaMode: 2 }, 800)).toBe(800); // pages
  });
});
