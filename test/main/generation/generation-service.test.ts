import { afterEach, describe, expect, it } from 'vitest';
import { type AppErrorException } from '../../../src-main/core/app-error';
import { BLOCKED_EXPLANATION } from '../../../src-main/core/paid-work/words';
import { INTERRUPTED_MESSAGE } from '../../../src-main/services/generation/generation-service';
import { imageRequests, openHarness, until } from './harness';

type Harness = Awaited<ReturnType<typeof openHarness>>;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const base = { model: 'grok-imagine-image', aspectRatio: '16:9' as const, resolution: '1k' as const };
const CENT = 100_000_000;

function caught(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    return (err as AppErrorException).appError;
  }
  throw new Error('expected a failure');
}

describe('generation service against the simulator', () => {
  it('4 images at 16:9 land in the library at 1408×768 with request id, cost and moderation', async () => {
    h = await openHarness();
    const batch = h.service.submit({ ...base, prompts: ['a lighthouse at dusk'], n: 4 });
    expect(batch.jobs).toHaveLength(1);
    expect(batch.jobs[0]?.tiles.map((t) => t.state)).toEqual(['pending', 'pending', 'pending', 'pending']);
    await h.service.idle();
    const { batches, ledger } = h.service.list();
    const job = batches[0]?.jobs[0];
    expect(job).toMatchObject({ state: 'succeeded', costTicks: 8 * CENT });
    expect(job?.requestId).toBeTruthy();
    const records = h.library.records(job?.tiles.map((t) => t.itemId as string) ?? []);
    expect(records).toHaveLength(4);
    for (const r of records) {
      expect(r).toMatchObject({ width: 1408, height: 768, costTicks: 2 * CENT, requestId: job?.requestId, moderation: 'passed', origin: 'generated', sourceJobId: job?.id });
    }
    expect(ledger).toMatchObject({ sessionTicks: 8 * CENT, dayTicks: 8 * CENT });
    expect(h.events.of('jobs:settled')).toEqual([expect.objectContaining({ images: 4, done: 4, blocked: 0, failed: 0 })]);
    expect(h.events.of('ledger:changed').at(-1)?.sessionTicks).toBe(8 * CENT);
  });

  it('3 prompts × 2 make three requests and six tiles', async () => {
    h = await openHarness();
    h.service.submit({ ...base, aspectRatio: '1:1', prompts: ['one', 'two', '', 'three'], n: 2 });
    await h.service.idle();
    const [batch] = h.service.list().batches;
    expect(batch?.prompts).toEqual(['one', 'two', 'three']);
    expect(batch?.jobs.map((j) => [j.prompt, j.state])).toEqual([['one', 'succeeded'], ['two', 'succeeded'], ['three', 'succeeded']]);
    expect(batch?.jobs.flatMap((j) => j.tiles.map((t) => t.index))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(imageRequests(h.sim).map((r) => (r.body as { n: number }).n)).toEqual([2, 2, 2]);
  });

  it('splits n = 10 into balanced requests of at most 4', async () => {
    h = await openHarness();
    const batch = h.service.submit({ ...base, prompts: ['many'], n: 10 });
    expect(batch.jobs.map((j) => j.n)).toEqual([4, 3, 3]);
    await h.service.idle();
    expect(h.service.list().batches[0]?.jobs.every((j) => j.state === 'succeeded')).toBe(true);
  });

  it('records a moderation-blocked image as a blocked tile with an explanation, without retrying', async () => {
    h = await openHarness();
    h.service.submit({ ...base, prompts: ['something BLOCKED'], n: 2 });
    await h.service.idle();
    const job = h.service.list().batches[0]?.jobs[0];
    expect(job?.state).toBe('partially-blocked');
    expect(job?.tiles[0]).toMatchObject({ state: 'blocked', reason: BLOCKED_EXPLANATION, itemId: null });
    expect(job?.tiles[1]?.state).toBe('done');
    expect(imageRequests(h.sim)).toHaveLength(1);
  });

  it('a 429 storm with Retry-After completes with zero failed jobs', async () => {
    h = await openHarness();
    h.sim.injectFault({ fault: { type: 'rate-limit', retryAfter: '1' }, path: '/v1/images/generations', times: 12 });
    h.service.submit({ ...base, prompts: Array.from({ length: 10 }, (_, i) => `storm ${i}`), n: 1 });
    await h.service.idle();
    const jobs = h.service.list().batches[0]?.jobs ?? [];
    expect(jobs.map((j) => j.state)).toEqual(Array(10).fill('succeeded'));
    expect(imageRequests(h.sim)).toHaveLength(22);
    expect(jobs.some((j) => j.attempts > 1)).toBe(true);
    // A note explained the wait while it lasted.
    expect(h.events.of('jobs:progress').some((e) => e.job.note?.startsWith('Rate limited by xAI'))).toBe(true);
  });

  it('cancels a batch mid-way: the running request is cancelled, queued ones are never sent', async () => {
    h = await openHarness({ sim: { latencyMs: 400 }, settings: { concurrency: 1 } });
    const batch = h.service.submit({ ...base, prompts: ['c1', 'c2', 'c3', 'c4'], n: 1 });
    await until(() => imageRequests(h!.sim).length === 1);
    expect(h.service.cancel({ batchId: batch.id })).toBe(4);
    await h.service.idle();
    const jobs = h.service.list().batches[0]?.jobs ?? [];
    expect(jobs.map((j) => j.state)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(jobs[0]?.error?.message).toMatch(/may still bill/);
    expect(jobs[1]?.error?.message).toMatch(/nothing was billed/);
    expect(imageRequests(h.sim)).toHaveLength(1);
    expect(h.events.of('jobs:settled')).toHaveLength(1);
  });

  it('after a restart, queued jobs finish and the one in flight is interrupted, then retried in one click', async () => {
    h = await openHarness({ sim: { latencyMs: 400 }, settings: { concurrency: 1 } });
    h.service.submit({ ...base, prompts: ['r1', 'r2', 'r3'], n: 1 });
    await until(() => imageRequests(h!.sim).length === 1);
    await h.reopen();
    h.service.start();
    await h.service.idle();
    const jobs = h.service.list().batches[0]?.jobs ?? [];
    expect(jobs.map((j) => j.state)).toEqual(['interrupted', 'succeeded', 'succeeded']);
    expect(jobs[0]?.error?.message).toBe(INTERRUPTED_MESSAGE);
    expect(jobs[0]?.tiles[0]?.state).toBe('interrupted');
    expect(h.service.retry({ jobId: jobs[0]?.id as string })).toBe(1);
    await h.service.idle();
    expect(h.service.list().batches[0]?.jobs[0]?.state).toBe('succeeded');
  });

  it('retries a failed request on demand', async () => {
    h = await openHarness();
    h.sim.injectFault({ fault: { type: 'status', status: 500 }, path: '/v1/images/generations', times: 1 });
    const batch = h.service.submit({ ...base, prompts: ['flaky'], n: 1 });
    await h.service.idle();
    const failed = h.service.list().batches[0]?.jobs[0];
    expect(failed).toMatchObject({ state: 'failed', error: { kind: 'api' } });
    expect(failed?.tiles[0]?.reason).toMatch(/server error/);
    expect(h.service.retry({ batchId: batch.id })).toBe(1);
    await h.service.idle();
    expect(h.service.list().batches[0]?.jobs[0]?.state).toBe('succeeded');
  });

  it('estimates before submitting, and the budget cap blocks a batch that would exceed it', async () => {
    h = await openHarness({ settings: { budgetCapUsd: 0.1 } });
    const request = { ...base, prompts: ['a', 'b'], n: 3 };
    expect(h.service.estimate(request)).toMatchObject({ images: 6, requests: 2, perImageTicks: 2 * CENT, ticks: 12 * CENT, exceedsBudget: true });
    const error = caught(() => h!.service.submit(request));
    expect(error).toMatchObject({ kind: 'validation' });
    expect(error.message).toMatch(/\$0\.12.*budget cap of \$0\.10/);
    expect(h.service.estimate({ ...request, n: 2 }).exceedsBudget).toBe(false);
    expect(imageRequests(h.sim)).toHaveLength(0);
  });

  it('validates every prompt with the client rules before queuing anything', async () => {
    h = await openHarness();
    const error = caught(() => h!.service.submit({ ...base, prompts: ['fine', 'x'.repeat(1100)], n: 1 }));
    expect(error).toMatchObject({ kind: 'validation', issues: [{ path: 'prompts.1' }] });
    expect(error.message).toMatch(/Line 2: The prompt is 1100 characters/);
    expect(caught(() => h!.service.submit({ ...base, prompts: ['  '], n: 1 })).message).toMatch(/Write a prompt/);
    expect(h.service.list().batches).toHaveLength(0);
  });

  it('clears finished batches but keeps the ledger', async () => {
    h = await openHarness();
    h.service.submit({ ...base, prompts: ['keep the money'], n: 1 });
    await h.service.idle();
    expect(h.service.clearFinished()).toBe(1);
    expect(h.service.list()).toMatchObject({ batches: [], ledger: { sessionTicks: 2 * CENT } });
  });

  it('keeps the prompt history in jobs.db: submits add to it, most recent first, searchable, across a restart', async () => {
    h = await openHarness();
    h.service.submit({ ...base, prompts: ['a lighthouse at dusk'], n: 1 });
    h.service.submit({ ...base, prompts: ['a fox in the snow', 'a Lighthouse in fog'], n: 1 });
    expect(() => h!.service.submit({ ...base, prompts: ['x'.repeat(1100)], n: 1 })).toThrow();
    await h.service.idle();
    const texts = (r: { prompts: { text: string }[] }) => r.prompts.map((p) => p.text);
    expect(texts(h.service.history.list({}))).toEqual(['a Lighthouse in fog', 'a fox in the snow', 'a lighthouse at dusk']);
    expect(texts(h.service.history.list({ query: 'LIGHTHOUSE' }))).toEqual(['a Lighthouse in fog', 'a lighthouse at dusk']);
    expect(texts(h.service.history.list({ limit: 1 }))).toEqual(['a Lighthouse in fog']);
    // Using an old prompt again moves it to the front; the old local history can be handed over.
    h.service.submit({ ...base, prompts: ['a lighthouse at dusk'], n: 1 });
    expect(h.service.history.remember(['from localStorage 1', 'from localStorage 2', ' '])).toBe(2);
    await h.service.idle();
    await h.reopen();
    const after = h.service.history.list({});
    expect(texts(after).slice(0, 3)).toEqual(['from localStorage 2', 'from localStorage 1', 'a lighthouse at dusk']);
    expect(after.prompts.find((p) => p.text === 'a lighthouse at dusk')?.uses).toBe(2);
  });
});
