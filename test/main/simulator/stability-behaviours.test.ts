/**
 * The Stability simulator against the numbered behaviours of /work/shared/stability-api.md §11 (1–18: requests,
 * responses, fields and operations), over raw fetch with real multipart bodies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StabilitySimulator } from '../../../src-main/simulator/stability';
import { SK, bytesOf, getPath, leftHalfMask, meanOf, meta, op, png, startStability } from './stability-helpers';

let sim: StabilitySimulator;
beforeAll(async () => {
  sim = await startStability();
});
afterAll(() => sim.close());

describe('Stability simulator: requests and responses (§11.1–8)', () => {
  it('§11.1 takes multipart with a boundary and refuses a JSON body with 400 naming content-type', async () => {
    const ok = await op(sim, 'generate/core', { prompt: 'a fox' });
    expect(ok.status).toBe(200);
    expect(sim.requests.at(-1)?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const json = await fetch(`${sim.url}/v2beta/stable-image/generate/core`, {
      method: 'POST', headers: { authorization: `Bearer ${SK}`, 'content-type': 'application/json' }, body: JSON.stringify({ prompt: 'a fox' }),
    });
    expect(json.status).toBe(400);
    expect((await json.json()).errors[0]).toMatch(/^content-type: /);
  });

  it.each([[null], ['sk-invalid-123456'], ['xai-not-stability']])('§11.2 key %s → 401 {id,name:"unauthorized",errors[]}', async (key) => {
    const res = await op(sim, 'generate/core', { prompt: 'a fox' }, { key });
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'unauthorized', errors: ['authorization: invalid or missing header value'] });
  });

  it('§11.3 balance answers {credits}; a bad key gets the v1 shape, echoing the key as the live API does', async () => {
    expect(await (await getPath(sim, '/v1/user/balance')).json()).toEqual({ credits: expect.any(Number) });
    const bad = await getPath(sim, '/v1/user/balance', { key: 'sk-invalid-echo' });
    expect(bad.status).toBe(401);
    const body = await bad.json();
    expect(Object.keys(body).sort()).toEqual(['id', 'message', 'name']);
    expect(body.message).toContain('Incorrect API key provided: sk-invalid-echo.');
    expect((await (await getPath(sim, '/v1/user/balance', { key: null })).json()).message).toBe('missing authorization header');
  });

  it('§11.4 Core with accept image/* → PNG bytes with finish-reason, seed and x-request-id headers', async () => {
    const res = await op(sim, 'generate/core', { prompt: 'a fox' }, { accept: 'image/*' });
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('finish-reason')).toBe('SUCCESS');
    expect(res.headers.get('seed')).toMatch(/^\d+$/);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect((await meta(await bytesOf(res))).format).toBe('png');
  });

  it('§11.5 accept application/json → base64 body without data: prefix, no finish-reason header', async () => {
    const res = await op(sim, 'generate/core', { prompt: 'a fox' }, { accept: 'application/json' });
    expect(res.headers.get('content-type')).toBe('application/json; type=image/png');
    expect(res.headers.get('finish-reason')).toBeNull();
    const body = await res.json();
    expect(body).toEqual({ image: expect.not.stringMatching(/^data:/), seed: expect.any(Number), finish_reason: 'SUCCESS' });
    expect((await meta(Buffer.from(body.image, 'base64'))).format).toBe('png');
  });

  it('§11.6 output_format jpeg and webp change the content type and the bytes', async () => {
    for (const [format, sharpName] of [['jpeg', 'jpeg'], ['webp', 'webp']]) {
      const res = await op(sim, 'generate/core', { prompt: 'a fox', output_format: format as string });
      expect(res.headers.get('content-type')).toBe(`image/${format}`);
      expect((await meta(await bytesOf(res))).format).toBe(sharpName);
    }
  });

  it('§11.7 Ultra and SD3.5 follow aspect_ratio at about 1 MP; omitted means 1:1', async () => {
    expect(await meta(await bytesOf(await op(sim, 'generate/ultra', { prompt: 'x', aspect_ratio: '16:9' })))).toMatchObject({ width: 1344, height: 768 });
    expect(await meta(await bytesOf(await op(sim, 'generate/sd3', { prompt: 'x', aspect_ratio: '9:21', model: 'sd3.5-medium' })))).toMatchObject({ width: 640, height: 1536 });
    expect(await meta(await bytesOf(await op(sim, 'generate/ultra', { prompt: 'x' })))).toMatchObject({ width: 1024, height: 1024 });
  });

  it('§11.8 a non-zero seed comes back unchanged; 0 or none gets a random one', async () => {
    expect((await op(sim, 'generate/core', { prompt: 'x', seed: 4_294_967_294 })).headers.get('seed')).toBe('4294967294');
    const random = Number((await op(sim, 'generate/core', { prompt: 'x', seed: 0 })).headers.get('seed'));
    expect(random).toBeGreaterThan(0);
    expect(random).toBeLessThanOrEqual(4_294_967_294);
  });
});

describe('Stability simulator: field rules (§11.9–12)', () => {
  const problem = async (path: string, fields: Record<string, string | number | { image: Buffer }>) => {
    const res = await op(sim, path, fields);
    return { status: res.status, error: ((await res.json()) as { errors: string[] }).errors[0] ?? '' };
  };

  it('§11.9 prompt missing, empty or over 10000 → 400 naming prompt; negative_prompt over 10000 too', async () => {
    expect(await problem('generate/core', {})).toEqual({ status: 400, error: 'prompt: is required' });
    expect(await problem('generate/core', { prompt: '' })).toMatchObject({ status: 400, error: expect.stringMatching(/^prompt: /) });
    expect(await problem('generate/core', { prompt: 'x'.repeat(10_001) })).toMatchObject({ status: 400, error: expect.stringMatching(/^prompt: .*10000/) });
    expect(await problem('generate/core', { prompt: 'x', negative_prompt: 'n'.repeat(10_001) })).toMatchObject({ status: 400, error: expect.stringMatching(/^negative_prompt: /) });
  });

  it.each([
    ['aspect_ratio', { aspect_ratio: '4:3' }], ['style_preset', { style_preset: 'watercolour' }], ['output_format', { output_format: 'gif' }],
    ['seed', { seed: 4_294_967_295 }], ['seed', { seed: -1 }],
  ])('§11.10 a bad %s → 400', async (field, extra) => {
    expect(await problem('generate/core', { prompt: 'x', ...extra })).toMatchObject({ status: 400, error: expect.stringMatching(new RegExp(`^${field}: `)) });
  });

  it('§11.10 an unknown SD3.5 model → 400; sd3.5-flash is not in the enum (Q2)', async () => {
    expect(await problem('generate/sd3', { prompt: 'x', model: 'sd3.5-flash' })).toMatchObject({ status: 400, error: expect.stringMatching(/^model: /) });
  });

  it('§11.11 Ultra image without strength, SD3.5 image-to-image without image or strength → 400', async () => {
    const image = { image: await png(512, 512) };
    expect(await problem('generate/ultra', { prompt: 'x', image })).toMatchObject({ status: 400, error: expect.stringMatching(/^strength: /) });
    expect(await problem('generate/sd3', { prompt: 'x', mode: 'image-to-image', strength: 0.5 })).toMatchObject({ status: 400, error: expect.stringMatching(/^image: /) });
    expect(await problem('generate/sd3', { prompt: 'x', mode: 'image-to-image', image })).toMatchObject({ status: 400, error: expect.stringMatching(/^strength: /) });
    expect((await op(sim, 'generate/ultra', { prompt: 'x', image, strength: 0.4 })).status).toBe(200);
  });

  it('§11.12 a side under 64 (32 for Fast), too many pixels or a steep aspect ratio → 400', async () => {
    expect(await problem('edit/erase', { image: { image: await png(63, 200) } })).toMatchObject({ status: 400, error: expect.stringMatching(/^image: each side/) });
    expect(await problem('upscale/fast', { image: { image: await png(31, 64) } })).toMatchObject({ status: 400, error: expect.stringMatching(/^image: each side must be at least 32/) });
    expect(await problem('edit/remove-background', { image: { image: await png(2100, 2100) } })).toMatchObject({ status: 400, error: expect.stringMatching(/^image: .*4194304/) });
    expect(await problem('edit/outpaint', { image: { image: await png(660, 256) }, left: 10 })).toMatchObject({ status: 400, error: expect.stringMatching(/^image: aspect ratio/) });
  });
});

describe('Stability simulator: edit and upscale operations (§11.13–18)', () => {
  it('§11.13 Erase needs no prompt; it repaints the mask, or the transparent part of an alpha-only image', async () => {
    const image = await png(256, 256, { colour: '#ff0000' });
    const withMask = await bytesOf(await op(sim, 'edit/erase', { image: { image }, mask: { image: await leftHalfMask(256, 256) }, grow_mask: 0 }));
    expect(await meta(withMask)).toMatchObject({ width: 256, height: 256 });
    const alphaOnly = await op(sim, 'edit/erase', { image: { image: await png(256, 256, { halfTransparent: true }) } });
    expect(alphaOnly.status).toBe(200);
  });

  it('§11.14 Inpaint needs a prompt; grow_mask is 0–100 (0–20 for Erase); it paints only where the mask is white', async () => {
    const image = await png(256, 256, { colour: '#000000' });
    const mask = { image: await leftHalfMask(256, 256) };
    expect((await op(sim, 'edit/inpaint', { image: { image }, mask })).status).toBe(400);
    expect((await op(sim, 'edit/inpaint', { image: { image }, mask, prompt: 'x', grow_mask: 101 })).status).toBe(400);
    expect((await op(sim, 'edit/erase', { image: { image }, grow_mask: 21 })).status).toBe(400);
    const out = await bytesOf(await op(sim, 'edit/inpaint', { image: { image }, mask, prompt: 'a bright garden', grow_mask: 0 }));
    const left = await meanOf(out, { left: 16, top: 100, width: 64, height: 56 });
    const right = await meanOf(out, { left: 176, top: 100, width: 64, height: 56 });
    expect(Math.max(...left)).toBeGreaterThan(20);
    expect(right).toEqual([0, 0, 0]);
  });

  it('§11.15 Outpaint needs one non-zero margin, each at most 2000, and grows by the margins', async () => {
    const image = { image: await png(200, 100) };
    expect((await op(sim, 'edit/outpaint', { image })).status).toBe(400);
    expect((await op(sim, 'edit/outpaint', { image, left: 2001 })).status).toBe(400);
    const out = await bytesOf(await op(sim, 'edit/outpaint', { image, left: 10, right: 20, up: 30, down: 40 }));
    expect(await meta(out)).toMatchObject({ width: 230, height: 170 });
  });

  it('§11.16 Search and Replace needs search_prompt; Search and Recolor needs select_prompt', async () => {
    const image = { image: await png(256, 256) };
    expect((await (await op(sim, 'edit/search-and-replace', { image, prompt: 'a dog' })).json()).errors[0]).toMatch(/^search_prompt: /);
    expect((await (await op(sim, 'edit/search-and-recolor', { image, prompt: 'red' })).json()).errors[0]).toMatch(/^select_prompt: /);
    expect((await op(sim, 'edit/search-and-replace', { image, prompt: 'a dog', search_prompt: 'cat' })).status).toBe(200);
  });

  it('§11.17 Remove Background refuses jpeg; its PNG has an alpha channel with transparent corners', async () => {
    const image = { image: await png(256, 256) };
    expect((await op(sim, 'edit/remove-background', { image, output_format: 'jpeg' })).status).toBe(400);
    const out = await bytesOf(await op(sim, 'edit/remove-background', { image }));
    expect(await meta(out)).toMatchObject({ format: 'png', hasAlpha: true, width: 256, height: 256 });
  });

  it('§11.18 Fast upscale of 64×64 → 256×256; a side over 1536 → 400', async () => {
    expect(await meta(await bytesOf(await op(sim, 'upscale/fast', { image: { image: await png(64, 64) } })))).toMatchObject({ width: 256, height: 256 });
    expect((await op(sim, 'upscale/fast', { image: { image: await png(1537, 400) } })).status).toBe(400);
  });
});
