/**
 * Issue 15.2, 15.3, 15.5 against the simulator and the real stores: a retired model named by Settings, a preset or a
 * queued batch is rewritten to grok-imagine-image-2.0 at Low with the one-line notice; 2.0 always gets an explicit
 * quality; every item records the model that served, the quality served and the request's bill (xai-imagine-api-updates.md §1).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SETTINGS_DEFAULTS, type Settings, type SettingsPatch } from '@contract';
import { SqliteJobStore } from '../../../src-main/adapters/jobs/sqlite-job-store';
import { planBatch } from '../../../src-main/core/jobs/plan';
import { moveRetired } from '../../../src-main/core/models/retirements';
import { migrateRetiredModels } from '../../../src-main/services/models/retirements';
import { BUILT_IN_TABLE } from '@contract';
import { imageRequests, openHarness, silent } from '../generation/harness';

const NOTICE = 'grok-imagine-image-quality was retired by xAI on 2 Nov 2026; using grok-imagine-image-2.0 at Low quality.';
const CENT = 100_000_000;

type Harness = Awaited<ReturnType<typeof openHarness>>;
let h: Harness | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fakeSettings(initial: Partial<Settings>) {
  let current: Settings = { ...SETTINGS_DEFAULTS, ...initial };
  return { current: () => current, update: async (patch: SettingsPatch) => void (current = { ...current, ...patch }) };
}

describe('retired models are moved to their successor (issue 15.2)', () => {
  it('moveRetired: -quality and -pro become 2.0 at Low; current models and aliases are left alone', () => {
    expect(moveRetired({ model: 'grok-imagine-image-quality' }, BUILT_IN_TABLE)).toEqual({ model: 'grok-imagine-image-2.0', quality: 'low', notice: NOTICE });
    expect(moveRetired({ model: 'grok-imagine-image-pro', quality: 'medium' }, BUILT_IN_TABLE)?.quality).toBe('low');
    expect(moveRetired({ model: 'grok-imagine-image-2.0', quality: 'medium' }, BUILT_IN_TABLE)).toBeNull();
    expect(moveRetired({ model: 'grok-imagine-image-2026-03-02' }, BUILT_IN_TABLE)).toBeNull();
  });

  it('rewrites stored settings, presets and unsent batches in jobs.db, keeps finished work as it was, and says so once', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'retire-'));
    dirs.push(dir);
    const file = path.join(dir, 'jobs.db');
    let store = new SqliteJobStore(file);
    const now = 1_700_000_000_000;
    let id = 0;
    const newId = () => (++id).toString(16).padStart(32, '0');
    const request = { prompts: ['harbour'], n: 1, model: 'grok-imagine-image-pro', aspectRatio: '1:1' as const, resolution: '1k' as const };
    const queued = planBatch({ request, prompts: ['harbour'], estimateTicks: 0, now, newId });
    const done = planBatch({ request, prompts: ['old'], estimateTicks: 0, now, newId });
    done.jobs[0]!.state = 'succeeded';
    store.insertBatch(queued.batch, queued.jobs);
    store.insertBatch(done.batch, done.jobs);
    store.putPreset({ id: newId(), name: 'Sharp', model: 'grok-imagine-image-quality', n: 2, aspectRatio: '1:1', resolution: '2k', promptSuffix: '', createdAt: now, updatedAt: now });
    store.putPreset({ id: newId(), name: 'Cheap', model: 'grok-imagine-image', n: 1, aspectRatio: '1:1', resolution: '1k', promptSuffix: '', createdAt: now, updatedAt: now });
    store.close();

    // A restart: the stores are read back from disk.
    store = new SqliteJobStore(file);
    const settings = fakeSettings({ imageModel: 'grok-imagine-image-quality', imageQuality: 'medium' });
    const notices = await migrateRetiredModels({ table: () => BUILT_IN_TABLE, jobs: store, presets: store, settings, logger: silent });
    expect(notices).toEqual([NOTICE, 'grok-imagine-image-pro was retired by xAI on 2 Nov 2026; using grok-imagine-image-2.0 at Low quality.']);
    expect(settings.current()).toMatchObject({ imageModel: 'grok-imagine-image-2.0', imageQuality: 'low' });
    expect(store.presetByName('Sharp')).toMatchObject({ model: 'grok-imagine-image-2.0', quality: 'low', resolution: '2k', n: 2 });
    expect(store.presetByName('Cheap')).toMatchObject({ model: 'grok-imagine-image' });
    expect(store.presetByName('Cheap')?.quality).toBeUndefined();
    expect(store.getBatchMeta(queued.batch.id)).toMatchObject({ model: 'grok-imagine-image-2.0', quality: 'low' });
    expect(store.getBatchMeta(done.batch.id)).toMatchObject({ model: 'grok-imagine-image-pro' });
    // Nothing left to move: a second start is silent.
    expect(await migrateRetiredModels({ table: () => BUILT_IN_TABLE, jobs: store, presets: store, settings, logger: silent })).toEqual([]);
    store.close();
  });

  it('a submit naming -quality goes out as 2.0 with quality low, answers the notice, and its items record who served', async () => {
    h = await openHarness();
    const batch = h.service.submit({ prompts: ['a harbour at dawn'], n: 2, model: 'grok-imagine-image-quality', aspectRatio: '5:2', resolution: '2k' });
    expect(batch).toMatchObject({ model: 'grok-imagine-image-2.0', quality: 'low', notice: NOTICE });
    await h.service.idle();
    expect(imageRequests(h.sim).map((r) => r.body)).toEqual([expect.objectContaining({ model: 'grok-imagine-image-2.0', quality: 'low', aspect_ratio: '5:2' })]);
    const job = h.service.list().batches[0]?.jobs[0];
    expect(job?.costTicks).toBe(2 * 6 * CENT);
    const records = h.library.records(job?.tiles.map((t) => t.itemId as string) ?? []);
    expect(records).toHaveLength(2);
    for (const r of records) {
      expect(r).toMatchObject({ model: 'grok-imagine-image-2.0', servedModel: 'grok-imagine-image-2.0', servedQuality: 'low', billedTicks: 12 * CENT, costTicks: 6 * CENT });
    }
  });
});

describe('quality is always explicit on 2.0 and never sent elsewhere (issue 15.3)', () => {
  it('Auto goes out as low for a generation, Medium as medium, and 1.0 gets no quality; the estimate follows', async () => {
    h = await openHarness();
    const base = { prompts: ['fox'], n: 1, aspectRatio: '1:1' as const, resolution: '1k' as const };
    expect(h.service.estimate({ ...base, model: 'grok-imagine-image-2.0', quality: 'auto' })).toMatchObject({ quality: 'low', perImageTicks: 4 * CENT });
    expect(h.service.estimate({ ...base, model: 'grok-imagine-image-2.0', quality: 'medium' })).toMatchObject({ quality: 'medium', perImageTicks: 6 * CENT });
    expect(h.service.estimate({ ...base, model: 'grok-imagine-image', quality: 'medium' }).quality).toBeUndefined();
    h.service.submit({ ...base, model: 'grok-imagine-image-2.0', quality: 'auto' });
    h.service.submit({ ...base, model: 'grok-imagine-image-2.0', quality: 'medium' });
    h.service.submit({ ...base, model: 'grok-imagine-image', quality: 'medium' });
    await h.service.idle();
    const sent = imageRequests(h.sim).map((r) => r.body as { model: string; quality?: string });
    expect(sent.map((b) => [b.model, b.quality])).toEqual(expect.arrayContaining([
      ['grok-imagine-image-2.0', 'low'], ['grok-imagine-image-2.0', 'medium'], ['grok-imagine-image', undefined],
    ]));
    const items = h.service.list().batches.flatMap((b) => b.jobs.flatMap((j) => j.tiles.map((t) => t.itemId as string)));
    const served = h.library.records(items).map((r) => [r.servedModel, r.servedQuality ?? null]);
    expect(served).toEqual(expect.arrayContaining([['grok-imagine-image-2.0', 'low'], ['grok-imagine-image-2.0', 'medium'], ['grok-imagine-image', null]]));
  });

  it('a retry of a batch that names a retired model goes out as its successor', async () => {
    h = await openHarness();
    const store = h.store;
    let id = 0;
    const newId = () => `f${(++id).toString(16).padStart(31, '0')}`;
    const { batch, jobs } = planBatch({ request: { prompts: ['p'], n: 1, model: 'grok-imagine-image-pro', aspectRatio: '1:1', resolution: '1k' }, prompts: ['p'], estimateTicks: 0, now: Date.now(), newId });
    jobs[0]!.state = 'failed';
    store.insertBatch(batch, jobs);
    expect(h.service.retry({ batchId: batch.id })).toBe(1);
    await h.service.idle();
    expect(imageRequests(h.sim).at(-1)?.body).toMatchObject({ model: 'grok-imagine-image-2.0', quality: 'low' });
    expect(h.events.of('app:notice')).toContainEqual({ level: 'info', message: 'grok-imagine-image-pro was retired by xAI on 2 Nov 2026; using grok-imagine-image-2.0 at Low quality.' });
  });
});

describe('the ledger reconciles estimates with bills (issue 15.5)', () => {
  it('each billed request keeps its estimate; the session sets the bills against them', async () => {
    h = await openHarness();
    const base = { prompts: ['one', 'two'], n: 3, aspectRatio: '1:1' as const, resolution: '1k' as const };
    // 2.0 at Auto is estimated and billed at low ($0.04); 1.0 at $0.02.
    h.service.submit({ ...base, model: 'grok-imagine-image-2.0' });
    h.service.submit({ ...base, prompts: ['three'], model: 'grok-imagine-image' });
    await h.service.idle();
    expect(h.service.ledger().reconciled).toEqual({ count: 3, estimateTicks: (6 * 4 + 3 * 2) * CENT, billedTicks: (6 * 4 + 3 * 2) * CENT });
    // Across a restart the rows keep their estimates (a new session starts at zero, the rows stay).
    const file = path.join(h.dir, 'jobs.db');
    const store = new SqliteJobStore(file);
    expect(store.reconcileSince(0)).toEqual({ count: 3, estimateTicks: 30 * CENT, billedTicks: 30 * CENT });
    store.close();
  });
});
