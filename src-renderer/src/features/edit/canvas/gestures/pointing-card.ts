import { runAction, selectSource } from '../actions';
import type { GestureState } from './types';

/** Pointer travel (px) before a press on a card counts as a drag rather than a click. */
export const DRAG_THRESHOLD = 5;

/** A card is pressed but has not moved far: releasing selects it, moving starts a drag. */
export const pointingCard: GestureState = {
  name: 'pointing-card',
  onPointerMove(ctx, e) {
    const origin = ctx.memo.origin ?? e;
    if (Math.hypot(e.x - origin.x, e.y - origin.y) >= DRAG_THRESHOLD) ctx.transition('dragging-card', ctx.memo);
  },
  onPointerUp(ctx) {
    runAction(ctx.store, selectSource, ctx.memo.key ?? null);
    ctx.transition('idle');
  },
  onCancel: (ctx) => ctx.transition('idle'),
};
