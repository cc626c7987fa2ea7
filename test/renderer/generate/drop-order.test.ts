import { describe, expect, it } from 'vitest';
import { dropOrder } from '../../../src-renderer/src/features/generate/queue-commands';

describe('dropOrder: a dragged queue row takes the place of the row it is dropped on', () => {
  const order = ['a', 'b', 'c', 'd'];
  it.each([
    ['d', 'a', ['d', 'a', 'b', 'c']], // up: before the target
    ['c', 'b', ['a', 'c', 'b', 'd']],
    ['a', 'b', ['b', 'a', 'c', 'd']], // down by one: after the target (before it would be no move at all)
    ['a', 'd', ['b', 'c', 'd', 'a']], // down to the last place
    ['b', null, ['a', 'c', 'd', 'b']], // at the end
    ['b', 'gone', ['a', 'c', 'd', 'b']], // a target that left the queue meanwhile: at the end
  ] as const)('%s dropped on %s', (id, target, expected) => {
    expect(dropOrder(order, id, target)).toEqual(expected);
  });
});
