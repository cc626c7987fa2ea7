import { describe, expect, it } from 'vitest';
import { CARD_GAP, CARD_WIDTH, CanvasDriver } from './canvas-driver';

const slotX = (i: number) => i * (CARD_WIDTH + CARD_GAP) + CARD_WIDTH / 2;

describe('edit canvas (headless)', () => {
  it('adds sources up to the limit and selects the last one added', () => {
    const d = new CanvasDriver().addSources('a', 'b');
    expect(d.selected).toBe('b');
    d.addSources('c', 'd', 'e');
    expect(d.names).toHaveLength(3); // grok-imagine-image (the default) takes 3
    d.expectNames(['a', 'b', 'c']);
  });

  it('reorders by dragging a card past its neighbours, as one undo step', () => {
    const d = new CanvasDriver().addSources('a', 'b', 'c');
    d.drag('a', slotX(2) + 10).expectNames(['b', 'c', 'a']).expectGesture('idle');
    expect(d.selected).toBe('a');
    d.drag('c', slotX(0) - 20).expectNames(['c', 'b', 'a']);
    d.undo().expectNames(['b', 'c', 'a']).undo().expectNames(['a', 'b', 'c']);
    d.redo().redo().expectNames(['c', 'b', 'a']);
  });

  it('shows where a dragged card would land while it moves, and forgets it on release', () => {
    const d = new CanvasDriver().addSources('a', 'b', 'c');
    d.pointerDown('a').pointerMove(slotX(0) + 10).expectGesture('dragging-card').pointerMove(slotX(1) + 5);
    expect(d.store.getState().drag).toMatchObject({ key: d.keyOf('a'), targetIndex: 1 });
    d.pointerUp(slotX(1) + 5).expectNames(['b', 'a', 'c']);
    expect(d.store.getState().drag).toBeNull();
  });

  it('treats a short press as a click that selects, not a move', () => {
    const d = new CanvasDriver().addSources('a', 'b');
    d.pointerDown('a').pointerMove(slotX(0) + 2).expectGesture('pointing-card').pointerUp(slotX(0) + 2);
    expect(d.selected).toBe('a');
    expect(d.store.getState().undoStack).toHaveLength(1); // only the add: selecting is not an undo step
  });

  it('cancels a drag without changing the order', () => {
    const d = new CanvasDriver().addSources('a', 'b');
    d.pointerDown('a').pointerMove(slotX(1) + 30);
    d.machine.cancel();
    d.expectGesture('idle').expectNames(['a', 'b']);
    expect(d.store.getState().drag).toBeNull();
  });

  it('deselects on a press on empty canvas', () => {
    const d = new CanvasDriver().addSources('a').pointerDown(null);
    expect(d.selected).toBeNull();
  });

  it('rotates in quarter turns both ways, undoable', () => {
    const d = new CanvasDriver().addSources('a');
    d.rotate('a').rotate('a').expectRotation('a', 180).rotate('a', -90).expectRotation('a', 90);
    d.rotate('a', -90).rotate('a', -90).expectRotation('a', 270);
    d.undo().expectRotation('a', 0).undo().expectRotation('a', 90);
    d.key('r').expectRotation('a', 180).key('R', { shiftKey: true }).expectRotation('a', 90);
  });

  it('removes the selected card with Delete and selects its neighbour; Ctrl+Z brings it back', () => {
    const d = new CanvasDriver().addSources('a', 'b', 'c').click('b');
    d.key('Delete').expectNames(['a', 'c']);
    expect(d.selected).toBe('c');
    d.key('Backspace').key('Delete').expectNames([]);
    d.key('Delete').expectNames([]); // nothing selected: nothing to do, no undo step
    d.key('z', { ctrlKey: true }).expectNames(['a']).key('z', { metaKey: true }).expectNames(['a', 'c']);
    d.key('z', { ctrlKey: true, shiftKey: true }).expectNames(['a']).key('y', { ctrlKey: true }).expectNames([]);
  });

  it('a new change clears the redo stack', () => {
    const d = new CanvasDriver().addSources('a').addSources('b').undo().expectNames(['a']);
    d.addSources('c').redo().expectNames(['a', 'c']);
  });

  it('keeps two canvases apart (one store per instance)', () => {
    const one = new CanvasDriver().addSources('a');
    const two = new CanvasDriver();
    two.addSources('x', 'y').drag('x', slotX(1) + 10);
    one.expectNames(['a']);
    two.expectNames(['y', 'x']);
  });
});
