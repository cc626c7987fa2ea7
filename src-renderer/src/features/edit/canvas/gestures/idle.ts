import { runAction, selectSource } from '../actions';
import type { GestureState } from './types';

/**
 * Nothing in progress: a press on a thumbnail in crop mode draws a crop, a press on a card may become a click or a
 * drag, and a press on empty canvas deselects.
 */
export const idle: GestureState = {
  name: 'idle',
  onEnter: (ctx) => ctx.store.setState({ drag: null }),
  onPointerDown(ctx, e) {
    const { cropKey } = ctx.store.getState();
    if (cropKey && e.onCropSurface && e.crop) ctx.transition('cropping', { key: cropKey, origin: e });
    else if (e.cardKey) ctx.transition('pointing-card', { key: e.cardKey, origin: e });
    else runAction(ctx.store, selectSource, null);
  },
};
