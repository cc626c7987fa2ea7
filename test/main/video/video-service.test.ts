import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteVideoJobStore } from '../../../src-main/adapters/video/sqlite-video-job-store';
import { InMemoryVideoJobStore } from '../../../src-main/core/video/video-job';
import { flush } from '../jobs/fake-clock';
import { appError, done, fakeLibrary, harness, scriptedApi, textSubmit } from './harness';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('video service: polling', () => {
  it('journals the request id before polling, treats empty 202s as pending, and ingests the download', async () => {
    const { api, calls } = scriptedApi([{ status: 'pending', progress: null }, { status: 'pending', progress: 40 }, done()]);
    const { lib, ingested } = fakeLibrary();
    const h = harness({ api, library: lib });
    const job = await h.service.submit(textSubmit);
    expect(job.state).toBe('pending');
    expect(h.store.get(job.id)?.videoRequestId).toBe('vid-1');
    expect(h.events.states().slice(0, 2)).toEqual(['submitting', 'pending']);
    await h.clock.advance(10_000);
    const end = h.service.list()[0];
    expect(end?.state).toBe('done');
    expect(end?.file).toMatch(/\.mp4$/);
    expect(calls.polls).toBe(3);
    expect(ingested[0]).toMatchObject({ kind: 'video', costTicks: 2_000_000_000, requestId: 'vid-1', sourceJobId: job.id, moderation: 'passed' });
    expect(h.events.log.some((e) => e.event === 'video:settled')).toBe(true);
    const progress = h.events.log.map((e) => (e.payload as { job: { progress: number | null } }).job.progress);
    expect(progress).toContain(40);
  });

  it('backs off: steady interval at first, slower for long jobs, doubling on errors up to the cap', async () => {
    const { api } = scriptedApi([
      ...Array.from({ length: 30 }, () => ({ status: 'pending' as const, progress: 10 })),
      appError('network'), appError('network'), appError('network'), appError('network'), appError('network'),
      done(),
    ]);
    const h = harness({ api });
    const sleeps: number[] = [];
    const orig = h.clock.sleep;
    h.clock.sleep = (ms, signal) => (sleeps.push(ms), orig(ms, signal));
    await h.service.submit(textSubmit);
    await h.clock.advance(400_000);
    expect(sleeps.slice(0, 12)).toEqual(Array(12).fill(1000));
    expect(sleeps[13]).toBeGreaterThan(1000);
    expect(Math.max(...sleeps.slice(0, 30))).toBe(5000);
    expect(sleeps.slice(30, 35)).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(h.service.list()[0]?.state).toBe('done');
  });

  it('notes a transient error in words and keeps the job', async () => {
    const { api } = scriptedApi([appError('network', 'Could not reach xAI.')]);
    const h = harness({ api });
    await h.service.submit(textSubmit);
    await flush();
    const job = h.service.list()[0];
    expect(job?.state).toBe('pending');
    expect(job?.note).toBe('Could not reach xAI. Checking again in 1 s.');
  });
});

describe('video service: endings', () => {
  it.each([
    ['failed', { status: 'failed', code: 'internal_error', message: 'Rendering failed' }, /could not make this video: Rendering failed/],
    ['expired', { status: 'expired' }, /expire before it finished/],
    ['blocked', { status: 'blocked', reason: 'content policy', costTicks: 5, costUsd: 0 }, /moderation withheld/],
  ] as const)('ends %s with the reason in words', async (state, poll, reason) => {
    const { api, calls } = scriptedApi([poll as never]);
    const h = harness({ api });
    await h.service.submit(textSubmit);
    await h.clock.advance(5000);
    const job = h.service.list()[0];
    expect(job?.state).toBe(state);
    expect(job?.reason).toMatch(reason);
    expect(calls.downloads).toBe(0);
  });

  it('a 404 on poll ends the job as lost', async () => {
    const { api } = scriptedApi([appError('not-found')]);
    const h = harness({ api });
    await h.service.submit(textSubmit);
    await h.clock.advance(5000);
    expect(h.service.list()[0]).toMatchObject({ state: 'lost', reason: expect.stringMatching(/no longer knows/) });
  });

  it('retries a broken download, then ingests', async () => {
    const { api, calls } = scriptedApi([done()], [appError('network', 'The download was interrupted.'), appError('timeout')]);
    const h = harness({ api });
    await h.service.submit(textSubmit);
    await h.clock.advance(1);
    expect(h.service.list()[0]?.state).toBe('downloading');
    expect(h.service.list()[0]?.note).toMatch(/interrupted. Checking again/);
    await h.clock.advance(10_000);
    expect(calls.downloads).toBe(3);
    expect(h.service.list()[0]?.state).toBe('done');
  });

  it('an expired result link ends the job as expired', async () => {
    const { api } = scriptedApi([done()], [appError('not-found')]);
    const h = harness({ api });
    await h.service.submit(textSubmit);
    await h.clock.advance(5000);
    expect(h.service.list()[0]).toMatchObject({ state: 'expired', reason: expect.stringMatching(/link expired/) });
  });

  it('cancel stops waiting and says the server job may still be billed', async () => {
    const { api, calls } = scriptedApi([]);
    const h = harness({ api });
    const job = await h.service.submit(textSubmit);
    await h.clock.advance(3000);
    const before = calls.polls;
    const cancelled = h.service.cancel(job.id);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.reason).toMatch(/may still finish on xAI and be billed/);
    await h.clock.advance(10_000);
    expect(calls.polls).toBe(before);
  });

  it('a refused start call is journaled as failed and reported', async () => {
    const { api } = scriptedApi([]);
    (api as { startVideo: unknown }).startVideo = async () => { throw appError('rate-limited', 'Too many requests.'); };
    const h = harness({ api });
    // A 429 is not billed: the pipeline waits it out and sends again, then gives up after its last try.
    const submitted = h.service.submit(textSubmit);
    const refused = expect(submitted).rejects.toThrow('Too many requests.');
    await h.clock.advance(120_000);
    await refused;
    expect(h.service.list()[0]).toMatchObject({ state: 'failed', reason: 'xAI did not start this video: Too many requests.' });
  });

  it('refuses invalid submits before journaling anything', async () => {
    const { api, calls } = scriptedApi([]);
    const h = harness({ api });
    await expect(h.service.submit({ ...textSubmit, resolution: '1080p' })).rejects.toThrow(/does not render 1080p/);
    expect(h.service.list()).toEqual([]);
    expect(calls.start).toEqual([]);
  });
});

