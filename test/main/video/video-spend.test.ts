/**
 * Videos pay through the one ledger and budget: the cost xAI reports for a finished (or blocked but billed) video is
 * recorded once with kind `video`, the cap refuses a submit with its estimate in words, and unfinished videos count
 * as committed at their estimate. Demo-mode videos are simulated: recorded apart, never against the budget.
 */
import { describe, expect, it } from 'vitest';
import { AppErrorException } from '../../../src-main/core/app-error';
import { InMemoryJobStore } from '../../../src-main/core/jobs/in-memory-job-store';
import { InMemoryVideoJobStore } from '../../../src-main/core/video/video-job';
import type { ImagineApi } from '../../../src-main/core/xai/types';
import { createSpendLedger } from '../../../src-main/services/ledger/spend';
import { createVideoService } from '../../../src-main/services/video/video-service';
import { FakeClock } from '../jobs/fake-clock';
import { appError, done, events, fakeLibrary, scriptedApi, silent, textSubmit } from './harness';

const VIDEO_TICKS = 2_000_000_000; // what `done()` reports ($0.20)

function open(o: { api: ImagineApi; cap?: number | null; demo?: boolean; jobs?: InMemoryJobStore; store?: InMemoryVideoJobStore }) {
  const clock = new FakeClock();
  const ev = events();
  const jobs = o.jobs ?? new InMemoryJobStore();
  const settings = { cap: o.cap ?? null, demo: o.demo ?? false };
  const spend = createSpendLedger({ store: jobs, clock, events: ev, budgetCapUsd: () => settings.cap, demo: () => settings.demo });
  const store = o.store ?? new InMemoryVideoJobStore();
  let id = 0;
  const service = createVideoService({
    api: () => o.api, store, library: fakeLibrary().lib, clock, events: ev, logger: silent, spend,
    extractFrame: async () => new Uint8Array([1]), timing: { intervalMs: 1000, maxIntervalMs: 5000, maxErrorDelayMs: 8000 },
    newId: () => (++id).toString(16).padStart(32, 'a'),
  });
  return { service, clock, events: ev, jobs, spend, store, settings };
}

