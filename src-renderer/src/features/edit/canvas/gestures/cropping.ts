import type { EditCrop } from '@contract';
import { runAction, setCrop } from '../actions';
import type { CanvasPointer, GestureContext, GestureState } from './types';

/** Crops smaller than this fraction of a side are taken as a stray click, not a crop. */
export const MIN_CROP = 0.03;

/** The rectangle spanned by the press and the pointer, in fractions of the (rotated) image. */
export function spanned(ctx: GestureContext, e: CanvasPointer): EditCrop | null {
  const a = ctx.memo.origin?.crop;
  const b = e.crop;
  if (!a || !b) return null;
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

/** Drawing a crop rectangle on a thumbnail; releasing sets it (one undo step), a tiny one is ignored. */
export const cropping: GestureState = {
  name: 'cropping',
  onEnter: (ctx) => ctx.store.setState({ cropDraft: null }),
  onPointerMove: (ctx, e) => ctx.store.setState({ cropDraft: spanned(ctx, e) }),
  onPointerUp(ctx, e) {
    const crop = spanned(ctx, e);
    ctx.store.setState({ cropDraft: null });
    if (crop && crop.width >= MIN_CROP && crop.height >= MIN_CROP) runAction(ctx.store, setCrop, { key: ctx.memo.key ?? '', crop });
    ctx.transition('idle');
  },
  onCancel(ctx) {
    ctx.store.setState({ cropDraft: null });
    ctx.transition('idle');
  },
};
