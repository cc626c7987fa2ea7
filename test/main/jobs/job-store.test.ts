import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { SqliteJobStore } from '../../../src-main/adapters/jobs/sqlite-job-store';
import { PROMPT_HISTORY_MAX } from '../../../src-main/core/jobs/job-store';
import { InMemoryJobStore } from '../../../src-main/core/jobs/in-memory-job-store';
import type { JobStore } from '../../../src-main/core/jobs/job-store';
import { planBatch, splitCount } from '../../../src-main/core/jobs/plan';

let seq = 0;
const newId = () => (++seq).toString(16).padStart(32, '0');
const request = { prompts: ['a', 'b'], n: 6, model: 'grok-imagine-image', aspectRatio: '16:9' as const, resolution: '1k' as const };
const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jobs-store-'));
  dirs.push(dir);
  return path.join(dir, 'jobs.db');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('splitCount', () => {
  it.each([[1, [1]], [4, [4]], [5, [3, 2]], [8, [4, 4]], [10, [4, 3, 3]]])('%i → %o', (n, parts) => {
    expect(splitCount(n)).toEqual(parts);
  });
});

const twins: [string, () => JobStore][] = [
  ['InMemoryJobStore', () => new InMemoryJobStore()],
  ['SqliteJobStore', () => new SqliteJobStore(tempFile())],
];

describe.each(twins)('%s', (_name, make) => {
  it('stores a batch with one pending tile per image, in queue order', () => {
    const store = make();
    const { batch, jobs } = planBatch({ request, prompts: request.prompts, estimateTicks: 24, now: 1, newId });
    store.insertBatch(batch, jobs);
    const got = store.getBatch(batch.id);
    expect(got?.jobs.map((j) => j.n)).toEqual([3, 3, 3, 3]);
    expect(got?.jobs.flatMap((j) => j.tiles.map((t) => t.index))).toEqual([...Array(12).keys()]);
    expect(store.queuedJobIds()).toEqual(jobs.map((j) => j.id));
    expect(store.getBatchMeta(batch.id)).toEqual(batch);
    expect(store.getBatchMeta('f'.repeat(32))).toBeUndefined();
    expect(store.unfinishedJobs(batch.id)).toBe(4);
    store.updateJob({ ...(jobs[0] as (typeof jobs)[number]), state: 'running' });
    store.updateJob({ ...(jobs[1] as (typeof jobs)[number]), state: 'succeeded' });
    store.updateJob({ ...(jobs[2] as (typeof jobs)[number]), state: 'failed' });
    expect(store.unfinishedJobs(batch.id)).toBe(2);
    store.close();
  });

  it('updates jobs, lists newest batch first, deletes batches but keeps the ledger', () => {
    const store = make();
    const first = planBatch({ request, prompts: ['x'], estimateTicks: 0, now: 1, newId });
    const second = planBatch({ request, prompts: ['y'], estimateTicks: 0, now: 2, newId });
    store.insertBatch(first.batch, first.jobs);
    store.insertBatch(second.batch, second.jobs);
    const job = { ...(first.jobs[0] as (typeof first.jobs)[number]), state: 'succeeded' as const, costTicks: 600, finishedAt: 50 };
    store.updateJob(job);
    store.recordSpend({ jobId: job.id, at: 50, ticks: 600 });
    expect(store.getJob(job.id)).toMatchObject({ state: 'succeeded', costTicks: 600 });
    expect(store.listBatches().map((b) => b.batch.id)).toEqual([second.batch.id, first.batch.id]);
    expect(store.deleteBatches([first.batch.id])).toBe(1);
    expect(store.getJob(job.id)).toBeUndefined();
    expect(store.spentSince(0)).toBe(600);
    expect(store.spentSince(51)).toBe(0);
    store.close();
  });
});

