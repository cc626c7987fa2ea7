/**
 * A fluent headless driver for the edit canvas (after tldraw's TestEditor): a real canvas store, the real actions
 * and the real gesture machine over a fixed card layout, so tests read like what a user does.
 */
import { expect } from 'vitest';
import type { EditSourceView } from '@contract';
import { addSources, handleCanvasKey, redo, runAction, rotateSource, undo, type KeyLike } from '../../../src-renderer/src/features/edit/canvas/actions';
import { createCanvasStore, type CanvasStore } from '../../../src-renderer/src/features/edit/canvas/canvas-store';
import { createGestureMachine, type GestureMachine } from '../../../src-renderer/src/features/edit/canvas/gestures/machine';

export const CARD_WIDTH = 100;
export const CARD_GAP = 20;

let seq = 0;
/** A prepared source as main would answer it; the name doubles as the handle tests use. */
export function fakeSource(name: string, patch: Partial<EditSourceView> = {}): EditSourceView {
  seq += 1;
  return {
    id: seq.toString(16).padStart(32, '0'), name, width: 64, height: 48, mime: 'image/png', bytes: 100,
    thumbDataUrl: 'data:image/webp;base64,', libraryItemId: null, notices: [], ...patch,
  };
}

export class CanvasDriver {
  readonly store: CanvasStore = createCanvasStore();
  readonly machine: GestureMachine = createGestureMachine(this.store, () => this.layout());

  /** Cards sit in one row, CARD_WIDTH wide with CARD_GAP between them. */
  layout() {
    return this.store.getState().doc.sources.map((c, i) => ({ key: c.key, left: i * (CARD_WIDTH + CARD_GAP), width: CARD_WIDTH }));
  }

  get names(): string[] {
    return this.store.getState().doc.sources.map((c) => c.source.name);
  }

  get selected(): string | null {
    const s = this.store.getState();
    return s.doc.sources.find((c) => c.key === s.doc.selectedKey)?.source.name ?? null;
  }

  keyOf(name: string): string {
    const card = this.store.getState().doc.sources.find((c) => c.source.name === name);
    if (!card) throw new Error(`no card named ${name}`);
    return card.key;
  }

  centreOf(name: string): number {
    const slot = this.layout().find((c) => c.key === this.keyOf(name));
    return (slot?.left ?? 0) + CARD_WIDTH / 2;
  }

  addSources(...names: string[]): this {
    runAction(this.store, addSources, names.map((n) => fakeSource(n)));
    return this;
  }

  pointerDown(name: string | null, x = name ? this.centreOf(name) : 10_000): this {
    this.machine.pointerDown({ x, y: 50, cardKey: name ? this.keyOf(name) : null });
    return this;
  }

  pointerMove(x: number, y = 50): this {
    this.machine.pointerMove({ x, y });
    return this;
  }

  pointerUp(x?: number): this {
    this.machine.pointerUp({ x: x ?? 0, y: 50 });
    return this;
  }

  /** Presses on `name`, drags in steps to x, and releases there. */
  drag(name: string, toX: number): this {
    const from = this.centreOf(name);
    this.pointerDown(name).pointerMove(from + Math.sign(toX - from) * 10).pointerMove(toX);
    return this.pointerUp(toX);
  }

  click(name: string): this {
    return this.pointerDown(name).pointerUp(this.centreOf(name));
  }

  /** Puts a card in crop mode and draws a crop from one point to another (fractions of its thumbnail). */
  crop(name: string, from: [number, number], to: [number, number]): this {
    this.store.setState({ cropKey: this.keyOf(name) });
    const at = ([x, y]: [number, number]) => ({ x: 1000 + x * 100, y: y * 100, crop: { x, y } });
    this.machine.pointerDown({ ...at(from), cardKey: this.keyOf(name), onCropSurface: true });
    this.machine.pointerMove(at([(from[0] + to[0]) / 2, (from[1] + to[1]) / 2]));
    this.machine.pointerUp(at(to));
    return this;
  }

  cropOf(name: string) {
    return this.store.getState().doc.sources.find((c) => c.source.name === name)?.crop ?? null;
  }

  rotate(name: string, by: 90 | -90 = 90): this {
    runAction(this.store, rotateSource, { key: this.keyOf(name), by });
    return this;
  }

  key(key: string, mods: Omit<KeyLike, 'key'> = {}): this {
    handleCanvasKey(this.store, { key, ...mods });
    return this;
  }

  undo(): this {
    undo(this.store);
    return this;
  }

  redo(): this {
    redo(this.store);
    return this;
  }

  expectNames(names: string[]): this {
    expect(this.names).toEqual(names);
    return this;
  }

  expectRotation(name: string, degrees: number): this {
    expect(this.store.getState().doc.sources.find((c) => c.source.name === name)?.rotate).toBe(degrees);
    return this;
  }

  expectGesture(name: GestureMachine['current']): this {
    expect(this.machine.current).toBe(name);
    return this;
  }
}
