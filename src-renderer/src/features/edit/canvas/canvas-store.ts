import { createStore, type StoreApi } from 'zustand/vanilla';
import { initialCanvasState, type CanvasState } from './types';

/** One edit canvas's state: a vanilla store per instance, so two canvases (or two tests) never share it. */
export type CanvasStore = StoreApi<CanvasState>;

export function createCanvasStore(init: Partial<CanvasState> = {}): CanvasStore {
  return createStore<CanvasState>()(() => ({ ...initialCanvasState(), ...init }));
}

let keySeq = 0;
/** Differs per page load, so a key made now never equals one of a canvas kept from before a reload. */
const loadTag = Math.floor(Math.random() * 36 ** 6).toString(36);
/** A new card key; unique within the page's lifetime and against kept canvases. */
export function nextCardKey(): string {
  keySeq += 1;
  return `card-${loadTag}-${keySeq}`;
}
