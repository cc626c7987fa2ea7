/**
 * The video service end to end in one process: the real HTTP client against the simulator (empty 202s, pending
 * progress, a download that breaks half way), the real library (ffmpeg poster and duration) and the SQLite journal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createXaiImagineClient } from '../../../src-main/adapters/xai';
import { createFfmpegFrameExtractor, createVideoJobStore } from '../../../src-main/adapters/video';
import { systemClock } from '../../../src-main/adapters/system-clock';
import { startSimulator, type Simulator } from '../../../src-main/simulator';
import { videoLibraryFrom } from '../../../src-main/services/video/library-port';
import { createVideoService } from '../../../src-main/services/video/video-service';
import { openLibrary, png } from '../library/service-harness';
import { events, settled, silent } from './harness';

let sim: Simulator;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator({ video: { emptyPolls: 2, pendingPolls: 2, fps: 2 } });
  dir = mkdtempSync(path.join(os.tmpdir(), 'video-sim-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

function setup() {
  const lib = openLibrary(path.join(dir, 'library'));
  const api = createXaiImagineClient({ baseUrl: `${sim.url}/v1`, getApiKey: async () => 'xai-test-key', clock: systemClock, logger: silent });
  const ev = events();
  const service = createVideoService({
    api: () => api,
    store: createVideoJobStore(dir),
    library: videoLibraryFrom(lib.service, lib.adapters.files),
    extractFrame: createFfmpegFrameExtractor(),
    clock: systemClock, events: ev, logger: silent, timing: { intervalMs: 20 },
  });
  return { lib, service, ev };
}


describe('video jobs against the simulator', () => {
  it('image → video → extension, with a broken first download, poster, duration, cost and lineage', async () => {
    const { lib, service, ev } = setup();
    const still = await lib.service.ingest({ bytes: await png(320, 180), kind: 'image', origin: 'generated', prompt: 'harbour' });
    const first = await service.submit({ mode: 'image', prompt: 'waves roll in DOWNLOAD_RESET', model: 'grok-imagine-video', duration: 3, resolution: '480p', image: { itemId: still.id } });
    const done = await settled(service, first.id);
    expect(done).toMatchObject({ state: 'done', costTicks: expect.any(Number), file: expect.stringMatching(/\.mp4$/), poster: expect.any(String) });
    expect(done.durationMs).toBeGreaterThan(2500);
    const detail = lib.service.item(done.itemId as string);
    expect(detail.record).toMatchObject({ kind: 'video', requestId: done.videoRequestId, sourceJobId: first.id, moderation: 'passed' });
    expect(detail.parents.map((p) => [p.kind, p.record.id])).toEqual([['animated-from', still.id]]);
    // Crash recovery finds the filed video by its job.
    expect(videoLibraryFrom(lib.service, lib.adapters.files).findBySourceJob(first.id, 0)?.id).toBe(done.itemId);
    // The empty 202s came through as pending with no progress, then numbers.
    const progress = ev.log.filter((e) => e.event === 'video:progress').map((e) => (e.payload as { job: { progress: number | null } }).job.progress);
    expect(progress).toContain(null);
    expect(progress.some((p) => p !== null && p > 0 && p < 100)).toBe(true);

    const ext = await service.submit({ mode: 'extend', prompt: 'and then a gull lands', model: 'grok-imagine-video', videoId: done.itemId as string, extendSeconds: 2 });
    const extended = await settled(service, ext.id);
    expect(extended.state).toBe('done');
    expect(lib.service.item(extended.itemId as string).parents.map((p) => p.kind)).toEqual(['extended-from']);

    // "Use this frame" near the end (past it is clamped) becomes an image with `frame-of` lineage.
    const frame = await service.useFrame(extended.itemId as string, 99);
    expect(frame).toMatchObject({ kind: 'image', origin: 'extracted', mime: 'image/png' });
    expect(lib.service.item(frame.id).parents.map((p) => [p.kind, p.record.id])).toEqual([['frame-of', extended.itemId]]);
    await service.dispose();
    lib.close();
  });

  it('a failed job and a moderated one end with reasons', async () => {
    const { lib, service } = setup();
    const failed = await service.submit({ mode: 'text', prompt: 'boat VIDEO_FAIL', model: 'grok-imagine-video', duration: 1, aspectRatio: '1:1', resolution: '480p' });
    const blocked = await service.submit({ mode: 'text', prompt: 'boat BLOCKED', model: 'grok-imagine-video', duration: 1, aspectRatio: '1:1', resolution: '480p' });
    expect(await settled(service, failed.id)).toMatchObject({ state: 'failed', reason: expect.stringMatching(/could not make this video/) });
    expect(await settled(service, blocked.id)).toMatchObject({ state: 'blocked', reason: expect.stringMatching(/moderation/) });
    await service.dispose();
    lib.close();
  });
});
