/**
 * Canvas commands as declarative objects (Excalidraw's actions): a pure `perform` from state to a new document, a
 * `capture` that says whether the change goes on the undo stack, and an optional key binding. Toolbar buttons,
 * keyboard shortcuts, gestures and tests all run them through `runAction`.
 */
import { type EditCrop, type EditSourceView } from '@contract';
import { editSourceLimit } from './source-limit';
import type { CanvasStore } from './canvas-store';
import { nextCardKey } from './canvas-store';
import type { CanvasDoc, CanvasSource, CanvasState, Rotation } from './types';

/** A key press as actions see it (a KeyboardEvent fits). */
export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  altKey?: boolean;
}

/** How a change is recorded: `immediately` pushes the previous document on the undo stack; `never` does not. */
export type Capture = 'immediately' | 'never';

export interface CanvasAction<A> {
  name: string;
  label: string;
  capture: Capture;
  keyTest?: (e: KeyLike) => boolean;
  /** Whether the action applies now (disables buttons, lets keys fall through). */
  predicate?: (s: CanvasState, arg: A) => boolean;
  perform(s: CanvasState, arg: A): CanvasDoc;
}

const mod = (e: KeyLike) => Boolean(e.ctrlKey || e.metaKey);
const withSources = (s: CanvasState, sources: CanvasSource[], selectedKey = s.doc.selectedKey): CanvasDoc => ({
  sources,
  selectedKey: sources.some((c) => c.key === selectedKey) ? selectedKey : null,
});
export const freshCard = (source: EditSourceView): CanvasSource => ({ key: nextCardKey(), source, rotate: 0, crop: null });

export const addSources: CanvasAction<readonly EditSourceView[]> = {
  name: 'addSources',
  label: 'Add images',
  capture: 'immediately',
  predicate: (s, views) => views.length > 0 && s.doc.sources.length < editSourceLimit(s.params.model),
  perform: (s, views) => {
    const room = editSourceLimit(s.params.model) - s.doc.sources.length;
    const cards = views.slice(0, room).map(freshCard);
    return { sources: [...s.doc.sources, ...cards], selectedKey: cards.at(-1)?.key ?? s.doc.selectedKey };
  },
};

export const replaceSources: CanvasAction<readonly CanvasSource[]> = {
  name: 'replaceSources',
  label: 'Use as sources',
  capture: 'immediately',
  perform: (s, cards) => ({ sources: cards.slice(0, editSourceLimit(s.params.model)), selectedKey: cards[0]?.key ?? null }),
};

export const removeSource: CanvasAction<string | null> = {
  name: 'removeSource',
  label: 'Remove',
  capture: 'immediately',
  keyTest: (e) => (e.key === 'Delete' || e.key === 'Backspace') && !mod(e),
  predicate: (s, key) => s.doc.sources.some((c) => c.key === (key ?? s.doc.selectedKey)),
  perform: (s, key) => {
    const target = key ?? s.doc.selectedKey;
    const index = s.doc.sources.findIndex((c) => c.key === target);
    const sources = s.doc.sources.filter((c) => c.key !== target);
    // Keep a selection so Delete pressed twice removes the next card, as in file managers.
    const next = sources[Math.min(index, sources.length - 1)]?.key ?? null;
    return { sources, selectedKey: next };
  },
};

/** Drops several cards at once (one undo step): what a switch to a model with fewer sources asks for. */
export const dropSources: CanvasAction<readonly string[]> = {
  name: 'dropSources',
  label: 'Drop sources',
  capture: 'immediately',
  predicate: (s, keys) => keys.length > 0,
  perform: (s, keys) => {
    const sources = s.doc.sources.filter((c) => !keys.includes(c.key));
    const keep = sources.some((c) => c.key === s.doc.selectedKey);
    return { sources, selectedKey: keep ? s.doc.selectedKey : (sources[0]?.key ?? null) };
  },
};

