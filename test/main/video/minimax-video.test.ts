/**
 * MiniMax Hailuo video through the same video journal and paid-work pipeline as xAI's (issue 18 §3): the real
 * MiniMax client against its simulator, the real library and the SQLite journal. Text → video, image → video, first
 * + last frame and subject reference each land in the library with provider, model, operation and lineage; the list
 * price is recorded once; a moderated task is blocked and not charged; a service restarted while a task is pending
 * resumes it without a second start call.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMinimaxClient } from '../../../src-main/adapters/minimax';
import { systemClock } from '../../../src-main/adapters/system-clock';
import { createFfmpegFrameExtractor, createVideoJobStore } from '../../../src-main/adapters/video';
import { InMemoryResultStaging } from '../../../src-main/core/jobs/result-staging';
import { createPaidWork } from '../../../src-main/services/paid-work/paid-work';
import { startMinimaxSimulator, type MinimaxSimulator } from '../../../src-main/simulator/minimax';
import { videoLibraryFrom } from '../../../src-main/services/video/library-port';
import { createVideoService } from '../../../src-main/services/video/video-service';
import { openLibrary, png } from '../library/service-harness';
import { events, settled, silent } from './harness';

let sim: MinimaxSimulator;
let dir: string;
beforeAll(async () => {
  sim = await startMinimaxSimulator({ pendingPolls: 2, requestsPerMinute: 10_000, fps: 2 });
  dir = mkdtempSync(path.join(os.tmpdir(), 'minimax-video-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A service on its own folder (`at`: reopen one, as a restart would). */
function setup(at = mkdtempSync(path.join(dir, 'run-'))) {
  const lib = openLibrary(path.join(at, 'library'));
  const minimax = createMinimaxClient({ baseUrl: sim.url, getApiKey: async () => 'mm-test-key', clock: systemClock, logger: silent });
  const spent: { kind: string; ref: string; ticks: number }[] = [];
  const spend = { record: (e: { kind: string; ref: string; ticks: number }) => void spent.push(e), recordOnce: (e: { kind: string; ref: string; ticks: number }) => (spent.some((s) => s.ref === e.ref) ? false : (spent.push(e), true)) };
  const library = videoLibraryFrom(lib.service, lib.adapters.files);
  const work = createPaidWork({ staging: new InMemoryResultStaging(), library, spend, clock: systemClock, logger: silent });
  const service = createVideoService({
    api: () => { throw new Error('xAI is not asked for a MiniMax video'); }, minimax: () => minimax,
    store: createVideoJobStore(at), library, extractFrame: createFfmpegFrameExtractor(), work,
    clock: systemClock, events: events(), logger: silent, timing: { intervalMs: 20 },
  });
  return { lib, service, spent, at };
}


const starts = (prompt: string) => sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/video_generation' && (r.body as { prompt?: string }).prompt === prompt);