describe('video service: many jobs and restarts', () => {
  it('follows several jobs at once', async () => {
    const { api } = scriptedApi([done(), done(), done()]);
    const h = harness({ api });
    await Promise.all([h.service.submit(textSubmit), h.service.submit(textSubmit), h.service.submit(textSubmit)]);
    await h.clock.advance(5000);
    expect(h.service.list().map((j) => j.state)).toEqual(['done', 'done', 'done']);
  });

  it('resumes unfinished jobs from the SQLite journal in a new service instance', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'video-journal-'));
    dirs.push(dir);
    const file = path.join(dir, 'video-jobs.db');
    const first = scriptedApi([{ status: 'pending', progress: 30 }]);
    const a = harness({ api: first.api, store: new SqliteVideoJobStore(file) });
    const job = await a.service.submit(textSubmit);
    await a.clock.advance(500);
    await a.service.dispose(); // the app quits (or dies) while xAI renders

    const second = scriptedApi([done()]);
    const { lib, ingested } = fakeLibrary();
    const b = harness({ api: second.api, store: new SqliteVideoJobStore(file), library: lib });
    expect(b.service.list()[0]).toMatchObject({ id: job.id, state: 'pending', progress: 30, videoRequestId: 'vid-1' });
    expect(b.service.resume()).toBe(1);
    await b.clock.advance(5000);
    expect(b.service.list()[0]?.state).toBe('done');
    expect(ingested).toHaveLength(1);
    await b.service.dispose();
  });

  it('an accepted rewrite: the rewrite is sent, the original is journaled (across a restart) and filed on the video', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'video-journal-'));
    dirs.push(dir);
    const file = path.join(dir, 'video-jobs.db');
    const first = scriptedApi([{ status: 'pending', progress: 10 }]);
    const a = harness({ api: first.api, store: new SqliteVideoJobStore(file) });
    const job = await a.service.submit({ ...textSubmit, prompt: 'a paper boat, rain, slow dolly', originalPrompt: 'a paper boat' });
    expect(first.calls.start[0]).toEqual({ prompt: 'a paper boat, rain, slow dolly', model: 'grok-imagine-video', duration: 4, aspect_ratio: '16:9', resolution: '480p' });
    await a.service.dispose();

    const second = scriptedApi([done()]);
    const { lib, ingested } = fakeLibrary();
    const b = harness({ api: second.api, store: new SqliteVideoJobStore(file), library: lib });
    expect(b.service.list()[0]?.again).toMatchObject({ prompt: 'a paper boat, rain, slow dolly', originalPrompt: 'a paper boat' });
    b.service.resume();
    await b.clock.advance(5000);
    expect(b.service.list()[0]).toMatchObject({ id: job.id, state: 'done' });
    expect(ingested[0]).toMatchObject({ prompt: 'a paper boat, rain, slow dolly', originalPrompt: 'a paper boat' });
    await b.service.dispose();
  });

  it('a job that died before xAI answered is explained as possibly billed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'video-journal-'));
    dirs.push(dir);
    const store = new SqliteVideoJobStore(path.join(dir, 'video-jobs.db'));
    const never = scriptedApi([]);
    (never.api as { startVideo: unknown }).startVideo = () => new Promise(() => {});
    const a = harness({ api: never.api, store });
    void a.service.submit(textSubmit);
    await flush();
    expect(store.unfinished()[0]?.state).toBe('submitting');
    const b = harness({ api: scriptedApi([]).api, store });
    b.service.resume();
    await b.clock.advance(10);
    expect(b.service.list()[0]).toMatchObject({ state: 'lost', reason: expect.stringMatching(/before xAI answered.*billed/) });
    store.close();
  });
});

