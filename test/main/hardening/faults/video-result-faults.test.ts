/**
 * Fault matrix, video results: jobs that fail or expire on xAI's side, result links that expire before the download,
 * very slow downloads, and a download that dies half way. Every case: the right end state in words, one start POST,
 * and what the library held before is untouched.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { VideoJobView } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectReadable, throttledFetch } from '../support/faults';
import { openRig, postsFor, until, type Rig } from '../support/rig';

const VIDEO_POST = '/v1/videos/generations';
let rig: Rig;
let slow = false;
let baseline: VideoJobView;

async function video(prompt: string, timeoutMs = 20_000): Promise<VideoJobView> {
  const started = await rig.parts.video.submit({ mode: 'text', prompt, model: 'grok-imagine-video', duration: 1, aspectRatio: '16:9', resolution: '480p' });
  const final = new Set(['done', 'failed', 'expired', 'blocked', 'lost', 'cancelled']);
  const find = () => rig.parts.video.list().find((j) => j.id === started.id) as VideoJobView;
  await until(() => final.has(find().state), timeoutMs, `video "${prompt}" to settle`);
  return find();
}

const libraryFile = (rel: string) => path.join(rig.dir, 'library', ...rel.split('/'));

function expectBaselineIntact(): void {
  const [record] = rig.parts.library.records([baseline.itemId as string]);
  expect(record?.id).toBe(baseline.itemId);
  expect(existsSync(libraryFile(record?.file ?? 'none'))).toBe(true);
}

beforeAll(async () => {
  rig = await openRig({
    sim: { video: { emptyPolls: 1, pendingPolls: 1 } },
    videoClient: {
      fetch: throttledFetch({ match: /\/files\/vid\//, chunk: 2048, delayMs: 40, slow: () => slow }),
      timeouts: { downloadMs: 5_000 },
    },
  });
  baseline = await video('baseline video');
  expect(baseline.state).toBe('done');
}, 30_000);
afterAll(async () => {
  await rig.close();
});

describe('video result faults', () => {
  it.each([
    ['a 500', 'SERVER_ERROR', 'failed'],
    ['a 503', 'UNAVAILABLE', 'failed'],
    ['an HTML error page', 'HTML_ERROR', 'failed'],
    // The start call may or may not have reached xAI: the job is kept as lost (with why), never sent again.
    ['a connection reset', 'RESET', 'lost'],
  ])('the start call answered with %s: %s, in words, never sent twice', async (_name, word, state) => {
    const prompt = `video start ${word}`;
    const error = await rig.parts.video
      .submit({ mode: 'text', prompt, model: 'grok-imagine-video', duration: 1, aspectRatio: '16:9', resolution: '480p' })
      .then(() => null, (e: { appError?: { message: string } }) => e.appError ?? null);
    expectReadable(error?.message);
    const job = rig.parts.video.list().find((j) => j.prompt === prompt) as VideoJobView;
    expect(job.state).toBe(state);
    expectReadable(job.reason);
    // Each may have reached xAI: both the error and the job say it may be billed and was not sent again.
    for (const words of [error?.message, job.reason]) expect(words).toMatch(/may have received and billed this request.*Nothing was sent again automatically\./);
    expect(postsFor(rig.sim, prompt, VIDEO_POST)).toHaveLength(1);
    expectBaselineIntact();
  });

  it('xAI fails the job: failed, in words, one start call', async () => {
    const job = await video('fault VIDEO_FAIL');
    expect(job.state).toBe('failed');
    expectReadable(job.reason);
    expect(postsFor(rig.sim, 'fault VIDEO_FAIL', VIDEO_POST)).toHaveLength(1);
    expectBaselineIntact();
  });

  it('xAI says the job expired: expired, in words, one start call', async () => {
    const job = await video('fault VIDEO_EXPIRE');
    expect(job.state).toBe('expired');
    expectReadable(job.reason);
    expect(postsFor(rig.sim, 'fault VIDEO_EXPIRE', VIDEO_POST)).toHaveLength(1);
    expectBaselineIntact();
  });

  it('the result link expired before the download: expired with the 24-hour explanation, not retried', async () => {
    rig.sim.config.videoUrlTtlMs = 1;
    try {
      const job = await video('link expires at once');
      expect(job.state).toBe('expired');
      expect(job.reason).toMatch(/link expired/);
      expectReadable(job.reason);
      expect(postsFor(rig.sim, 'link expires at once', VIDEO_POST)).toHaveLength(1);
    } finally {
      rig.sim.config.videoUrlTtlMs = 86_400_000;
    }
    expectBaselineIntact();
  });

  it('a very slow download completes (and the file is whole)', async () => {
    slow = true;
    try {
      const started = Date.now();
      const job = await video('slow download', 30_000);
      expect(job.state).toBe('done');
      expect(Date.now() - started).toBeGreaterThan(300);
      const [record] = rig.parts.library.records([job.itemId as string]);
      expect(readFileSync(libraryFile(record?.file ?? '')).subarray(4, 8).toString()).toBe('ftyp');
      expect(record?.durationMs).toBeGreaterThan(0);
    } finally {
      slow = false;
    }
    expectBaselineIntact();
  });

  it('a download slower than the download timeout is never failed: cut at each deadline, resumed with Range, saved whole', async () => {
    const prompt = 'slower than the timeout';
    slow = true;
    // ~3 KB/s against a 1 s deadline: no single attempt can fetch the clip, so it only arrives if cut transfers resume.
    const trickle = throttledFetch({ match: /\/files\/vid\//, chunk: 128, delayMs: 40, slow: () => slow });
    await rig.restart({ videoClient: { fetch: trickle, timeouts: { downloadMs: 1_000 } } });
    try {
      const job = await video(prompt, 40_000);
      expect(job.state).toBe('done');
      const url = new URL(rig.sim.state.videos.get(job.videoRequestId as string)?.url as string);
      const gets = rig.sim.requests.filter((r) => r.path === url.pathname);
      expect(gets.filter((r) => r.headers.range).length).toBeGreaterThan(0);
      const original = new Uint8Array(await (await fetch(url)).arrayBuffer());
      const [record] = rig.parts.library.records([job.itemId as string]);
      expect(Buffer.compare(readFileSync(libraryFile(record?.file ?? '')), original)).toBe(0);
      const notes = rig.parts.events.of('video:progress').map((e) => e.job.note).filter((n): n is string => !!n);
      for (const n of notes) expectReadable(n);
      expect(postsFor(rig.sim, prompt, VIDEO_POST)).toHaveLength(1);
    } finally {
      slow = false;
      await rig.restart({ videoClient: { timeouts: { downloadMs: 5_000 } } });
    }
    expectBaselineIntact();
  }, 60_000);

  it('a download that dies half way resumes with a Range request; the saved file is the whole file', async () => {
    const prompt = 'fault DOWNLOAD_RESET';
    const job = await video(prompt);
    expect(job.state).toBe('done');
    const simJob = rig.sim.state.videos.get(job.videoRequestId as string);
    const url = new URL(simJob?.url as string);
    const gets = rig.sim.requests.filter((r) => r.path === url.pathname);
    expect(gets.length).toBeGreaterThanOrEqual(2);
    expect(gets.some((r) => /^bytes=\d+-$/.test(r.headers.range ?? ''))).toBe(true);
    const original = new Uint8Array(await (await fetch(url)).arrayBuffer());
    const [record] = rig.parts.library.records([job.itemId as string]);
    expect(Buffer.compare(readFileSync(libraryFile(record?.file ?? '')), original)).toBe(0);
    expect(postsFor(rig.sim, prompt, VIDEO_POST)).toHaveLength(1);
    expectBaselineIntact();
  });
});