describe('MiniMax video through the video journal', () => {
  it('text → video: estimate at list price, one start call, filed with provider, model and operation, spend once', async () => {
    const { lib, service, spent } = setup();
    const submit = { mode: 'text', prompt: 'a lantern drifts over a lake', model: 'MiniMax-Hailuo-02', duration: 6, aspectRatio: '16:9', resolution: '768p' } as const;
    const estimate = service.estimate(submit);
    expect(estimate.issues).toEqual([]);
    expect(estimate.ticks).toBe(6 * Math.round((0.28 * 100 * 1e8) / 6));
    const job = await settled(service, (await service.submit(submit)).id, 600);
    expect(job).toMatchObject({ state: 'done', model: 'MiniMax-Hailuo-02', costTicks: estimate.ticks });
    const [record] = lib.service.records([job.itemId as string]);
    expect(record).toMatchObject({ kind: 'video', provider: 'minimax', model: 'MiniMax-Hailuo-02', operation: 'text-video', requestId: job.videoRequestId, costTicks: estimate.ticks });
    expect(starts(submit.prompt)).toHaveLength(1);
    expect((starts(submit.prompt)[0]?.body as Record<string, unknown>)).toMatchObject({ model: 'MiniMax-Hailuo-02', duration: 6, resolution: '768P' });
    expect(spent.filter((s) => s.ref === job.id)).toEqual([expect.objectContaining({ kind: 'video', ticks: estimate.ticks })]);
  });

  it('image → video, first + last frame and subject reference: each with its operation and lineage', async () => {
    const { lib, service } = setup();
    const first = await lib.service.ingest({ bytes: await png(640, 360), kind: 'image', origin: 'generated', prompt: 'dawn' });
    const last = await lib.service.ingest({ bytes: await png(640, 360), kind: 'image', origin: 'generated', prompt: 'dusk' });
    const face = await lib.service.ingest({ bytes: await png(512, 512), kind: 'image', origin: 'generated', prompt: 'face' });
    const jobs = await Promise.all([
      service.submit({ mode: 'image', prompt: 'the sun rises', model: 'MiniMax-Hailuo-2.3', duration: 6, resolution: '768p', image: { itemId: first.id } }),
      service.submit({ mode: 'image', prompt: 'day turns to night', model: 'MiniMax-Hailuo-02', duration: 6, resolution: '768p', image: { itemId: first.id }, lastImage: { itemId: last.id } }),
      service.submit({ mode: 'reference', prompt: 'she waves at the camera', model: 'S2V-01', duration: 6, aspectRatio: '16:9', resolution: '720p', references: [{ itemId: face.id }] }),
    ]);
    const done = await Promise.all(jobs.map((j) => settled(service, j.id, 600)));
    const records = lib.service.records(done.map((j) => j.itemId as string));
    expect(records.map((r) => [r.model, r.operation])).toEqual([['MiniMax-Hailuo-2.3', 'image-video'], ['MiniMax-Hailuo-02', 'first-last-video'], ['S2V-01', 'subject-video']]);
    expect(records.map((r) => lib.service.item(r.id).parents.map((p) => [p.kind, p.record.id]))).toEqual([
      [['animated-from', first.id]], [['animated-from', first.id], ['animated-from', last.id]], [['reference-of', face.id]],
    ]);
    const bodies = ['the sun rises', 'day turns to night', 'she waves at the camera'].map((p) => starts(p)[0]?.body as Record<string, unknown>);
    expect(bodies[0]).toMatchObject({ first_frame_image: expect.stringMatching(/^data:image\/png;base64,/) });
    expect(bodies[1]).toMatchObject({ first_frame_image: expect.any(String), last_frame_image: expect.stringMatching(/^data:image\/png;base64,/) });
    expect(bodies[2]).toMatchObject({ subject_reference: [{ type: 'character', image: [expect.stringMatching(/^data:image\/png;base64,/)] }] });
    // S2V-01 is of the 01 series: no duration or resolution on the wire (minimax-api.md §4.1).
    expect(bodies[2]).not.toHaveProperty('duration');
  });

  it('refuses what the chosen model cannot do, in words, before any call', () => {
    const { service } = setup();
    const issues = (s: Parameters<typeof service.estimate>[0]) => service.estimate(s).issues.map((i) => i.message);
    expect(issues({ mode: 'text', prompt: 'x', model: 'MiniMax-Hailuo-02', duration: 10, aspectRatio: '16:9', resolution: '1080p' })).toEqual(['Hailuo 02 makes 6 s videos at 1080p.']);
    expect(issues({ mode: 'text', prompt: 'x', model: 'MiniMax-Hailuo-2.3', duration: 6, aspectRatio: '16:9', resolution: '480p' })).toEqual(['Hailuo 2.3 renders 768p, 1080p.']);
    expect(issues({ mode: 'edit', prompt: 'x', model: 'MiniMax-Hailuo-02', videoId: 'a'.repeat(32) })[0]).toMatch(/MiniMax makes new videos only/);
    // Hailuo 02 renders 512p for image → video only: the capability table's per-mode fact, the form's words.
    expect(issues({ mode: 'text', prompt: 'x', model: 'MiniMax-Hailuo-02', duration: 6, aspectRatio: '16:9', resolution: '512p' })).toEqual(['Hailuo 02 renders 768p, 1080p for text to video.']);
    const still = { dataUrl: `data:image/png;base64,${'A'.repeat(64)}` };
    expect(issues({ mode: 'image', prompt: 'x', model: 'MiniMax-Hailuo-02', duration: 6, resolution: '512p', image: still })).toEqual([]);
    expect(issues({ mode: 'image', prompt: 'x', model: 'MiniMax-Hailuo-02', duration: 6, resolution: '512p', image: still, lastImage: still }))
      .toEqual(['Hailuo 02 renders 768p, 1080p for first and last frame.']);
  });

  it('a moderated task ends blocked, in words, and is not charged', async () => {
    const { service, spent } = setup();
    const job = await settled(service, (await service.submit({ mode: 'text', prompt: 'a storm BLOCKED_OUTPUT', model: 'T2V-01', duration: 6, aspectRatio: '16:9', resolution: '720p' })).id);
    expect(job.state).toBe('blocked');
    expect(job.reason).toBeTruthy();
    expect(spent.filter((s) => s.ref === job.id)).toEqual([]);
  });

  it('a service restarted while the task is pending resumes it without a second start call', async () => {
    const a = setup();
    const prompt = 'a kite over the dunes';
    const started = await a.service.submit({ mode: 'text', prompt, model: 'MiniMax-Hailuo-02', duration: 6, aspectRatio: '16:9', resolution: '768p' });
    await a.service.dispose();
    await a.lib.close();
    const b = setup(a.at);
    expect(b.service.resume()).toBeGreaterThanOrEqual(1);
    const job = await settled(b.service, started.id, 600);
    expect(job.state).toBe('done');
    expect(starts(prompt)).toHaveLength(1);
  });
});
