/**
 * The canvas gesture machine: routes pointer events to the current state, which decides what they mean. One
 * machine per canvas; the view feeds it DOM events and tests feed it plain objects.
 */
import type { CanvasStore } from '../canvas-store';
import { cropping } from './cropping';
import { draggingCard } from './dragging-card';
import { idle } from './idle';
import { pointingCard } from './pointing-card';
import type { CanvasPointer, CardLayout, GestureContext, GestureInfo, GestureName, GestureState } from './types';

const STATES: Record<GestureName, GestureState> = { idle, 'pointing-card': pointingCard, 'dragging-card': draggingCard, cropping };

export interface GestureMachine {
  readonly current: GestureName;
  pointerDown(e: CanvasPointer): void;
  pointerMove(e: CanvasPointer): void;
  pointerUp(e: CanvasPointer): void;
  /** Escape, lost pointer capture, blur: abandon the gesture without changing the document. */
  cancel(): void;
}

export function createGestureMachine(store: CanvasStore, layout: CardLayout): GestureMachine {
  let state: GestureState = idle;
  const ctx: GestureContext = {
    store,
    layout,
    memo: {},
    transition(name: GestureName, info: GestureInfo = {}) {
      ctx.memo = info;
      state = STATES[name];
      state.onEnter?.(ctx, info);
    },
  };
  return {
    get current() {
      return state.name;
    },
    pointerDown: (e) => state.onPointerDown?.(ctx, e),
    pointerMove: (e) => state.onPointerMove?.(ctx, e),
    pointerUp: (e) => state.onPointerUp?.(ctx, e),
    cancel: () => state.onCancel?.(ctx),
  };
}
