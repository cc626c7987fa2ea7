/**
 * Queue control (issue 19) on both job stores, one suite: the order set by the user and the pause switch persist
 * (SQLite: across reopening the file); jobs queued later go to the end. And the scheduler starts nothing while paused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteJobStore } from '../../../src-main/adapters/jobs/sqlite-job-store';
import { InMemoryJobStore } from '../../../src-main/core/jobs/in-memory-job-store';
import type { JobStore } from '../../../src-main/core/jobs/job-store';
import { planBatch } from '../../../src-main/core/jobs/plan';
import { createScheduler } from '../../../src-main/core/scheduler/scheduler';

let n = 0;
const newId = () => (++n).toString(16).padStart(32, '0');
const batchOf = (prompts: string[]) =>
  planBatch({ request: { prompts, n: 1, model: 'grok-imagine-image', aspectRatio: '1:1', resolution: '1k' }, prompts, estimateTicks: 0, now: 1, newId });

const stores: [string, () => { store: JobStore; reopen(): JobStore; done(): void }][] = [
  ['in memory', () => {
    const store = new InMemoryJobStore();
    return { store, reopen: () => store, done() {} };
  }],
  ['SQLite', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'queue-'));
    const file = path.join(dir, 'jobs.db');
    let store: JobStore = new SqliteJobStore(file);
    return {
      store,
      reopen: () => {
        store.close();
        store = new SqliteJobStore(file);
        return store;
      },
      done: () => {
        store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }],
];

describe.each(stores)('queue order and pause (%s)', (_name, make) => {
  it('keeps the order the user set and the pause, and queues later work at the end', () => {
    const t = make();
    const { batch, jobs } = batchOf(['a', 'b', 'c', 'd']);
    t.store.insertBatch(batch, jobs);
    const [a, b, c, d] = jobs.map((j) => j.id) as [string, string, string, string];
    expect(t.store.queuedJobIds()).toEqual([a, b, c, d]);
    t.store.setQueueOrder([d, b]);
    t.store.setQueuePaused(true);
    const later = batchOf(['e']);
    t.store.insertBatch(later.batch, later.jobs);
    const again = t.reopen();
    expect(again.queuedJobIds()).toEqual([d, b, a, c, later.jobs[0]?.id]);
    expect(again.queuePaused()).toBe(true);
    again.setQueuePaused(false);
    expect(again.queuePaused()).toBe(false);
    t.done();
  });
});

describe('scheduler pause and reorder', () => {
  it('starts nothing while paused, then runs in the order given', async () => {
    const started: string[] = [];
    const clock = { now: () => 0, sleep: () => new Promise<void>(() => {}) };
    const s = createScheduler({ clock, concurrency: () => 1, execute: async (id) => { started.push(id); return { kind: 'done' }; } });
    s.setPaused(true);
    for (const id of ['a', 'b', 'c']) s.enqueue(id);
    await s.idle();
    expect(started).toEqual([]);
    s.reorder(['c', 'a']);
    s.setPaused(false);
    await s.idle();
    expect(started).toEqual(['c', 'a', 'b']);
  });
});
