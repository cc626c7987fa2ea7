/**
 * The Stability client (src-main/adapters/stability) against the Stability simulator: every operation the studio
 * uses, and every error mapped to the AppError union with its retry rule (stability-api.md §11, client halves of
 * behaviours 1, 2, 19–28, 31).
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStabilityClient } from '../../../src-main/adapters/stability';
import { toAppError } from '../../../src-main/core/app-error';
import { createWindowThrottle } from '../../../src-main/core/providers/throttle';
import { refuseStabilityVideo } from '../../../src-main/core/stability/requests';
import type { StabilityImage } from '../../../src-main/core/stability/types';
import type { StabilitySimulator } from '../../../src-main/simulator/stability';
import { fakeClock } from '../simulator/helpers';
import { SK, leftHalfMask, meanOf, meta, png, startStability } from '../simulator/stability-helpers';

let sim: StabilitySimulator;
beforeAll(async () => {
  sim = await startStability({ pendingPolls: 2 });
});
afterAll(() => sim.close());

const client = (key: string | null = SK, clock = fakeClock()) => ({ clock, api: createStabilityClient({ baseUrl: sim.url, getApiKey: async () => key, clock, appVersion: '9.9.9' }) });
const image = async (w: number, h: number, o?: Parameters<typeof png>[2]): Promise<StabilityImage> => ({ bytes: new Uint8Array(await png(w, h, o)), mime: 'image/png' });
const failure = async (p: Promise<unknown>) => toAppError(await p.then(() => null, (e: unknown) => e));
const sent = () => sim.requests.length;

describe('Stability client: operations', () => {
  it('generates with every model over multipart (boundary by fetch), Bearer key and client headers; reads seed and size', async () => {
    const { api } = client();
    for (const [model, size] of [['stable-image-ultra', [1344, 768]], ['stable-image-core', [1648, 944]], ['sd3.5-large', [1344, 768]], ['sd3.5-large-turbo', [1344, 768]], ['sd3.5-medium', [1344, 768]]] as const) {
      const a = await api.run({ operation: 'generate', model, prompt: 'a harbour at dusk', aspectRatio: '16:9', seed: 77 });
      expect([model, a.seed, a.filtered, a.mime]).toEqual([model, 77, false, 'image/png']);
      expect(await meta(a.bytes)).toMatchObject({ width: size[0], height: size[1] });
    }
    const r = sim.requests.at(-1);
    expect(r?.headers).toMatchObject({ 'content-type': expect.stringMatching(/^multipart\/form-data; boundary=/), accept: 'image/*', 'stability-client-id': 'imagine-studio', 'stability-client-version': '9.9.9' });
    expect(r?.headers.authorization).toMatch(/^Bearer sk-/);
    expect(r?.fields).toMatchObject({ model: 'sd3.5-medium', prompt: 'a harbour at dusk', seed: '77' });
  });

  it('inpaints with a mask, erases, outpaints chosen sides, searches and replaces, removes the background', async () => {
    const { api } = client();
    const src = await image(256, 256, { colour: '#000000' });
    const mask: StabilityImage = { bytes: new Uint8Array(await leftHalfMask(256, 256)), mime: 'image/png' };
    const inpainted = await api.run({ operation: 'inpaint', image: src, mask, prompt: 'a garden', growMask: 0 });
    expect(await meanOf(inpainted.bytes, { left: 176, top: 64, width: 64, height: 64 })).toEqual([0, 0, 0]);
    expect(Math.max(...(await meanOf(inpainted.bytes, { left: 16, top: 64, width: 64, height: 64 })))).toBeGreaterThan(20);
    expect(await meta((await api.run({ operation: 'erase', image: src, mask })).bytes)).toMatchObject({ width: 256, height: 256 });
    expect(await meta((await api.run({ operation: 'outpaint', image: src, left: 100, up: 50 })).bytes)).toMatchObject({ width: 356, height: 306 });
    expect(sim.requests.at(-1)?.fields).not.toHaveProperty('right');
    expect((await api.run({ operation: 'search-replace', image: src, prompt: 'a dog', searchPrompt: 'the cat' })).filtered).toBe(false);
    expect(await meta((await api.run({ operation: 'remove-background', image: src })).bytes)).toMatchObject({ hasAlpha: true });
  });

  it('upscales fast (4× per side) and conservatively (about 4 MP)', async () => {
    const { api } = client();
    expect(await meta((await api.run({ operation: 'upscale-fast', image: await image(100, 80) })).bytes)).toMatchObject({ width: 400, height: 320 });
    expect(await meta((await api.run({ operation: 'upscale-conservative', image: await image(128, 128), prompt: 'crisp' })).bytes)).toMatchObject({ width: 2048, height: 2048 });
  });

  it('§11.19/21 creative upscale: start returns the id; waitResult polls once per 10 s until the image arrives', async () => {
    const { api, clock } = client();
    const { id } = await api.start({ operation: 'upscale-creative', image: await image(128, 128), prompt: 'restore' });
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    let pending = 0;
    const done = await api.waitResult(id, { onPending: () => pending++ });
    expect(pending).toBe(2);
    expect(clock.sleeps).toEqual([10_000, 10_000]);
    expect(await meta(done.bytes)).toMatchObject({ width: 2048, height: 2048 });
  });

  it('§11.21 gives a result up after 24 hours of polling', async () => {
    const clock = fakeClock();
    const fetch202 = (async () => new Response(JSON.stringify({ id: 'x', status: 'in-progress' }), { status: 202 })) as typeof fetch;
    const api = createStabilityClient({ baseUrl: 'http://127.0.0.1:9', getApiKey: async () => SK, clock, fetch: fetch202 });
    const start = clock.now();
    expect(await failure(api.waitResult('x'))).toMatchObject({ kind: 'not-found' });
    expect(clock.now() - start).toBeLessThanOrEqual(24 * 3_600_000);
    expect(clock.sleeps.every((ms) => ms >= 10_000)).toBe(true);
  });

  it('§11.22 BLOCKED comes back flagged as filtered, not as a normal image', async () => {
    expect((await client().api.run({ operation: 'generate', model: 'stable-image-core', prompt: 'BLOCKED' })).filtered).toBe(true);
  });

  it('§11.26 downsizes inputs before sending: a 3000×2000 photo fits fast upscale’s 1536 px / 1 MP', async () => {
    const big = { bytes: new Uint8Array(await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#884422' } }).jpeg().toBuffer()), mime: 'image/jpeg' as const };
    const out = await meta((await client().api.run({ operation: 'upscale-fast', image: big })).bytes);
    expect(out.width * out.height).toBeLessThanOrEqual(16 * 1_048_576);
    expect(out.width / out.height).toBeCloseTo(1.5, 1);
  });

  it('§11.31 a Stability video request fails in our own code', () => {
    expect(() => refuseStabilityVideo()).toThrow(/no video/i);
  });

  it('refuses before sending: no key, an empty prompt, outpaint with no side', async () => {
    const before = sent();
    expect(await failure(client(null).api.balance())).toMatchObject({ kind: 'missing-key' });
    expect(await failure(client().api.run({ operation: 'generate', model: 'stable-image-core', prompt: ' ' }))).toMatchObject({ kind: 'validation' });
    expect(await failure(client().api.run({ operation: 'outpaint', image: await image(64, 64) }))).toMatchObject({ kind: 'validation' });
    expect(sent()).toBe(before);
  });
});

describe('Stability client: errors and retries', () => {
  it('§11.2/3 a bad key → unauthorized; the v1 answer that echoes the key is redacted', async () => {
    const key = 'sk-invalid-SECRET-123456';
    const err = await failure(client(key).api.balance());
    expect(err).toMatchObject({ kind: 'unauthorized' });
    expect(err.message).not.toContain(key);
    expect(err.message).toContain('[redacted key]');
  });

  it.each([
    ['§11.25 402', 'sk-nocredit-1', 'x', { kind: 'forbidden', message: expect.stringContaining('https://platform.stability.ai/account/credits') }],
    ['§11.23 FLAGGED', SK, 'FLAGGED', { kind: 'moderated', message: expect.stringContaining('nothing was charged') }],
    ['§11.24 invalid_language', SK, 'un renard roux 狐狸', { kind: 'api', status: 422, code: 'invalid_language', message: expect.stringContaining('English') }],
    ['§11.24 public_figure', SK, 'PUBLIC_FIGURE', { kind: 'moderated' }],
  ])('%s → one request, not retried, mapped', async (_n, key, prompt, expected) => {
    const before = sent();
    expect(await failure(client(key).api.run({ operation: 'generate', model: 'stable-image-core', prompt }))).toMatchObject(expected);
    expect(sent() - before).toBe(1);
  });

  it('§11.28 500 is retried with exponential back-off a bounded number of times', async () => {
    const { api, clock } = client();
    const before = sent();
    expect(await failure(api.run({ operation: 'generate', model: 'stable-image-core', prompt: 'FAIL500' }))).toMatchObject({ kind: 'api', status: 500, code: 'internal_error' });
    expect(sent() - before).toBe(3);
    expect(clock.sleeps).toEqual([1000, 2000]);
  });

  it('§11.27 throttles itself under 150 per 10 s and waits 60 s after a 429 before trying again', async () => {
    const limited = await startStability({ rateLimit: { requests: 2, windowMs: 10_000, timeoutMs: 60_000 } });
    try {
      const clock = fakeClock();
      const api = createStabilityClient({ baseUrl: limited.url, getApiKey: async () => SK, clock, throttle: createWindowThrottle({ max: 3, windowMs: 10_000, clock }) });
      await api.balance();
      await api.balance();
      const err = await failure(api.balance());
      expect(err).toMatchObject({ kind: 'rate-limited', retryAfterMs: 60_000 });
      expect(clock.sleeps.some((ms) => ms >= 60_000)).toBe(true);
    } finally {
      await limited.close();
    }
  });

  it('§11.20 an unknown result id → not-found', async () => {
    expect(await failure(client().api.poll('f'.repeat(64)))).toMatchObject({ kind: 'not-found' });
  });
});
