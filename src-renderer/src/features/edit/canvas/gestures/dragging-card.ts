import { moveSource, runAction, selectSource } from '../actions';
import type { CanvasPointer, GestureContext, GestureState } from './types';

/** The slot the dragged card would land in: how many other cards' centres lie left of the pointer. */
export function dropIndex(ctx: GestureContext, dragged: string, x: number): number {
  return ctx.layout().filter((c) => c.key !== dragged && c.left + c.width / 2 < x).length;
}

function feedback(ctx: GestureContext, e: CanvasPointer) {
  const key = ctx.memo.key ?? '';
  ctx.store.setState({ drag: { key, targetIndex: dropIndex(ctx, key, e.x), dx: e.x - (ctx.memo.origin?.x ?? e.x) } });
}

/** A card follows the pointer; releasing drops it into the slot under the pointer (one undo step). */
export const draggingCard: GestureState = {
  name: 'dragging-card',
  onEnter(ctx) {
    runAction(ctx.store, selectSource, ctx.memo.key ?? null);
    feedback(ctx, ctx.memo.origin ?? { x: 0, y: 0 });
  },
  onPointerMove: (ctx, e) => feedback(ctx, e),
  onPointerUp(ctx, e) {
    const key = ctx.memo.key ?? '';
    ctx.store.setState({ drag: null });
    runAction(ctx.store, moveSource, { key, to: dropIndex(ctx, key, e.x) });
    ctx.transition('idle');
  },
  onCancel: (ctx) => ctx.transition('idle'),
};
