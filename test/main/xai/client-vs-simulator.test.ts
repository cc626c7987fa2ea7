/** §13 behaviours handled by the real client against the simulator: results, pre-flight, error kinds, polling. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '@contract';
import { AppErrorException } from '../../../src-main/core/app-error';
import { createXaiImagineClient } from '../../../src-main/adapters/xai';
import { waitForVideo, type ImageItem, type ImagineApi } from '../../../src-main/core/xai';
import { TEST_KEY, fakeClock, imageDataUri, sizeOf, startTestSimulator } from '../simulator/helpers';

let sim: Awaited<ReturnType<typeof startTestSimulator>>;
let api: ImagineApi;
let raw: ImagineApi;
let clock: ReturnType<typeof fakeClock>;
let simNow = Date.now();

const make = (key: string | null = TEST_KEY, skipValidation = false) =>
  createXaiImagineClient({ baseUrl: sim.api, getApiKey: async () => key, clock, skipValidation });

beforeAll(async () => {
  sim = await startTestSimulator({ now: () => simNow });
  clock = fakeClock();
  api = make();
  raw = make(TEST_KEY, true);
});
afterAll(() => sim.close());

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof AppErrorException)) throw err;
    expect(JSON.stringify(err.appError)).not.toContain(TEST_KEY);
    return err.appError;
  }
  throw new Error('expected a failure');
}
const bytesOf = (i: ImageItem | undefined) => (i?.ok ? (i.bytes as Uint8Array) : new Uint8Array());
const sentCount = () => sim.requests.length;
const settle = (id: string) => waitForVideo(api, id, { clock, intervalMs: 5 });

describe('client ↔ simulator: images', () => {
  it('§13.1 prompt only → one url item with request id', async () => {
    const r = await api.generateImages({ prompt: 'a fox' });
    expect(r.items).toEqual([{ ok: true, mime: 'image/jpeg', url: expect.stringMatching(/\/files\/img\//) }]);
    expect(r.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('§13.2 n=4 → four items in order', async () => {
    expect((await api.generateImages({ prompt: 'a fox', n: 4 })).items).toHaveLength(4);
  });

  it('§13.3 n=11 is rejected before sending; the server says 400 too', async () => {
    const before = sentCount();
    expect(await errorOf(api.generateImages({ prompt: 'x', n: 11 }))).toMatchObject({ kind: 'validation', issues: [{ path: 'n' }] });
    expect(sentCount()).toBe(before);
    expect(await errorOf(raw.generateImages({ prompt: 'x', n: 11 }))).toMatchObject({ kind: 'api', status: 400 });
  });

  it('§13.4 a wrongly typed n surfaces the 422 text as api', async () => {
    expect(await errorOf(raw.generateImages({ prompt: 'x', n: '2' as never }))).toMatchObject({ kind: 'api', status: 422, message: expect.stringContaining('invalid type') });
  });

  it('§13.5 a missing prompt: pre-flight, and the 422 "missing field" otherwise', async () => {
    expect((await errorOf(api.generateImages({} as never))).kind).toBe('validation');
    expect(await errorOf(raw.generateImages({} as never))).toMatchObject({ kind: 'api', status: 422, message: expect.stringContaining('missing field `prompt`') });
  });

  it('§13.7/§13.8 the client always sends application/json, never multipart (edits included)', async () => {
    await api.editImages({ prompt: 'x', image: { url: await imageDataUri(8, 8) } });
    expect(sim.requests.at(-1)?.headers['content-type']).toBe('application/json');
  });

  it('§13.9 size is refused before sending; the server 400 maps to api code "400"', async () => {
    expect((await errorOf(api.generateImages({ prompt: 'x', size: '1024x1024' } as never))).kind).toBe('validation');
    expect(await errorOf(raw.generateImages({ prompt: 'x', size: '1024x1024' } as never))).toMatchObject({ kind: 'api', status: 400, code: '400', message: expect.stringContaining('Argument not supported: size') });
  });

  it('§13.10 style is refused before sending', async () => {
    expect(await errorOf(api.generateImages({ prompt: 'x', style: 'vivid' } as never))).toMatchObject({ kind: 'validation', issues: [{ path: 'style' }] });
  });

  it('updates #72: quality is sent to 2.0 and accepted; on 1.0 it is refused before sending', async () => {
    expect((await api.generateImages({ prompt: 'x', model: 'grok-imagine-image-2.0', quality: 'medium' })).items[0]?.ok).toBe(true);
    expect(await errorOf(api.generateImages({ prompt: 'x', model: 'grok-imagine-image', quality: 'low' }))).toMatchObject({ kind: 'validation', issues: [{ path: 'quality' }] });
  });

  it('§13.12 an aspect ratio outside the enum is refused before sending', async () => {
    expect((await errorOf(api.generateImages({ prompt: 'x', aspect_ratio: '5:4' as never }))).kind).toBe('validation');
  });

  it('§13.13/§13.14 2k b64 → decoded JPEG bytes at twice the 1k size', async () => {
    const r = await api.generateImages({ prompt: 'x', aspect_ratio: '3:4', resolution: '2k', response_format: 'b64_json' });
    expect(await sizeOf(bytesOf(r.items[0]))).toEqual({ width: 1792, height: 2560 });
  });

  it('§13.16 mime carried; the empty revised_prompt is dropped', async () => {
    const item = (await api.generateImages({ prompt: 'x' })).items[0];
    expect(item).toMatchObject({ ok: true, mime: 'image/jpeg' });
    expect(item && 'revisedPrompt' in item).toBe(false);
  });

  it('§13.17 cost ticks and dollars are carried', async () => {
    expect(await api.generateImages({ prompt: 'x', n: 2 })).toMatchObject({ costTicks: 400_000_000, costUsd: 0.04 });
  });

  it('§13.18 created is carried when present', async () => {
    expect((await api.generateImages({ prompt: 'x' })).created).toBeGreaterThan(1_700_000_000);
  });

  it('§13.19 download fetches a result URL without sending the key; expired URLs are not-found', async () => {
    const url = ((await api.generateImages({ prompt: 'x' })).items[0] as { url: string }).url;
    const d = await api.download(url);
    expect(d.mime).toBe('image/jpeg');
    expect(Array.from(d.bytes.subarray(0, 2))).toEqual([0xff, 0xd8]);
    expect(sim.requests.at(-1)?.headers.authorization).toBeUndefined();
    simNow += 2 * 3_600_000;
    expect((await errorOf(api.download(url))).kind).toBe('not-found');
  });

  it('§13.20 an unknown model: pre-flight validation, and api 404 from the server', async () => {
    expect((await errorOf(api.generateImages({ prompt: 'x', model: 'nope' }))).kind).toBe('validation');
    expect(await errorOf(raw.generateImages({ prompt: 'x', model: 'nope' }))).toMatchObject({ kind: 'api', status: 404 });
  });

  it('§13.21 no key → missing-key and nothing is sent', async () => {
    const before = sentCount();
    expect((await errorOf(make(null).generateImages({ prompt: 'x' }))).kind).toBe('missing-key');
    expect(sentCount()).toBe(before);
  });

  it('§13.22 an incorrect key (HTTP 400) → unauthorized with request id', async () => {
    expect(await errorOf(make('xai-sim-invalid').generateImages({ prompt: 'x' }))).toMatchObject({ kind: 'unauthorized', requestId: expect.any(String) });
  });

  it('§13.23 no credits → forbidden', async () => {
    expect((await errorOf(make('xai-sim-no-credits').generateImages({ prompt: 'x' }))).kind).toBe('forbidden');
  });

  it('§13.24 a 429 is retried after Retry-After; a persistent one → rate-limited', async () => {
    clock.sleeps.length = 0;
    expect((await api.generateImages({ prompt: 'RATE_LIMIT_ONCE fox' })).items[0]?.ok).toBe(true);
    expect(clock.sleeps).toEqual([1000]);
    expect(await errorOf(api.generateImages({ prompt: 'RATE_LIMIT fox' }))).toMatchObject({ kind: 'rate-limited', retryAfterMs: 1000 });
  });

  it('§13.25 request ids are kept on errors', async () => {
    expect(await errorOf(raw.generateImages({ prompt: 'x', n: 0 }))).toMatchObject({ requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('§13.26 one moderated item becomes a blocked item, the rest stay', async () => {
    const r = await api.generateImages({ prompt: 'BLOCKED fox', n: 2 });
    expect(r.items.map((i) => i.ok)).toEqual([false, true]);
    expect(r.items[0]).toMatchObject({ blocked: true, reason: expect.stringMatching(/content policy/) });
  });

  it('§13.27 an empty data becomes n blocked items, not an error', async () => {
    const r = await api.generateImages({ prompt: 'BLOCKED_ALL fox', n: 3 });
    expect(r.items).toHaveLength(3);
    expect(r.items.every((i) => !i.ok)).toBe(true);
  });
});

describe('client ↔ simulator: edits and deferred', () => {
  it('§13.28 single-image edit returns images', async () => {
    expect((await api.editImages({ prompt: 'x', image: { url: await imageDataUri(32, 32) } })).items[0]?.ok).toBe(true);
  });

  it('§13.29/§13.30/§13.31 exclusivity, missing and too many images are refused before sending', async () => {
    const u = { url: await imageDataUri(8, 8) };
    expect((await errorOf(api.editImages({ prompt: 'x', image: u, images: [u] }))).kind).toBe('validation');
    expect((await errorOf(api.editImages({ prompt: 'x' }))).kind).toBe('validation');
    expect(await errorOf(api.editImages({ prompt: 'x', images: [u, u, u, u] }))).toMatchObject({ kind: 'validation', message: expect.stringContaining('at most 3') });
  });

  it('§13.32 a GIF is refused before sending; the server 400 maps to api', async () => {
    const gif = { url: await imageDataUri(8, 8, 'gif') };
    expect((await errorOf(api.editImages({ prompt: 'x', image: gif }))).kind).toBe('validation');
    expect(await errorOf(raw.editImages({ prompt: 'x', image: gif }))).toMatchObject({ kind: 'api', status: 400 });
  });

  it('§13.33 an unfetchable image URL → api 400', async () => {
    expect(await errorOf(api.editImages({ prompt: 'x', image: { url: 'http://127.0.0.1:1/x.png' } }))).toMatchObject({ kind: 'api', status: 400 });
  });

  it('§13.35 the image_url alias passes through', async () => {
    expect((await api.editImages({ prompt: 'x', image: { image_url: await imageDataUri(8, 8) } })).items[0]?.ok).toBe(true);
  });

  it('§13.36 the order of images is kept on the wire', async () => {
    const a = await imageDataUri(8, 8, 'png', '#ff0000');
    const b = await imageDataUri(8, 8, 'png', '#0000ff');
    await api.editImages({ prompt: 'x', images: [{ url: b }, { url: a }] });
    expect((sim.requests.at(-1)?.body as { images: { url: string }[] }).images.map((i) => i.url)).toEqual([b, a]);
  });

  it('§13.38 edit cost includes the input charge', async () => {
    const u = { url: await imageDataUri(8, 8) };
    expect((await api.editImages({ prompt: 'x', images: [u, u] })).costTicks).toBe(240_000_000);
  });

  it('§13.39 deferred: start, pending, done', async () => {
    const { imageRequestId } = await api.startDeferredImages({ prompt: 'x', n: 2 });
    expect((await api.getDeferredImage(imageRequestId, 2)).status).toBe('pending');
    const done = await api.getDeferredImage(imageRequestId, 2);
    expect(done).toMatchObject({ status: 'done', costTicks: 400_000_000 });
    expect(done.status === 'done' && done.items).toHaveLength(2);
  });

  it('§13.40 deferred with b64_json is refused before sending', async () => {
    expect((await errorOf(api.generateImages({ prompt: 'x', deferred: true, response_format: 'b64_json' }))).kind).toBe('validation');
  });

  it('§13.42 an unknown deferred id → not-found', async () => {
    expect((await errorOf(api.getDeferredImage('nope', 1))).kind).toBe('not-found');
  });
});

describe('client ↔ simulator: faults', () => {
  it('a 500 on a billed POST is surfaced once, never retried', async () => {
    const before = sentCount();
    expect(await errorOf(api.generateImages({ prompt: 'SERVER_ERROR' }))).toMatchObject({ kind: 'api', status: 500 });
    expect(sentCount() - before).toBe(1);
  });

  it('503 → api 503; HTML page → api 502 with its title', async () => {
    expect(await errorOf(api.generateImages({ prompt: 'UNAVAILABLE' }))).toMatchObject({ kind: 'api', status: 503 });
    expect(await errorOf(api.generateImages({ prompt: 'HTML_ERROR' }))).toMatchObject({ kind: 'api', status: 502, message: expect.stringContaining('Bad Gateway') });
  });

  it('truncated and non-JSON 200 bodies → api bad-response', async () => {
    expect(await errorOf(api.generateImages({ prompt: 'TRUNCATED' }))).toMatchObject({ kind: 'api', code: 'bad-response' });
    expect(await errorOf(api.generateImages({ prompt: 'NOT_JSON' }))).toMatchObject({ kind: 'api', code: 'bad-response' });
  });

  it('a connection reset on a POST → network, not retried', async () => {
    const before = sentCount();
    expect((await errorOf(api.generateImages({ prompt: 'RESET' }))).kind).toBe('network');
    expect(sentCount() - before).toBe(1);
  });

  it('a hanging server → timeout; an abort → cancelled', async () => {
    expect((await errorOf(api.generateImages({ prompt: 'HANG' }, { timeoutMs: 100 }))).kind).toBe('timeout');
    const ctrl = new AbortController();
    const p = api.generateImages({ prompt: 'HANG' }, { signal: ctrl.signal });
    setTimeout(() => ctrl.abort(), 30);
    expect((await errorOf(p)).kind).toBe('cancelled');
  });

  it('a queued fault: GET poll 503 is retried transparently', async () => {
    const { videoRequestId } = await api.startVideo({ prompt: 'x', duration: 1 });
    sim.injectFault({ method: 'GET', path: /^\/v1\/videos\//, fault: { type: 'status', status: 503 } });
    expect((await api.getVideo(videoRequestId)).status).toBe('pending');
  });
});

describe('client ↔ simulator: video', () => {
  it('§13.43 startVideo returns the id to poll', async () => {
    expect((await api.startVideo({ prompt: 'x', duration: 1 })).videoRequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('§13.44 a duration of 16 is refused before sending', async () => {
    expect(await errorOf(api.startVideo({ prompt: 'x', duration: 16 }))).toMatchObject({ kind: 'validation', issues: [{ path: 'duration' }] });
  });

  it('§13.45/§13.52 defaults settle as done with 8 s, url and cost', async () => {
    const done = await settle((await api.startVideo({ prompt: 'defaults' })).videoRequestId);
    expect(done).toMatchObject({ status: 'done', durationSeconds: 8, model: 'grok-imagine-video', costTicks: 4_000_000_000, url: expect.stringMatching(/\.mp4$/) });
  });

  it('§13.46 1080p on grok-imagine-video: pre-flight, and api 400 from the server', async () => {
    expect((await errorOf(api.startVideo({ prompt: 'x', resolution: '1080p' }))).kind).toBe('validation');
    expect(await errorOf(raw.startVideo({ prompt: 'x', resolution: '1080p' }))).toMatchObject({ kind: 'api', status: 400 });
  });

  it('§13.48 I2V without a prompt', async () => {
    const { videoRequestId } = await api.startVideo({ image: { url: await imageDataUri(32, 32) }, duration: 1 });
    expect((await settle(videoRequestId)).status).toBe('done');
  });

  it('§13.49 more than 7 reference images are refused before sending', async () => {
    const u = { url: await imageDataUri(8, 8) };
    expect((await errorOf(api.startVideo({ prompt: 'x', reference_images: Array.from({ length: 8 }, () => u) }))).kind).toBe('validation');
  });

  it('§13.51 the first poll is pending without progress, then progress appears', async () => {
    const { videoRequestId } = await api.startVideo({ prompt: 'x', duration: 1 });
    expect(await api.getVideo(videoRequestId)).toMatchObject({ status: 'pending', progress: null });
    expect(await api.getVideo(videoRequestId)).toMatchObject({ status: 'pending', progress: expect.any(Number) });
  });

  it('§13.53 a failed job settles as failed with its code', async () => {
    expect(await settle((await api.startVideo({ prompt: 'VIDEO_FAIL', duration: 1 })).videoRequestId)).toMatchObject({ status: 'failed', code: 'internal_error' });
  });

  it('§13.54 an empty prompt is refused before sending; sent anyway it fails asynchronously', async () => {
    expect((await errorOf(api.startVideo({ prompt: '' }))).kind).toBe('validation');
    const { videoRequestId } = await raw.startVideo({ prompt: '', duration: 1 });
    expect(await settle(videoRequestId)).toMatchObject({ status: 'failed', code: 'invalid_argument' });
  });

  it('§13.55 expired as a status, and as a 404 → not-found', async () => {
    expect((await settle((await api.startVideo({ prompt: 'VIDEO_EXPIRE', duration: 1 })).videoRequestId)).status).toBe('expired');
    sim.config.video.expiredAs = '404';
    expect((await errorOf(settle((await api.startVideo({ prompt: 'VIDEO_EXPIRE', duration: 1 })).videoRequestId))).kind).toBe('not-found');
    sim.config.video.expiredAs = 'status';
  });

  it('§13.56 an unknown id → not-found', async () => {
    expect((await errorOf(api.getVideo('unknown'))).kind).toBe('not-found');
  });

  it('§13.57 a moderated video settles as blocked', async () => {
    expect((await settle((await api.startVideo({ prompt: 'BLOCKED', duration: 1 })).videoRequestId)).status).toBe('blocked');
  });

  it('§13.58 the MP4 downloads, resuming with Range after a broken connection', async () => {
    const done = await settle((await api.startVideo({ prompt: 'DOWNLOAD_RESET clip', duration: 2 })).videoRequestId);
    if (done.status !== 'done') throw new Error(done.status);
    const d = await api.download(done.url);
    expect(d.resumes).toBe(1);
    expect(d.mime).toBe('video/mp4');
    expect(Buffer.from(d.bytes).equals(Buffer.from(await (await fetch(done.url)).arrayBuffer()))).toBe(true);
    expect(sim.requests.filter((r) => r.path === new URL(done.url).pathname).some((r) => r.headers.range?.startsWith('bytes='))).toBe(true);
  });

  it('§13.59/§13.60 edit keeps the duration; extension adds to it', async () => {
    const src = await settle((await api.startVideo({ prompt: 'src', duration: 2 })).videoRequestId);
    if (src.status !== 'done') throw new Error(src.status);
    expect(await settle((await api.editVideo({ prompt: 'snow', video: { url: src.url } })).videoRequestId)).toMatchObject({ status: 'done', durationSeconds: 2 });
    expect(await settle((await api.extendVideo({ prompt: 'more', video: { url: src.url }, duration: 3 })).videoRequestId)).toMatchObject({ status: 'done', durationSeconds: 5 });
  });

  it('§13.61 a non-mp4 video input is refused before sending', async () => {
    expect((await errorOf(api.editVideo({ prompt: 'x', video: { url: 'data:video/webm;base64,AAAA' } }))).kind).toBe('validation');
  });

  it('§13.62 auth problems fail the start synchronously', async () => {
    expect((await errorOf(make('xai-sim-no-credits').startVideo({ prompt: 'x' }))).kind).toBe('forbidden');
  });

  it('§13.65 an alias model reports the canonical id when done', async () => {
    expect(await settle((await api.startVideo({ prompt: 'x', duration: 1, model: 'grok-imagine-video-1.5-preview' })).videoRequestId)).toMatchObject({ model: 'grok-imagine-video-1.5' });
  });
});

describe('client ↔ simulator: listings', () => {
  it('§13.63 image models with prices and tiers', async () => {
    const models = await api.listImageModels();
    expect(models.find((m) => m.id === 'grok-imagine-image')).toMatchObject({ imagePriceTicks: 200_000_000, maxPromptLength: 1024 });
    expect(models.find((m) => m.id === 'grok-imagine-image-2.0')?.pricing.length).toBeGreaterThan(0);
  });

  it('§13.64 video models', async () => {
    expect((await api.listVideoModels()).map((m) => m.id)).toEqual(['grok-imagine-video', 'grok-imagine-video-1.5', 'grok-imagine-video-1.5-lite']);
  });
});