describe('video spend', () => {
  it('records a finished video once, as kind video, and tells the renderer', async () => {
    const h = open({ api: scriptedApi([{ status: 'pending', progress: null }, done()]).api });
    const job = await h.service.submit(textSubmit);
    await h.clock.advance(10_000);
    expect(h.service.list()[0]?.state).toBe('done');
    expect(h.jobs.spentSince(0, { kind: 'video' })).toBe(VIDEO_TICKS);
    expect(h.jobs.hasSpend(job.id, 'video')).toBe(true);
    expect(h.spend.ledger()).toMatchObject({ sessionTicks: VIDEO_TICKS, sessionByKind: { image: 0, edit: 0, video: VIDEO_TICKS } });
    const ledgers = h.events.log.filter((e) => e.event === 'ledger:changed');
    expect(ledgers.at(-1)?.payload).toMatchObject({ sessionTicks: VIDEO_TICKS });
  });

  it('records a video blocked by moderation when xAI billed it, and not one it did not bill', async () => {
    const billed = open({ api: scriptedApi([{ status: 'blocked', reason: 'policy', costTicks: 500, costUsd: 0 } as never]).api });
    await billed.service.submit(textSubmit);
    await billed.clock.advance(5_000);
    expect(billed.service.list()[0]?.state).toBe('blocked');
    expect(billed.jobs.spentSince(0, { kind: 'video' })).toBe(500);
    const free = open({ api: scriptedApi([{ status: 'blocked', reason: 'policy', costTicks: null, costUsd: null } as never]).api });
    await free.service.submit(textSubmit);
    await free.clock.advance(5_000);
    expect(free.jobs.spentSince(0)).toBe(0);
  });

  it('a crash between the reported cost and its ledger row: the next start records it, once', async () => {
    const store = new InMemoryVideoJobStore();
    const jobs = new InMemoryJobStore();
    const a = open({ api: scriptedApi([done()], [appError('network')]).api, store, jobs });
    const job = await a.service.submit(textSubmit);
    await a.clock.advance(1_500);
    expect(store.get(job.id)?.costTicks).toBe(VIDEO_TICKS);
    expect(jobs.spentSince(0)).toBe(VIDEO_TICKS);
    await a.service.dispose();
    // As if the row had been lost: a fresh ledger, the same journal.
    const fresh = new InMemoryJobStore();
    const b = open({ api: scriptedApi([]).api, store, jobs: fresh });
    b.service.resume();
    expect(fresh.spentSince(0, { kind: 'video' })).toBe(VIDEO_TICKS);
    b.service.resume();
    expect(fresh.spentSince(0)).toBe(VIDEO_TICKS);
    await b.service.dispose();
  });

  it('the budget cap refuses a video with its estimate, in the words images and edits use, before anything is sent', async () => {
    const { api, calls } = scriptedApi([]);
    const h = open({ api, cap: 0.1 });
    const est = h.service.estimate(textSubmit);
    expect(est).toMatchObject({ budgetCapUsd: 0.1, committedTicks: 0, exceedsBudget: true });
    const usd = `$${(est.ticks / 1e10).toFixed(2)}`;
    const words = `This video would cost about ${usd}. With $0.00 already spent or queued this session, that is over your budget cap of $0.10.`;
    expect(est.issues).toContainEqual({ path: 'budget', message: words });
    await expect(h.service.submit(textSubmit)).rejects.toMatchObject({ appError: { kind: 'validation', message: words, issues: [{ path: 'budget' }] } });
    expect(calls.start).toHaveLength(0);
    expect(h.store.list()).toHaveLength(0);
  });

  it('an unfinished video counts as committed at its estimate until xAI reports its cost', async () => {
    const h = open({ api: scriptedApi([{ status: 'pending', progress: 10 }, done()]).api });
    const est = h.service.estimate(textSubmit);
    await h.service.submit(textSubmit);
    expect(h.spend.check(0).committedTicks).toBe(est.ticks);
    await h.clock.advance(10_000);
    expect(h.spend.check(0).committedTicks).toBe(VIDEO_TICKS);
  });

  it('demo mode: the video is simulated, kept out of the real totals, and the cap does not apply', async () => {
    const h = open({ api: scriptedApi([done()]).api, cap: 0.01, demo: true });
    expect(h.service.estimate(textSubmit)).toMatchObject({ exceedsBudget: false, issues: [] });
    await h.service.submit(textSubmit);
    await h.clock.advance(5_000);
    expect(h.service.list()[0]?.state).toBe('done');
    expect(h.spend.ledger()).toMatchObject({ sessionTicks: 0, totalTicks: 0, simulated: { sessionTicks: VIDEO_TICKS, totalTicks: VIDEO_TICKS } });
    h.settings.demo = false;
    expect(h.spend.check(0)).toMatchObject({ committedTicks: 0 });
  });
});

describe('a video start call that fails', () => {
  it.each([
    ['a timeout after sending', { kind: 'timeout', message: 'xAI did not answer within 180 s.' }, 'lost', true],
    ['a connection reset', { kind: 'network', message: 'The connection to xAI broke before an answer arrived.' }, 'lost', true],
    ['a 500', { kind: 'api', status: 500, message: 'xAI had a server error: boom' }, 'failed', true],
    ['an unreadable 200', { kind: 'api', status: 200, code: 'bad-response', message: 'xAI sent an unreadable video start response (not JSON).' }, 'failed', true],
    ['a connection that never opened', { kind: 'network', message: 'Could not connect to xAI. Check your internet connection.' }, 'failed', false],
    ['a 400', { kind: 'api', status: 400, message: 'xAI rejected the request: bad duration' }, 'failed', false],
  ] as const)('%s: %s, and says whether xAI may have billed it (never sent twice)', async (_name, error, state, billed) => {
    let starts = 0;
    const api = { ...scriptedApi([]).api, startVideo: async () => {
      starts++;
      throw new AppErrorException(error as never);
    } } as ImagineApi;
    const h = open({ api });
    const thrown = await h.service.submit(textSubmit).then(() => null, (e: { appError?: { message: string } }) => e.appError?.message ?? null);
    const job = h.service.list()[0];
    expect(job?.state).toBe(state);
    const words = /may have received and billed this request, but its id never arrived.*Nothing was sent again automatically\./;
    for (const m of [thrown, job?.reason]) expect(words.test(m ?? '')).toBe(billed);
    if (!billed) expect(job?.reason).toMatch(/^xAI did not start this video: /);
    expect(starts).toBe(1);
    expect(h.jobs.spentSince(0)).toBe(0);
    expect(h.spend.check(0).committedTicks).toBe(0);
  });
});
