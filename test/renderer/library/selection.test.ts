import { describe, expect, it } from 'vitest';
import {
  EMPTY_SELECTION,
  orderedSelection,
  pruneSelection,
  rangeBetween,
  selectAll,
  selectByClick,
} from '../../../src-renderer/src/features/library/selection';

const order = ['a', 'b', 'c', 'd', 'e', 'f'];
const ids = (s: { selected: ReadonlySet<string> }) => [...s.selected].sort();

describe('grid selection', () => {
  it('a plain click selects one item and sets the anchor', () => {
    const s = selectByClick(order, { selected: new Set(['a', 'b']), anchor: 'a' }, 'd');
    expect(ids(s)).toEqual(['d']);
    expect(s.anchor).toBe('d');
  });

  it('shift-click selects the range from the anchor, in either direction', () => {
    const down = selectByClick(order, selectByClick(order, EMPTY_SELECTION, 'b'), 'e', { shift: true });
    expect(ids(down)).toEqual(['b', 'c', 'd', 'e']);
    const up = selectByClick(order, down, 'a', { shift: true });
    expect(ids(up)).toEqual(['a', 'b']); // the anchor stays, the range is replaced
    expect(up.anchor).toBe('b');
  });

  it('ctrl-click toggles and moves the anchor; ctrl+shift adds a range to the selection', () => {
    let s = selectByClick(order, EMPTY_SELECTION, 'a');
    s = selectByClick(order, s, 'c', { toggle: true });
    expect(ids(s)).toEqual(['a', 'c']);
    s = selectByClick(order, s, 'a', { toggle: true });
    expect(ids(s)).toEqual(['c']);
    s = selectByClick(order, s, 'e', { toggle: true });
    s = selectByClick(order, s, 'f', { shift: true, toggle: true });
    expect(ids(s)).toEqual(['c', 'e', 'f']);
  });

  it('shift-click without an anchor selects just the item', () => {
    expect(ids(selectByClick(order, EMPTY_SELECTION, 'c', { shift: true }))).toEqual(['c']);
  });

  it('ranges survive an anchor that left the query', () => {
    expect(rangeBetween(order, 'zz', 'c')).toEqual(['c']);
    expect(rangeBetween(order, 'c', 'zz')).toEqual([]);
    expect(rangeBetween(order, 'e', 'c')).toEqual(['c', 'd', 'e']);
  });

  it('select all, prune to the current query, and list in grid order', () => {
    const all = selectAll(order);
    expect(all.selected.size).toBe(6);
    const pruned = pruneSelection(all, ['f', 'b', 'x']);
    expect(ids(pruned)).toEqual(['b', 'f']);
    expect(pruned.anchor).toBeNull(); // 'a' is gone
    expect(orderedSelection(order, new Set(['f', 'a', 'c']))).toEqual(['a', 'c', 'f']);
    const unchanged = selectByClick(order, EMPTY_SELECTION, 'b');
    expect(pruneSelection(unchanged, order)).toBe(unchanged);
  });
});