describe.each(twins)('%s: one ledger, prompt history', (_name, make) => {
  it('sums every kind of paid work in one ledger', () => {
    const store = make();
    store.recordSpend({ jobId: 'j', at: 10, ticks: 100 });
    store.recordSpend({ jobId: 'e', at: 20, ticks: 40, kind: 'edit' });
    store.recordSpend({ jobId: 'v', at: 30, ticks: 5, kind: 'video' });
    expect(store.spentSince(0)).toBe(145);
    expect(store.spentSince(15)).toBe(45);
    store.close();
  });

  it('keeps demo rows out of the real sums, sums by kind, and knows which refs are recorded', () => {
    const store = make();
    store.recordSpend({ jobId: 'j', at: 10, ticks: 100 });
    store.recordSpend({ jobId: 'v', at: 20, ticks: 7, kind: 'video' });
    store.recordSpend({ jobId: 'd', at: 30, ticks: 50, kind: 'edit', demo: true });
    expect(store.spentSince(0)).toBe(107);
    expect(store.spentSince(0, { demo: true })).toBe(50);
    expect(store.spentSince(0, { kind: 'video' })).toBe(7);
    expect(store.spentSince(0, { kind: 'edit' })).toBe(0);
    expect(store.spentSince(0, { kind: 'edit', demo: true })).toBe(50);
    expect(store.hasSpend('v', 'video')).toBe(true);
    expect(store.hasSpend('v', 'image')).toBe(false);
    expect(store.hasSpend('nope', 'video')).toBe(false);
    store.close();
  });

  it('keeps prompts most recent first, counts uses, and searches case-insensitively (% and _ are literal)', () => {
    const store = make();
    store.rememberPrompts(['a red fox', ' a blue whale ', ''], 1);
    store.rememberPrompts(['50% off_sale'], 2);
    store.rememberPrompts(['a red fox'], 3);
    expect(store.promptHistory({ limit: 10 }).map((p) => [p.text, p.uses, p.lastUsedAt])).toEqual([
      ['a red fox', 2, 3], ['50% off_sale', 1, 2], ['a blue whale', 1, 1],
    ]);
    expect(store.promptHistory({ query: 'RED', limit: 10 }).map((p) => p.text)).toEqual(['a red fox']);
    expect(store.promptHistory({ query: '%', limit: 10 }).map((p) => p.text)).toEqual(['50% off_sale']);
    expect(store.promptHistory({ query: 'd_', limit: 10 })).toEqual([]);
    expect(store.promptHistory({ limit: 1 })).toHaveLength(1);
    store.close();
  });

  it('forgets the least recently used prompts beyond the cap', () => {
    const store = make();
    for (let i = 0; i < PROMPT_HISTORY_MAX + 5; i++) store.rememberPrompts([`p${i}`], i);
    const all = store.promptHistory({ limit: PROMPT_HISTORY_MAX + 10 });
    expect(all).toHaveLength(PROMPT_HISTORY_MAX);
    expect(all.at(-1)?.text).toBe('p5');
    store.close();
  });
});

describe('SqliteJobStore migration', () => {
  it('a jobs.db from before keeps its ledger (as images) and gains the prompt table', () => {
    const file = tempFile();
    const old = new DatabaseSync(file);
    // The v1 queue tables as that version made them (later migrations add columns to them).
    old.exec(`CREATE TABLE batches (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL,
        model TEXT NOT NULL, aspect_ratio TEXT NOT NULL, resolution TEXT NOT NULL, n INTEGER NOT NULL, prompts TEXT NOT NULL, estimate_ticks INTEGER NOT NULL);
      CREATE TABLE jobs (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, batch_id TEXT NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
        prompt TEXT NOT NULL, prompt_index INTEGER NOT NULL, n INTEGER NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL, started_at INTEGER, finished_at INTEGER, cost_ticks INTEGER, request_id TEXT, error TEXT, tiles TEXT NOT NULL);
      CREATE TABLE ledger (seq INTEGER PRIMARY KEY, job_id TEXT NOT NULL, at INTEGER NOT NULL, ticks INTEGER NOT NULL);
      INSERT INTO ledger (job_id, at, ticks) VALUES ('old', 5, 700); PRAGMA user_version = 1;`);
    old.close();
    const store = new SqliteJobStore(file);
    expect(store.spentSince(0)).toBe(700);
    store.recordSpend({ jobId: 'e', at: 6, ticks: 1, kind: 'edit' });
    store.rememberPrompts(['kept'], 7);
    store.close();
    const check = new DatabaseSync(file);
    expect(check.prepare('SELECT kind, ticks, demo FROM ledger ORDER BY seq').all()).toEqual([
      { kind: 'image', ticks: 700, demo: 0 }, { kind: 'edit', ticks: 1, demo: 0 },
    ]);
    expect(check.prepare('PRAGMA user_version').get()).toEqual({ user_version: 8 });
    check.close();
  });
});

describe('SqliteJobStore across a restart', () => {
  it('keeps queued jobs queued and marks the in-flight one interrupted with its tiles', () => {
    const file = tempFile();
    const before = new SqliteJobStore(file);
    const { batch, jobs } = planBatch({ request: { ...request, n: 2 }, prompts: ['p1', 'p2', 'p3'], estimateTicks: 0, now: 1, newId });
    before.insertBatch(batch, jobs);
    const [running] = jobs;
    before.updateJob({ ...running!, state: 'running', startedAt: 5, attempts: 1 });
    // No close(): the process "dies" here.
    const after = new SqliteJobStore(file);
    const ids = after.markInterrupted('The app closed while this was in flight.', 99);
    expect(ids).toEqual([running!.id]);
    const job = after.getJob(running!.id);
    expect(job).toMatchObject({ state: 'interrupted', finishedAt: 99, error: { kind: 'interrupted' } });
    expect(job?.tiles.every((t) => t.state === 'interrupted')).toBe(true);
    expect(after.queuedJobIds()).toEqual(jobs.slice(1).map((j) => j.id));
    after.close();
    before.close();
  });
});
