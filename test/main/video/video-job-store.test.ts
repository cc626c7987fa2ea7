import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { videoModeReason, videoOptionReasons } from '@contract';
import { SqliteVideoJobStore } from '../../../src-main/adapters/video/sqlite-video-job-store';
import { InMemoryVideoJobStore, type StoredVideoJob, type VideoJobStore } from '../../../src-main/core/video/video-job';

const dir = mkdtempSync(path.join(os.tmpdir(), 'video-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const job = (id: string, state: StoredVideoJob['state'] = 'pending'): StoredVideoJob => ({
  id, mode: 'text', state, submit: { mode: 'text', prompt: 'p', model: 'grok-imagine-video', duration: 4, aspectRatio: '16:9', resolution: '480p' },
  request: { prompt: 'p' }, model: 'grok-imagine-video', seconds: 4, progress: null, createdAt: 1, updatedAt: 1, finishedAt: null,
  videoRequestId: null, startRequestId: null, estimateTicks: 10, costTicks: null, resultUrl: null, resultAt: null, reason: null,
  note: null, parentId: null, itemId: null, polls: 0,
});

let n = 0;
const stores: [string, () => VideoJobStore][] = [
  ['in-memory', () => new InMemoryVideoJobStore()],
  ['sqlite', () => new SqliteVideoJobStore(path.join(dir, `jobs-${++n}.db`))],
];

describe.each(stores)('VideoJobStore (%s)', (_name, make) => {
  it('inserts, updates and lists newest first', () => {
    const s = make();
    s.insert(job('a'));
    s.insert(job('b', 'submitting'));
    expect(s.update('a', { videoRequestId: 'v', progress: 50 })).toMatchObject({ id: 'a', videoRequestId: 'v', progress: 50 });
    expect(s.update('zzz', { progress: 1 })).toBeUndefined();
    expect(s.list().map((j) => j.id)).toEqual(['b', 'a']);
    expect(s.get('a')?.submit).toEqual(job('a').submit);
    s.close();
  });

  it('finds unfinished jobs oldest first and clears finished ones', () => {
    const s = make();
    for (const [id, state] of [['a', 'done'], ['b', 'pending'], ['c', 'downloading'], ['d', 'cancelled'], ['e', 'submitting']] as const) s.insert(job(id, state));
    expect(s.unfinished().map((j) => j.id)).toEqual(['b', 'c', 'e']);
    expect(s.removeFinished()).toBe(2);
    expect(s.list().map((j) => j.id)).toEqual(['e', 'c', 'b']);
    s.close();
  });

  it('refuses a duplicate id', () => {
    const s = make();
    s.insert(job('a'));
    expect(() => s.insert(job('a'))).toThrow();
    s.close();
  });
});

describe('video options follow the capability table', () => {
  it('offers each mode only on models that do it (1.5-lite: text and image; edit and extend: grok-imagine-video)', () => {
    expect(videoModeReason('reference', 'grok-imagine-video-1.5-lite')).toMatch(/does not do reference images/);
    expect(videoModeReason('image', 'grok-imagine-video-1.5-lite')).toBeNull();
    expect(videoModeReason('edit', 'grok-imagine-video-1.5')).toMatch(/does not do video edits/);
    expect(videoModeReason('extend', 'grok-imagine-video')).toBeNull();
  });

  it.each([
    ['text', 'grok-imagine-video', '1080p', /renders at most 720p/],
    ['text', 'grok-imagine-video-1.5', '1080p', null],
    ['reference', 'grok-imagine-video-1.5', '1080p', /limited to 720p/],
    ['edit', 'grok-imagine-video-1.5', '480p', /keeps the source/],
  ] as const)('%s on %s at %s', (mode, model, res, reason) => {
    const r = videoOptionReasons(mode, model).resolution[res];
    if (reason) expect(r).toMatch(reason);
    else expect(r).toBeNull();
  });
});
