import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EditSession, EditSourceView } from '@contract';
import { createEditSessionStore, EDIT_SESSION_FILE } from '../../../src-main/services/edit/edit-session';

const hex = (n: number) => n.toString(16).padStart(32, '0');
const view = (n: number, libraryItemId: string | null): EditSourceView => ({
  id: hex(n), name: `s${n}.png`, width: 10, height: 10, mime: 'image/png', bytes: 100, thumbDataUrl: 'data:image/webp;base64,AA', libraryItemId, notices: [],
});
const card = (n: number, lib: string | null) => ({ key: `card-x-${n}`, source: view(n, lib), rotate: 0 as const, crop: null });
const silent = { info() {}, warn() {}, error() {}, debug() {} };

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function store(alive: Set<string>) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'edit-session-'));
  dirs.push(dataDir);
  const prepared: string[] = [];
  const s = createEditSessionStore({
    dataDir, logger: silent as never,
    exists: async (id) => alive.has(id),
    prepareItem: async (itemId) => {
      prepared.push(itemId);
      return view(99, itemId);
    },
  });
  return { s, dataDir, prepared };
}

const session = (): EditSession => ({
  sources: [card(1, null), card(2, 'a'.repeat(32)), card(3, null)],
  selectedKey: 'card-x-3',
  prompt: 'make it winter',
  params: { model: 'grok-imagine-image', n: 1, resolution: '1k', aspectRatio: 'auto' },
  steps: [{ id: 1, parentId: null, sources: [card(2, 'a'.repeat(32))], prompt: 'first', results: [], blocked: 0 }],
  currentStepId: 1,
});

describe('edit session kept in main', () => {
  it('round-trips; swept sources come back from the library or are named as dropped', async () => {
    const { s, prepared } = store(new Set([hex(1)]));
    await s.save(session());
    const { session: back, dropped } = await s.load();
    expect(back?.prompt).toBe('make it winter');
    expect(back?.sources.map((c) => c.source.id)).toEqual([hex(1), hex(99)]);
    expect(back?.steps[0]?.sources[0]?.source.libraryItemId).toBe('a'.repeat(32));
    expect(back?.selectedKey).toBeNull();
    expect(dropped).toEqual(['s3.png']);
    expect(prepared).toEqual(['a'.repeat(32)]); // prepared once, shared by the canvas and the step
  });

  it('forgets on null, and a damaged file reads as nothing kept', async () => {
    const { s, dataDir } = store(new Set());
    await s.save(session());
    await s.save(null);
    expect((await s.load()).session).toBeNull();
    writeFileSync(path.join(dataDir, EDIT_SESSION_FILE), '{"sources": 5');
    expect((await s.load()).session).toBeNull();
  });
});
