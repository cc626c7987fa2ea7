/**
 * The MiniMax client (src-main/adapters/minimax) against the MiniMax simulator: image-01 (with subject reference)
 * and every Hailuo video mode end to end, and every base_resp code mapped to the AppError union with its retry rule
 * (minimax-api.md §9, client halves of behaviours 1, 3, 4, 10–12, 20, 22, 24–27, 31–33).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMinimaxClient } from '../../../src-main/adapters/minimax';
import { toAppError } from '../../../src-main/core/app-error';
import type { MinimaxApi, MinimaxTaskPoll } from '../../../src-main/core/minimax/types';
import type { MinimaxSimulator } from '../../../src-main/simulator/minimax';
import { fakeClock } from '../simulator/helpers';
import { MM, dataUrl, startMinimax } from '../simulator/minimax-helpers';

let t = 1_800_000_000_000;
let sim: MinimaxSimulator;
beforeAll(async () => {
  sim = await startMinimax({ pendingPolls: 2, now: () => t });
});
afterAll(() => sim.close());

const client = (key: string | null = MM, clock = fakeClock()) => ({ clock, api: createMinimaxClient({ baseUrl: sim.url, getApiKey: async () => key, clock }) });
const failure = async (p: Promise<unknown>) => toAppError(await p.then(() => null, (e: unknown) => e));
const sent = () => sim.requests.length;

async function finish(api: MinimaxApi, taskId: string): Promise<Exclude<MinimaxTaskPoll, { status: 'pending' }>> {
  for (let i = 0; i < 200; i++) {
    const p = await api.pollVideo(taskId);
    if (p.status !== 'pending') return p;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('never finished');
}

describe('MiniMax client: images', () => {
  it('§9.1/5/10/15 generates image-01 with Bearer + JSON and downloads the bytes at once (no key on the download)', async () => {
    const r = await client().api.generateImages({ model: 'image-01', prompt: 'a kite over dunes', aspectRatio: '16:9', n: 2 });
    expect(r.images).toHaveLength(2);
    expect(r.withheld).toBe(0);
    expect(r.traceId).toMatch(/^[0-9a-f]{32}$/);
    const post = sim.requests.find((q) => q.path === '/v1/image_generation' && (q.body as { prompt?: string }).prompt === 'a kite over dunes');
    expect(post?.headers).toMatchObject({ authorization: expect.stringMatching(/^Bearer mm-/), 'content-type': 'application/json' });
    expect(sim.requests.filter((q) => q.path.startsWith('/dl/')).every((q) => !q.headers.authorization)).toBe(true);
  });

  it('§9.14 subject reference goes as [{type:"character", image_file}]', async () => {
    const r = await client().api.generateImages({ model: 'image-01', prompt: 'portrait in the rain', subjectReference: await dataUrl(400, 600) });
    expect(r.images).toHaveLength(1);
    expect((sim.requests.find((q) => (q.body as { prompt?: string } | undefined)?.prompt === 'portrait in the rain')?.body as Record<string, unknown>).subject_reference)
      .toEqual([{ type: 'character', image_file: expect.stringMatching(/^data:image\/jpeg;base64,/) }]);
  });

  it('§9.11/12 withheld images are counted; all withheld is a moderated error', async () => {
    expect((await client().api.generateImages({ model: 'image-01', prompt: 'BLOCKED_OUTPUT', n: 3 })).withheld).toBe(1);
    expect(await failure(client().api.generateImages({ model: 'image-01', prompt: 'BLOCKED_OUTPUT' }))).toMatchObject({ kind: 'moderated', message: expect.stringContaining('rejected all images') });
  });

  it('§9.13 an over-long prompt and n out of range fail before sending', async () => {
    const before = sent();
    expect(await failure(client().api.generateImages({ model: 'image-01', prompt: 'x'.repeat(1501) }))).toMatchObject({ kind: 'validation' });
    expect(await failure(client().api.generateImages({ model: 'image-01', prompt: 'x', n: 10 }))).toMatchObject({ kind: 'validation' });
    expect(sent()).toBe(before);
  });
});

describe('MiniMax client: Hailuo video', () => {
  it('§9.17/22/23/27/28 text→video: task id, polls through the stages, file resolved and downloaded whole', async () => {
    const { api } = client();
    const { taskId } = await api.startVideo({ model: 'MiniMax-Hailuo-02', prompt: 'a lighthouse in fog', duration: 6, resolution: '768P' });
    expect(taskId).toMatch(/^\d{15}$/);
    const done = await finish(api, taskId);
    expect(done).toMatchObject({ status: 'done', fileId: expect.stringMatching(/^\d{15}$/), width: 1366, height: 768 });
    const bytes = await api.downloadVideo((done as { fileId: string }).fileId);
    expect(Buffer.from(bytes.subarray(4, 8)).toString()).toBe('ftyp');
  });

  it('§9.17 image→video, first+last frame and subject reference each reach their mode', async () => {
    const { api } = client();
    const frame = await dataUrl(640, 360);
    for (const req of [
      { model: 'MiniMax-Hailuo-2.3-Fast', firstFrame: frame, prompt: 'pan left' },
      { model: 'MiniMax-Hailuo-02', firstFrame: frame, lastFrame: frame },
      { model: 'S2V-01', subject: await dataUrl(480, 640), prompt: 'walking' },
    ]) {
      const { taskId } = await api.startVideo(req);
      expect(taskId).toMatch(/^\d+$/);
    }
    const bodies = sim.requests.filter((q) => q.path === '/v1/video_generation').slice(-3).map((q) => Object.keys(q.body as object).sort());
    expect(bodies[0]).toContain('first_frame_image');
    expect(bodies[1]).toEqual(expect.arrayContaining(['first_frame_image', 'last_frame_image']));
    expect(bodies[2]).toContain('subject_reference');
  });

  it('§9.20 leaves out duration and resolution for the 01 series; refuses an impossible pair before sending', async () => {
    const { api } = client();
    await api.startVideo({ model: 'T2V-01', prompt: 'x', duration: 6, resolution: '720P' });
    expect(Object.keys(sim.requests.at(-1)?.body as object)).not.toContain('duration');
    const before = sent();
    expect(await failure(api.startVideo({ model: 'MiniMax-Hailuo-2.3', prompt: 'x', duration: 10, resolution: '1080P' }))).toMatchObject({ kind: 'validation' });
    expect(await failure(api.startVideo({ model: 'MiniMax-Hailuo-2.3-Fast', prompt: 'no frame' }))).toMatchObject({ kind: 'validation' });
    // 512P is Hailuo 02's for image→video only (the capability table's per-kind resolutions; the simulator refuses it too, 2013).
    expect(await failure(api.startVideo({ model: 'MiniMax-Hailuo-02', prompt: 'x', duration: 6, resolution: '512P' })))
      .toMatchObject({ kind: 'validation', message: 'MiniMax-Hailuo-02 does not render 512P.' });
    expect(sent()).toBe(before);
    await api.startVideo({ model: 'MiniMax-Hailuo-02', prompt: 'x', duration: 6, resolution: '512P', firstFrame: await dataUrl(640, 480) });
    expect(sim.requests.at(-1)?.body).toMatchObject({ resolution: '512P' });
  });

  it('§9.24 Fail is terminal: 1027 is a filtered failure, FAIL_TASK a plain one', async () => {
    const { api } = client();
    expect(await finish(api, (await api.startVideo({ model: 'MiniMax-Hailuo-02', prompt: 'BLOCKED_OUTPUT' })).taskId)).toMatchObject({ status: 'failed', code: 1027, filtered: true });
    expect(await finish(api, (await api.startVideo({ model: 'MiniMax-Hailuo-02', prompt: 'FAIL_TASK' })).taskId)).toMatchObject({ status: 'failed', filtered: false });
  });

  it('§9.25 a foreign or unknown task id stops polling with an error', async () => {
    expect(await failure(client().api.pollVideo('123456789012345'))).toMatchObject({ kind: 'api', code: '2013' });
  });

  it('§9.27 an expired download link is resolved again', async () => {
    const { api } = client();
    const done = await finish(api, (await api.startVideo({ model: 'MiniMax-Hailuo-02', prompt: 'tide' })).taskId);
    const fileId = (done as { fileId: string }).fileId;
    const first = await api.retrieveFile(fileId);
    t += 3_600_001;
    expect((await fetch(first.url)).status).toBe(403);
    const before = sim.requests.filter((q) => q.path === '/v1/files/retrieve').length;
    expect((await api.downloadVideo(fileId)).byteLength).toBeGreaterThan(0);
    expect(sim.requests.filter((q) => q.path === '/v1/files/retrieve').length - before).toBe(1);
  });
});

describe('MiniMax client: base_resp errors', () => {
  it.each([
    ['§9.2 no mm- key (1004)', 'not-minimax', 'x', { kind: 'unauthorized' }],
    ['§9.3 mm-invalid (2049)', 'mm-invalid-9', 'x', { kind: 'unauthorized' }],
    ['§9.32 1008', 'mm-nobalance-9', 'x', { kind: 'forbidden', message: expect.stringContaining('balance') }],
    ['§9.16 1026', MM, 'BLOCKED', { kind: 'moderated' }],
  ])('%s → mapped, with status_msg and Trace-Id, not retried', async (_n, key, prompt, expected) => {
    const before = sent();
    const err = await failure(client(key).api.generateImages({ model: 'image-01', prompt }));
    expect(err).toMatchObject(expected);
    expect(err.message).toMatch(/\[\d{4}\] \(Trace-Id [0-9a-f]{32}\)$/);
    expect(sent() - before).toBe(1);
  });

  it('§9.31 1002 is retried with back-off (POST too), then surfaces as rate-limited', async () => {
    const limited = await startMinimax({ requestsPerMinute: 1 });
    try {
      const clock = fakeClock();
      const api = createMinimaxClient({ baseUrl: limited.url, getApiKey: async () => MM, clock });
      await api.generateImages({ model: 'image-01', prompt: 'first' });
      expect(await failure(api.generateImages({ model: 'image-01', prompt: 'second' }))).toMatchObject({ kind: 'rate-limited' });
      expect(limited.requests.filter((q) => q.path === '/v1/image_generation')).toHaveLength(4);
      expect(clock.sleeps).toEqual([2000, 4000]);
    } finally {
      await limited.close();
    }
  });

  it('§9.4 a non-JSON 200 is a bad-response error, never read as data', async () => {
    const api = createMinimaxClient({ baseUrl: 'https://x.invalid', getApiKey: async () => MM, clock: fakeClock(), fetch: (async () => new Response('<html>oops</html>', { status: 200 })) as typeof fetch });
    expect(await failure(api.startVideo({ model: 'T2V-01', prompt: 'x' }))).toMatchObject({ kind: 'api', code: 'bad-response' });
  });
});
