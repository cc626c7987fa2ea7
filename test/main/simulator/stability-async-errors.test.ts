/**
 * The Stability simulator against /work/shared/stability-api.md §11.19–31 (async results, moderation hooks, errors,
 * credits, rate limit, no video) and the §10 validation order. The client-side halves (polling cadence, throttle,
 * retries, downsizing) are proven in test/main/providers/stability-client.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StabilitySimulator } from '../../../src-main/simulator/stability';
import { SK, bytesOf, getPath, meta, op, png, startStability } from './stability-helpers';

let t = 1_800_000_000_000;
let sim: StabilitySimulator;
beforeAll(async () => {
  sim = await startStability({ pendingPolls: 2, now: () => t, startingCredits: 100 });
});
afterAll(() => sim.close());

const errorBody = async (res: Response) => (await res.json()) as { id: string; name: string; errors: string[] };

describe('Stability simulator: async results (§11.19–21)', () => {
  it('§11.19 Creative upscale answers {id} (64 chars), polls 202 in-progress, then 200 with the image in both accept modes', async () => {
    const start = await op(sim, 'upscale/creative', { image: { image: await png(256, 256) }, prompt: 'sharper' }, { accept: 'image/*' });
    expect(start.status).toBe(200);
    const { id } = (await start.json()) as { id: string };
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    for (let i = 0; i < 2; i++) {
      const pending = await getPath(sim, `/v2beta/results/${id}`, { accept: 'image/*' });
      expect(pending.status).toBe(202);
      expect(await pending.json()).toEqual({ id, status: 'in-progress' });
    }
    const done = await getPath(sim, `/v2beta/results/${id}`);
    expect(done.status).toBe(200);
    expect(done.headers.get('finish-reason')).toBe('SUCCESS');
    expect(await meta(await bytesOf(done))).toMatchObject({ format: 'png', width: 2048, height: 2048 });
    const json = await getPath(sim, `/v2beta/stable-image/upscale/creative/result/${id}`, { accept: 'application/json' });
    expect(json.headers.get('content-type')).toBe('application/json; type=image/png');
    expect(await json.json()).toMatchObject({ finish_reason: 'SUCCESS', seed: expect.any(Number), image: expect.any(String) });
  });

  it('§11.20 another key or an unknown id → 404 generation_not_found; so does a result past 24 h', async () => {
    const { id } = (await (await op(sim, 'upscale/creative', { image: { image: await png(128, 128) }, prompt: 'x' })).json()) as { id: string };
    const other = await getPath(sim, `/v2beta/results/${id}`, { key: 'sk-someone-else-0000' });
    expect(other.status).toBe(404);
    expect(await errorBody(other)).toMatchObject({ name: 'generation_not_found', errors: ['id: the generation either does not exist or has expired.'] });
    expect((await getPath(sim, `/v2beta/results/${'0'.repeat(64)}`)).status).toBe(404);
    t += 86_400_001;
    expect((await getPath(sim, `/v2beta/results/${id}`)).status).toBe(404);
  });
});

describe('Stability simulator: moderation and errors (§11.22–30)', () => {
  it('§11.22 BLOCKED → 200 CONTENT_FILTERED with a blurred image (header and JSON)', async () => {
    const raw = await op(sim, 'generate/core', { prompt: 'a BLOCKED scene' });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('finish-reason')).toBe('CONTENT_FILTERED');
    const json = await op(sim, 'generate/core', { prompt: 'a BLOCKED scene' }, { accept: 'application/json' });
    expect((await json.json()).finish_reason).toBe('CONTENT_FILTERED');
  });

  it('§11.23 FLAGGED → 403 content_moderation and nothing is charged', async () => {
    const before = sim.balance(SK);
    const res = await op(sim, 'generate/core', { prompt: 'FLAGGED words' });
    expect(res.status).toBe(403);
    expect(await errorBody(res)).toMatchObject({ name: 'content_moderation', errors: [expect.stringContaining('you were not charged')] });
    expect(sim.balance(SK)).toBe(before);
  });

  it('§11.24 a non-English prompt → 422 invalid_language; PUBLIC_FIGURE → 422 public_figure', async () => {
    const lang = await op(sim, 'generate/core', { prompt: '一只红色的狐狸' });
    expect(lang.status).toBe(422);
    expect(await errorBody(lang)).toMatchObject({ name: 'invalid_language', errors: ['English is the only supported language for this service.'] });
    const figure = await op(sim, 'edit/erase', { image: { image: await png(128, 128) }, grow_mask: 3, note: 'PUBLIC_FIGURE' });
    expect(figure.status).toBe(422);
    expect((await errorBody(figure)).name).toBe('public_figure');
  });

  it('§11.25 a key without credits → balance 0 and 402 payment_required on paid calls', async () => {
    expect(await (await getPath(sim, '/v1/user/balance', { key: 'sk-nocredit-1234' })).json()).toEqual({ credits: 0 });
    const res = await op(sim, 'generate/core', { prompt: 'x' }, { key: 'sk-nocredit-1234' });
    expect(res.status).toBe(402);
    expect(await errorBody(res)).toMatchObject({ name: 'payment_required', errors: [expect.stringContaining('platform.stability.ai/account/credits')] });
  });

  it('§11.26 a body over 10 MiB → 413 payload_too_large', async () => {
    const res = await op(sim, 'upscale/fast', { image: { image: Buffer.alloc(10 * 1024 * 1024 + 10, 1) } });
    expect(res.status).toBe(413);
    expect(await errorBody(res)).toMatchObject({ name: 'payload_too_large', errors: ['body: payloads cannot be larger than 10MiB in size'] });
  });

  it('§11.28 FAIL500 → 500 internal_error', async () => {
    const res = await op(sim, 'generate/core', { prompt: 'FAIL500' });
    expect(res.status).toBe(500);
    expect((await errorBody(res)).name).toBe('internal_error');
  });

  it('§11.29 one Core call lowers the balance by exactly 3 credits; failed calls change nothing', async () => {
    const key = 'sk-ledger-check-0001';
    const start = (await (await getPath(sim, '/v1/user/balance', { key })).json()).credits as number;
    await op(sim, 'generate/core', { prompt: '' }, { key });
    await op(sim, 'generate/core', { prompt: 'FAIL500' }, { key });
    expect(sim.balance(key)).toBe(start);
    expect((await op(sim, 'generate/core', { prompt: 'x' }, { key })).status).toBe(200);
    expect((await (await getPath(sim, '/v1/user/balance', { key })).json()).credits).toBe(start - 3);
  });

  it('§11.29 the balance runs out: a call dearer than what is left → 402', async () => {
    const key = 'sk-small-balance-01';
    for (let i = 0; i < 2; i++) expect((await op(sim, 'upscale/conservative', { image: { image: await png(64, 64) }, prompt: 'x' }, { key })).status).toBe(200);
    expect((await op(sim, 'upscale/creative', { image: { image: await png(64, 64) }, prompt: 'x' }, { key })).status).toBe(402);
  });

  it('§11.30 every error body is {id,name,errors[]} on v2beta and {id,name,message} on v1; every answer has x-request-id', async () => {
    for (const res of [await op(sim, 'generate/core', {}), await op(sim, 'generate/core', { prompt: 'x' }, { key: null })]) {
      expect(res.headers.get('x-request-id')).toBeTruthy();
      expect(Object.keys(await res.json()).sort()).toEqual(['errors', 'id', 'name']);
    }
    const v1 = await getPath(sim, '/v1/user/balance', { key: null });
    expect(v1.headers.get('x-request-id')).toBeTruthy();
    expect(Object.keys(await v1.json()).sort()).toEqual(['id', 'message', 'name']);
  });

  it('§11.31 no Stability video route exists: the retired image-to-video path is 404', async () => {
    const res = await fetch(`${sim.url}/v2beta/image-to-video`, { method: 'POST', headers: { authorization: `Bearer ${SK}` }, body: new FormData() });
    expect(res.status).toBe(404);
  });
});

describe('Stability simulator: validation order (§10) and rate limit (§11.27)', () => {
  it('path 404 and method 405 come before auth; auth before field rules', async () => {
    expect((await op(sim, 'generate/nope', { prompt: 'x' }, { key: null })).status).toBe(404);
    const get = await getPath(sim, '/v2beta/stable-image/generate/core', { key: null });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await op(sim, 'generate/core', {}, { key: null })).status).toBe(401);
  });

  it('§11.27 over 150 requests in 10 s → 429 rate_limit_exceeded for 60 s (polls count), then served again', async () => {
    const key = 'sk-rate-limit-check';
    for (let i = 0; i < 150; i++) expect((await getPath(sim, '/v1/user/balance', { key })).status).toBe(200);
    const limited = await op(sim, 'generate/core', { prompt: 'x' }, { key });
    expect(limited.status).toBe(429);
    expect(await errorBody(limited)).toMatchObject({ name: 'rate_limit_exceeded', errors: [expect.stringContaining('timed out for 60 seconds')] });
    t += 59_000;
    expect((await getPath(sim, '/v1/user/balance', { key })).status).toBe(429);
    t += 1_001;
    expect((await getPath(sim, '/v1/user/balance', { key })).status).toBe(200);
  });
});
