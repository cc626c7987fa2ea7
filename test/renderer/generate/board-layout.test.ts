import { describe, expect, it } from 'vitest';
import { tileWidth } from '../../../src-renderer/src/features/generate/BatchCard';
import { boardItemIds } from '../../../src-renderer/src/features/generate/format';
import { nextTile, type Box } from '../../../src-renderer/src/features/generate/roving';

/** Two groups: a row of three 100-px tiles, then (a group title below) a row of two 60-px tiles. */
const boxes: Box[] = [
  { left: 0, top: 0, width: 100, height: 100 },
  { left: 108, top: 0, width: 100, height: 100 },
  { left: 216, top: 0, width: 100, height: 100 },
  { left: 0, top: 130, width: 60, height: 100 },
  { left: 68, top: 130, width: 60, height: 100 },
];

describe('arrow keys on a board of tiles', () => {
  it('step through the order with ←/→ and jump to the ends with Home/End', () => {
    expect(nextTile('ArrowRight', 0, boxes)).toBe(1);
    expect(nextTile('ArrowRight', 4, boxes)).toBe(4);
    expect(nextTile('ArrowLeft', 0, boxes)).toBe(0);
    expect(nextTile('End', 1, boxes)).toBe(4);
    expect(nextTile('Home', 3, boxes)).toBe(0);
    expect(nextTile('x', 3, boxes)).toBeNull();
  });

  it('go to the nearest tile of the row below or above, across groups', () => {
    expect(nextTile('ArrowDown', 1, boxes)).toBe(4);
    expect(nextTile('ArrowDown', 0, boxes)).toBe(3);
    expect(nextTile('ArrowUp', 4, boxes)).toBe(0);
    expect(nextTile('ArrowDown', 4, boxes)).toBe(4);
  });
});

describe('board tiles', () => {
  it('are as wide as their ratio at one height, within limits', () => {
    expect(tileWidth('1:1')).toBe(150);
    expect(tileWidth('16:9')).toBe(267);
    expect(tileWidth('9:16')).toBe(84);
    expect(tileWidth('21:9')).toBe(300);
    expect(tileWidth('auto')).toBe(150);
  });

  it('list the finished images in board order for the viewer', () => {
    const tile = (state: 'done' | 'failed', itemId: string | null) => ({ index: 0, state, itemId, thumb: null, width: null, height: null, reason: null });
    const batches = [
      { jobs: [{ tiles: [tile('done', 'a'), tile('failed', null)] }, { tiles: [tile('done', 'b')] }] },
      { jobs: [{ tiles: [tile('done', 'c')] }] },
    ] as unknown as Parameters<typeof boardItemIds>[0];
    expect(boardItemIds(batches)).toEqual(['a', 'b', 'c']);
  });
});