describe('video service: sources and lineage', () => {
  const img = 'b'.repeat(32);
  const vid = 'c'.repeat(32);
  const long = 'd'.repeat(32);
  const library = () => fakeLibrary([
    { id: img, kind: 'image', mime: 'image/png' },
    { id: vid, kind: 'video', mime: 'video/mp4', durationMs: 6000 },
    { id: long, kind: 'video', mime: 'video/mp4', durationMs: 12_000 },
  ]);

  it('embeds library stills as data URLs and links references and extensions back to their sources', async () => {
    const { api, calls } = scriptedApi([done(), done()]);
    const { lib, ingested } = library();
    const h = harness({ api, library: lib });
    await h.service.submit({ mode: 'reference', prompt: '<IMAGE_0> waves', model: 'grok-imagine-video', duration: 3, aspectRatio: '1:1', resolution: '720p', references: [{ itemId: img }] });
    await h.service.submit({ mode: 'extend', prompt: 'then rain', model: 'grok-imagine-video', videoId: vid, extendSeconds: 4 });
    await h.clock.advance(5000);
    expect(calls.start[0]).toMatchObject({ reference_images: [{ url: expect.stringMatching(/^data:image\/png;base64,/) }] });
    expect(calls.start[1]).toMatchObject({ duration: 4, video: { url: expect.stringMatching(/^data:video\/mp4;base64,/) } });
    expect(ingested.map((i) => i.parents)).toEqual([[{ parentId: img, kind: 'reference-of' }], [{ parentId: vid, kind: 'extended-from' }]]);
    // The journal keeps the request but not the media.
    expect(JSON.stringify(h.store.list())).not.toMatch(/base64,/);
    expect(h.service.list().find((j) => j.mode === 'extend')?.seconds).toBe(10);
  });

  it('refuses an edit of a video longer than 8.7 s, with the reason', async () => {
    const h = harness({ api: scriptedApi([]).api, library: library().lib });
    await expect(h.service.submit({ mode: 'edit', prompt: 'make it snow', model: 'grok-imagine-video', videoId: long })).rejects.toThrow(/12.0 s; xAI edits videos up to 8.7 s/);
    expect(h.service.estimate({ mode: 'edit', prompt: 'x', model: 'grok-imagine-video', videoId: vid })).toMatchObject({ issues: [], source: 'table' });
  });

  it('a job restarted while downloading fetches the stored link without polling again', async () => {
    const store = new InMemoryVideoJobStore();
    const a = harness({ api: scriptedApi([done()], [appError('network')]).api, store });
    await a.service.submit(textSubmit);
    await a.clock.advance(1);
    await a.service.dispose();
    expect(store.unfinished()[0]).toMatchObject({ state: 'downloading', resultUrl: 'https://vidgen.example/v.mp4' });
    const second = scriptedApi([]);
    const b = harness({ api: second.api, store });
    b.service.resume();
    await b.clock.advance(10);
    expect(second.calls).toMatchObject({ polls: 0, downloads: 1 });
    expect(b.service.list()[0]?.state).toBe('done');
  });
});

describe('video service: crash between ingest and journal', () => {
  it('finds the already filed video instead of downloading and filing it twice', async () => {
    const store = new InMemoryVideoJobStore();
    const { lib, ingested } = fakeLibrary();
    // The row commits, then the process dies before the journal says done.
    const dying = { ...lib, ingest: (input: Parameters<typeof lib.ingest>[0]) => lib.ingest(input).then(() => new Promise<never>(() => {})) };
    const a = harness({ api: scriptedApi([done()]).api, store, library: dying });
    await a.service.submit(textSubmit);
    await a.clock.advance(10);
    expect(store.unfinished()[0]).toMatchObject({ state: 'downloading', ingestAt: expect.any(Number) });
    const second = scriptedApi([]);
    const b = harness({ api: second.api, store, library: lib });
    b.service.resume();
    await b.clock.advance(10);
    expect(b.service.list()[0]).toMatchObject({ state: 'done', itemId: expect.any(String) });
    expect(second.calls.downloads).toBe(0);
    expect(ingested).toHaveLength(1);
  });
});
