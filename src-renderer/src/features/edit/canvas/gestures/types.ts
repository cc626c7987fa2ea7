import type { CanvasStore } from '../canvas-store';

/** A pointer event as the machine needs it (React's PointerEvent fits, and so does a test's plain object). */
export interface CanvasPointer {
  x: number;
  y: number;
  /** The card under the pointer, if any. */
  cardKey?: string | null;
  /** Where the pointer is on the thumbnail in crop mode, as fractions (clamped to 0–1); null when none is. */
  crop?: { x: number; y: number } | null;
  /** True when the press started on that thumbnail. */
  onCropSurface?: boolean;
}

/** Where each card is on screen, in display order; the DOM supplies it, tests supply a fixed row. */
export type CardLayout = () => readonly { key: string; left: number; width: number }[];

export interface GestureContext {
  store: CanvasStore;
  layout: CardLayout;
  /** What the current gesture remembers (set on each transition), per machine so canvases never share it. */
  memo: GestureInfo;
  transition(name: GestureName, info?: GestureInfo): void;
}

/** What a state hands the next one. */
export interface GestureInfo {
  key?: string;
  origin?: CanvasPointer;
}

/** One state of the gesture machine, tldraw-style: a small object per file with only the handlers it needs. */
export interface GestureState {
  name: GestureName;
  onEnter?(ctx: GestureContext, info: GestureInfo): void;
  onPointerDown?(ctx: GestureContext, e: CanvasPointer): void;
  onPointerMove?(ctx: GestureContext, e: CanvasPointer): void;
  onPointerUp?(ctx: GestureContext, e: CanvasPointer): void;
  onCancel?(ctx: GestureContext): void;
}

export type GestureName = 'idle' | 'pointing-card' | 'dragging-card' | 'cropping';