export const moveSource: CanvasAction<{ key: string; to: number }> = {
  name: 'moveSource',
  label: 'Move',
  capture: 'immediately',
  predicate: (s, { key, to }) => {
    const from = s.doc.sources.findIndex((c) => c.key === key);
    return from >= 0 && to >= 0 && to < s.doc.sources.length && from !== to;
  },
  perform: (s, { key, to }) => {
    const sources = s.doc.sources.filter((c) => c.key !== key);
    const card = s.doc.sources.find((c) => c.key === key);
    if (card) sources.splice(to, 0, card);
    return withSources(s, sources, key);
  },
};

/** A crop (fractions of the rotated image) after turning the image a further quarter turn. */
export function rotateCrop(c: EditCrop | null, by: 90 | -90): EditCrop | null {
  if (!c) return null;
  return by === 90
    ? { x: 1 - (c.y + c.height), y: c.x, width: c.height, height: c.width }
    : { x: c.y, y: 1 - (c.x + c.width), width: c.height, height: c.width };
}

export const rotateSource: CanvasAction<{ key: string | null; by: 90 | -90 }> = {
  name: 'rotateSource',
  label: 'Rotate',
  capture: 'immediately',
  keyTest: (e) => e.key.toLowerCase() === 'r' && !mod(e) && !e.altKey,
  predicate: (s, { key }) => s.doc.sources.some((c) => c.key === (key ?? s.doc.selectedKey)),
  perform: (s, { key, by }) => {
    const target = key ?? s.doc.selectedKey;
    const turn = (r: Rotation): Rotation => (((r + by + 360) % 360) as Rotation);
    return withSources(s, s.doc.sources.map((c) => (c.key === target ? { ...c, rotate: turn(c.rotate), crop: rotateCrop(c.crop, by) } : c)));
  },
};

export const setCrop: CanvasAction<{ key: string; crop: EditCrop | null }> = {
  name: 'setCrop',
  label: 'Crop',
  capture: 'immediately',
  predicate: (s, { key }) => s.doc.sources.some((c) => c.key === key),
  perform: (s, { key, crop }) => withSources(s, s.doc.sources.map((c) => (c.key === key ? { ...c, crop } : c))),
};

export const selectSource: CanvasAction<string | null> = {
  name: 'selectSource',
  label: 'Select',
  capture: 'never',
  perform: (s, key) => ({ ...s.doc, selectedKey: key }),
};

/** Runs an action; answers false (and changes nothing) when its predicate says no. */
export function runAction<A>(store: CanvasStore, action: CanvasAction<A>, arg: A): boolean {
  const s = store.getState();
  if (action.predicate && !action.predicate(s, arg)) return false;
  const doc = action.perform(s, arg);
  if (action.capture === 'immediately') {
    store.setState({ doc, undoStack: [...s.undoStack, s.doc].slice(-100), redoStack: [] });
  } else {
    store.setState({ doc });
  }
  return true;
}

export function undo(store: CanvasStore): boolean {
  const s = store.getState();
  const prev = s.undoStack.at(-1);
  if (!prev) return false;
  store.setState({ doc: prev, undoStack: s.undoStack.slice(0, -1), redoStack: [...s.redoStack, s.doc] });
  return true;
}

export function redo(store: CanvasStore): boolean {
  const s = store.getState();
  const next = s.redoStack.at(-1);
  if (!next) return false;
  store.setState({ doc: next, redoStack: s.redoStack.slice(0, -1), undoStack: [...s.undoStack, s.doc] });
  return true;
}

/**
 * Canvas shortcuts: undo/redo and the key-bound actions on the selected card. Answers true when it handled the
 * key. Callers skip it while the focus is in a text field, which keeps the text's own undo.
 */
export function handleCanvasKey(store: CanvasStore, e: KeyLike): boolean {
  const key = e.key.toLowerCase();
  if (mod(e) && key === 'z') return e.shiftKey ? redo(store) : undo(store);
  if (mod(e) && key === 'y') return redo(store);
  if (removeSource.keyTest?.(e)) return runAction(store, removeSource, null);
  if (rotateSource.keyTest?.(e)) return runAction(store, rotateSource, { key: null, by: e.shiftKey ? -90 : 90 });
  return false;
}
