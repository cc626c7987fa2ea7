import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteJobStore } from '../../../src-main/adapters/jobs/sqlite-job-store';
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
