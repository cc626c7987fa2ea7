import { describe, expect, it } from 'vitest';
import { chunk, columnsFor, farSpan, knownRanges, tileWidthFor, idsToFetch, needsMoreIds, withPlaced } from '../../../src-renderer/src/features/library/grid-window';
import { formatCost, formatCount, formatDuration, spokenDuration } from '../../../src-renderer/src/features/library/format';

describe('grid window maths', () => {
  it.each([
    [1000, 180, 8, 5],
    [180, 180, 8, 1],
    [50, 180, 8, 1],
    [0, 180, 8, 1],
    [1000, 96, 8, 9],
  ])('width %i at tile %i (gap %i) fits %i columns', (width, tile, gap, cols) => {
    expect(columnsFor(width, tile, gap)).toBe(cols);
  });

  it('stretches tiles to fill the row', () => {
    expect(tileWidthFor(1000, 5, 96, 8)).toBe(193);
    expect(tileWidthFor(0, 1, 96, 8)).toBe(96);
  });

  it('fetches only the uncached ids of the visible span, in channel-sized batches', () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `id${i}`);
    const span: [number, number] = [60, 120];
    const cached = new Set(['id60', 'id61', 'id119']);
    const batches = idsToFetch(ids, span, (id) => cached.has(id));
    expect(batches.flat()).toHaveLength(57);
    expect(batches.flat()[0]).toBe('id62');
    const all = idsToFetch(ids, [0, 2500], () => false);
    expect(all.map((b) => b.length)).toEqual([1000, 1000, 500]);
  });

  it('asks for more ids near the end of a paged query only', () => {
    expect(needsMoreIds([49_500, 49_700], 50_000, true)).toBe(true);
    expect(needsMoreIds([800, 1_000], 50_000, true)).toBe(false);
    expect(needsMoreIds([49_800, 49_999], 50_000, false)).toBe(false);
    // A view far past the ids from the top (End, the scrollbar dragged down) asks for its own page instead.
    expect(needsMoreIds([500_000, 500_400], 50_000, true)).toBe(false);
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('finds the missing part of a view far below the ids from the top, and keeps the placed ranges in order', () => {
    const ids: (string | undefined)[] = Array.from({ length: 300 }, (_, i) => `id${i}`);
    expect(farSpan(ids, [400, 700], 300)).toBeNull(); // within the margin: paging from the top gets there first
    expect(farSpan(ids, [500_000, 500_400], 300)).toEqual([500_000, 500_400]);
    ids[900_100] = 'x';
    ids[900_101] = 'y';
    expect(farSpan(ids, [900_100, 900_300], 300)).toEqual([900_102, 900_300]);
    expect(farSpan(ids, [900_100, 900_102], 300)).toBeNull();
    expect(withPlaced([[999_000, 1_000_000]], 300, [500_000, 502_000])).toEqual([[500_000, 502_000], [999_000, 1_000_000]]);
    expect(withPlaced([[500_000, 502_000]], 300, [501_000, 504_000])).toEqual([[500_000, 504_000]]);
    // Paging from the top ran into a placed range: what it covers goes, the rest runs on from it.
    expect(withPlaced([[40_000, 60_000], [900_000, 901_000]], 50_300)).toEqual([[50_300, 60_000], [900_000, 901_000]]);
    expect(knownRanges(50_300, [[50_300, 60_000], [900_000, 901_000]])).toEqual({ head: 60_000, placed: [[900_000, 901_000]] });
  });

  it('formats counts, costs in USD from ticks, and durations', () => {
    expect(formatCount(1)).toBe('1 item');
    expect(formatCount(1234)).toMatch(/^1.234 items$/);
    expect(formatCost(200_000_000)).toBe('$0.02');
    expect(formatCost(700)).toBe('< $0.0001');
    expect(formatCost(50_000_000)).toBe('$0.0050');
    expect(formatCost(null)).toBe('Unknown');
    expect(formatDuration(6000)).toBe('0:06');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(spokenDuration(6000)).toBe('6 seconds');
    expect(spokenDuration(65_000)).toBe('1 minute 5 seconds');
    expect(spokenDuration(120_000)).toBe('2 minutes');
  });
});
