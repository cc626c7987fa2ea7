import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { PresetSave, jobsChannels } from '@contract';
import { SqliteJobStore } from '../../../src-main/adapters/jobs/sqlite-job-store';
import { AppErrorException } from '../../../src-main/core/app-error';
import { createPresetService, InMemoryPresetStore, isPresetStore, type PresetStore } from '../../../src-main/services/presets/presets';
import { createPresetsHandlers } from '../../../src-main/services/presets/presets-handlers';
import { createPromptHistory } from '../../../src-main/services/presets/prompt-history';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'presets-'));
  dirs.push(dir);
  return path.join(dir, 'jobs.db');
};
const open: SqliteJobStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

let now = 1000;
let seq = 0;
const clock = { now: () => ++now, sleep: async () => {} };
const newId = () => (++seq).toString(16).padStart(32, '0');
const input = (over: Partial<PresetSave> = {}) =>
  PresetSave.parse({ name: 'Portrait film', model: 'grok-imagine-image', n: 2, aspectRatio: '3:4', resolution: '2k', promptSuffix: ', 35mm film', ...over });

const sqlite = (file = tempFile()) => {
  const s = new SqliteJobStore(file);
  open.push(s);
  return s;
};
const twins: [string, () => PresetStore][] = [
  ['InMemoryPresetStore', () => new InMemoryPresetStore()],
  ['SqliteJobStore', () => sqlite()],
];

function validationMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppErrorException) return err.appError.message;
    throw err;
  }
  throw new Error('did not fail');
}

describe.each(twins)('presets on %s', (_name, make) => {
  it('saves, lists by name, replaces by name (any case), renames and deletes', () => {
    const presets = createPresetService({ store: make(), clock, newId });
    const a = presets.save(input());
    const b = presets.save(input({ name: 'alpha wide', aspectRatio: '21:9', n: 1, promptSuffix: '' }));
    expect(presets.list().presets.map((p) => p.name)).toEqual(['alpha wide', 'Portrait film']);
    expect(a).toMatchObject({ name: 'Portrait film', model: 'grok-imagine-image', n: 2, aspectRatio: '3:4', resolution: '2k', promptSuffix: ', 35mm film' });

    // Same name in another case: the preset is replaced, not duplicated.
    const replaced = presets.save(input({ name: 'PORTRAIT FILM', n: 4 }));
    expect(replaced.id).toBe(a.id);
    expect(replaced.createdAt).toBe(a.createdAt);
    expect(replaced.updatedAt).toBeGreaterThan(a.updatedAt);
    expect(presets.list().presets).toHaveLength(2);

    const renamed = presets.save({ ...replaced, name: 'Film portrait' });
    expect(renamed).toMatchObject({ id: a.id, name: 'Film portrait', n: 4 });
    expect(validationMessage(() => presets.save({ ...renamed, name: 'Alpha Wide' }))).toMatch(/already exists/);

    expect(presets.delete(b.id)).toEqual({ count: 1 });
    expect(presets.delete(b.id)).toEqual({ count: 0 });
    expect(presets.list().presets.map((p) => p.id)).toEqual([a.id]);
    expect(() => presets.save({ ...input(), id: b.id })).toThrow(/deleted/);
  });
});

describe('presets in jobs.db', () => {
  it('survive a restart, in a presets table of jobs.db', () => {
    const file = tempFile();
    const first = sqlite(file);
    const saved = createPresetService({ store: first, clock, newId }).save(input({ name: 'Keep me' }));
    first.close();
    const again = sqlite(file);
    expect(createPresetService({ store: again, clock, newId }).list().presets).toEqual([saved]);
    again.close();
    const db = new DatabaseSync(file);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'presets'").get()).toBeTruthy();
    db.close();
  });

  it('the SQLite job store is a preset store (the generation service uses it without extra wiring)', () => {
    expect(isPresetStore(sqlite())).toBe(true);
    expect(isPresetStore({})).toBe(false);
  });

  it('the contract validates names and values; the handlers call the service', async () => {
    expect(jobsChannels['presets:save'].input.safeParse({ ...input(), name: '   ' }).success).toBe(false);
    expect(jobsChannels['presets:save'].input.safeParse({ ...input(), n: 11 }).success).toBe(false);
    expect(jobsChannels['presets:save'].input.safeParse({ ...input(), aspectRatio: '7:3' }).success).toBe(false);
    expect(jobsChannels['presets:save'].input.parse({ name: ' x ', model: 'm', n: 1, aspectRatio: '1:1', resolution: '1k' })).toMatchObject({ name: 'x', promptSuffix: '' });
    const presets = createPresetService({ store: sqlite(), clock, newId });
    const handlers = createPresetsHandlers({ presets, history: createPromptHistory({ store: sqlite(), clock }) });
    const saved = await handlers['presets:save'](input());
    expect(await handlers['presets:list']({})).toEqual({ presets: [saved] });
    expect(await handlers['presets:delete']({ id: saved.id })).toEqual({ count: 1 });
  });
});
