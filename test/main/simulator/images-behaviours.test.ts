/** §13 behaviours 1–42 and 63–67 against the simulator over raw fetch: status codes, bodies and headers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY, get, imageDataUri, post, sizeOf, startTestSimulator } from './helpers';

let sim: Awaited<ReturnType<typeof startTestSimulator>>;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

const gen = (body: object, opts?: Parameters<typeof post>[3]) => post(sim, '/images/generations', { prompt: 'a red fox', ...body }, opts);
const edit = (body: object) => post(sim, '/images/edits', { prompt: 'make it winter', ...body });

describe('simulator: image generations', () => {
  it('§13.1 prompt only returns 200 with one url image', async () => {
    const res = await gen({});
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.data).toHaveLength(1);
    expect(body.data[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\/img\/.+\.jpg$/);
    expect(body.data[0].b64_json).toBeUndefined();
  });

  it('§13.2 n from 1 to 10 returns exactly n items in order', async () => {
    const body = await (await gen({ n: 4 })).json();
    expect(body.data).toHaveLength(4);
    expect(new Set(body.data.map((d: { url: string }) => d.url)).size).toBe(4);
  });

  it.each([0, 11, -1])('§13.3 n:%s is rejected with 400 {code,error}', async (n) => {
    const res = await gen({ n });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe('Client specified an invalid argument');
    expect(body.error).toMatch(/n must be between 1 and 10/);
  });

  it('§13.4 n:"2" is a 422 plain-text deserialization error', async () => {
    const res = await gen({ n: '2' });
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/^Failed to deserialize the JSON body into the target type: n: invalid type: string "2"/);
  });

  it('§13.5 missing prompt is a 422 naming the field with line and column', async () => {
    const res = await post(sim, '/images/generations', { n: 1 });
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/missing field `prompt` at line \d+ column \d+/);
  });

  it('§13.6 malformed JSON is a 400 plain text', async () => {
    const res = await post(sim, '/images/generations', null, { raw: '{"prompt": "x",' });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/^Failed to parse the request body as JSON/);
  });

  it('§13.7 missing content type or empty body is 415', async () => {
    expect((await post(sim, '/images/generations', { prompt: 'x' }, { contentType: null })).status).toBe(415);
    expect((await post(sim, '/images/generations', null, { raw: '' })).status).toBe(415);
  });

  it('§13.8 a multipart edit is rejected with 415', async () => {
    const form = new FormData();
    form.append('prompt', 'x');
    const res = await fetch(`${sim.api}/images/edits`, { method: 'POST', headers: { authorization: `Bearer ${TEST_KEY}` }, body: form });
    expect(res.status).toBe(415);
  });

  it.each(['1024x1024', 'auto'])('§13.9 size:%s gives 400 {code:"400",error:"Argument not supported: size"}', async (size) => {
    const res = await gen({ size });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: '400', error: 'Argument not supported: size' });
  });

  it('§13.10 style gives 400 Argument not supported: style', async () => {
    expect(await (await gen({ style: 'vivid' })).json()).toEqual({ code: '400', error: 'Argument not supported: style' });
  });

  it('updates #74/#75: quality auto/low/medium on 2.0; high and "hd" are 422; quality on 1.0 is 400', async () => {
    for (const quality of ['auto', 'low', 'medium']) expect((await gen({ model: 'grok-imagine-image-2.0', quality })).status).toBe(200);
    expect((await gen({ model: 'grok-imagine-image-2.0', quality: 'high' })).status).toBe(422);
    expect((await gen({ quality: 'hd' })).status).toBe(422);
    const res = await gen({ model: 'grok-imagine-image', quality: 'low' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: '400', error: 'Argument not supported: quality' });
  });

  it('§13.12 aspect_ratio outside the enum is 422 unknown variant', async () => {
    const res = await gen({ aspect_ratio: '5:4' });
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/unknown variant `5:4`/);
  });

  it('§13.13 2k doubles each side of 1k; other resolutions are 422', async () => {
    const one = await (await gen({ aspect_ratio: '16:9', response_format: 'b64_json' })).json();
    const two = await (await gen({ aspect_ratio: '16:9', resolution: '2k', response_format: 'b64_json' })).json();
    expect(await sizeOf(Buffer.from(one.data[0].b64_json, 'base64'))).toEqual({ width: 1408, height: 768 });
    expect(await sizeOf(Buffer.from(two.data[0].b64_json, 'base64'))).toEqual({ width: 2816, height: 1536 });
    expect((await gen({ resolution: '4k' })).status).toBe(422);
  });

  it('§13.14 b64_json is bare base64 without data: prefix and without url', async () => {
    const body = await (await gen({ response_format: 'b64_json' })).json();
    expect(body.data[0].b64_json).not.toMatch(/^data:/);
    expect(body.data[0].url).toBeUndefined();
    expect(Buffer.from(body.data[0].b64_json, 'base64').subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it('§13.15 response_format other than url/b64_json is rejected (422)', async () => {
    expect((await gen({ response_format: 'png' })).status).toBe(422);
  });

  it('§13.16 items carry mime_type image/jpeg and revised_prompt ""', async () => {
    const item = (await (await gen({})).json()).data[0];
    expect(item.mime_type).toBe('image/jpeg');
    expect(item.revised_prompt).toBe('');
    expect(item.respect_moderation).toBe(true);
  });

  it('§13.17 usage.cost_in_usd_ticks = 200,000,000 × n for grok-imagine-image', async () => {
    expect((await (await gen({ n: 3 })).json()).usage).toEqual({ cost_in_usd_ticks: 600_000_000 });
  });

  it('§13.18 the response includes created in unix seconds', async () => {
    const body = await (await gen({})).json();
    expect(Number.isInteger(body.created)).toBe(true);
    expect(Math.abs(body.created - Date.now() / 1000)).toBeLessThan(60);
  });

  it('§13.19 result URLs are fetchable without auth and serve a JPEG', async () => {
    const url = (await (await gen({})).json()).data[0].url;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
  });

  it('§13.20 unknown model is 404 with the gRPC not-found code', async () => {
    const res = await gen({ model: 'grok-imagine-nope' });
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe('Some requested entity was not found');
  });

  it('§13.21 missing Authorization header is 401', async () => {
    expect((await gen({}, { key: null })).status).toBe(401);
  });

  it('§13.22 an incorrect key is 400 with a masked key in the message', async () => {
    const res = await gen({}, { key: 'xai-sim-invalid' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 'Client specified an invalid argument',
      error: 'Incorrect API key provided: xa***id. You can obtain an API key from https://console.x.ai.',
    });
  });

  it('§13.23 a team without credits is 403 with the permission code', async () => {
    const res = await gen({}, { key: 'xai-sim-no-credits' });
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body.code).toBe('The caller does not have permission to execute the specified operation');
    expect(body.error).toMatch(/credits or licenses/);
  });

  it('§13.24 rate limit is 429 with Retry-After', async () => {
    const res = await gen({ prompt: 'RATE_LIMIT fox' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
  });

  it('§13.25 every response carries x-request-id, errors and files included', async () => {
    const ok = await gen({});
    const bad = await gen({ size: 'x' });
    const unknown = await get(sim, '/videos/nope');
    const file = await fetch((await ok.json()).data[0].url);
    for (const r of [ok, bad, unknown, file]) expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('§13.26 BLOCKED: the first item has respect_moderation:false and no payload', async () => {
    const body = await (await gen({ prompt: 'BLOCKED fox', n: 2 })).json();
    expect(body.data[0]).toMatchObject({ url: null, respect_moderation: false });
    expect(body.data[1].url).toMatch(/^http/);
  });

  it('§13.27 BLOCKED_ALL: 200 with data: []', async () => {
    const res = await gen({ prompt: 'BLOCKED_ALL fox' });
    expect(res.status).toBe(200);
    expect((await res.json()).data).toEqual([]);
  });
});

describe('simulator: image edits', () => {
  it('§13.28 image:{url} returns the generation response shape', async () => {
    const body = await (await edit({ image: { url: await imageDataUri(64, 64) } })).json();
    expect(body.data[0]).toMatchObject({ mime_type: 'image/jpeg', revised_prompt: '' });
    expect(body.usage.cost_in_usd_ticks).toBeGreaterThan(0);
  });

  it('§13.29 image and images together is 400 mutually exclusive', async () => {
    const uri = await imageDataUri(8, 8);
    const res = await edit({ image: { url: uri }, images: [{ url: uri }] });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/mutually exclusive/);
  });

  it('§13.30 neither image nor images is 400', async () => {
    expect((await edit({})).status).toBe(400);
  });

  it('updates #76/#77: 2.0 edits take 5 images (6 is 400); 1.0 takes 3 (4 is 400)', async () => {
    const uri = await imageDataUri(8, 8);
    const images = (n: number) => Array.from({ length: n }, () => ({ url: uri }));
    expect((await edit({ model: 'grok-imagine-image-2.0', images: images(5) })).status).toBe(200);
    expect((await edit({ model: 'grok-imagine-image-2.0', images: images(6) })).status).toBe(400);
    expect((await edit({ model: 'grok-imagine-image', images: images(3) })).status).toBe(200);
    expect((await edit({ model: 'grok-imagine-image', images: images(4) })).status).toBe(400);
  });

  it('§13.32 png/jpeg/webp data URIs are accepted, gif is 400', async () => {
    for (const f of ['png', 'jpeg', 'webp'] as const) expect((await edit({ image: { url: await imageDataUri(16, 16, f) } })).status).toBe(200);
    const res = await edit({ image: { url: await imageDataUri(16, 16, 'gif') } });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/unsupported image format/);
  });

  it('§13.33 an unfetchable image URL fails the request with 400', async () => {
    const res = await edit({ image: { url: 'http://127.0.0.1:1/missing.png' } });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('Client specified an invalid argument');
  });

  it('§13.34 an unknown file_id is 404', async () => {
    expect((await edit({ image: { file_id: 'file_unknown' } })).status).toBe(404);
  });

  it('§13.35 image_url alias and extra keys like type are accepted', async () => {
    expect((await edit({ image: { image_url: await imageDataUri(16, 16), type: 'image_url' } })).status).toBe(200);
  });

  it('§13.36 single edits follow the input shape; multi edits honour aspect_ratio', async () => {
    const tall = await imageDataUri(90, 160);
    const single = await (await edit({ image: { url: tall }, aspect_ratio: '16:9', response_format: 'b64_json' })).json();
    expect(await sizeOf(Buffer.from(single.data[0].b64_json, 'base64'))).toEqual({ width: 768, height: 1408 });
    const multi = await (await edit({ images: [{ url: tall }, { url: tall }], aspect_ratio: '1:1', response_format: 'b64_json' })).json();
    expect(await sizeOf(Buffer.from(multi.data[0].b64_json, 'base64'))).toEqual({ width: 1024, height: 1024 });
    const multiDefault = await (await edit({ images: [{ url: tall }, { url: await imageDataUri(100, 100) }], response_format: 'b64_json' })).json();
    expect(await sizeOf(Buffer.from(multiDefault.data[0].b64_json, 'base64'))).toEqual({ width: 768, height: 1408 });
  });

  it('§13.37 mask is accepted and ignored', async () => {
    const uri = await imageDataUri(16, 16);
    expect((await edit({ image: { url: uri }, mask: { url: uri } })).status).toBe(200);
  });

  it('§13.38 edits bill outputs plus $0.002 per input image', async () => {
    const uri = await imageDataUri(16, 16);
    const body = await (await edit({ images: [{ url: uri }, { url: uri }], n: 2 })).json();
    expect(body.usage.cost_in_usd_ticks).toBe(2 * 200_000_000 + 2 * 20_000_000);
  });

  it('records requests so tests can check the order of images', async () => {
    const a = await imageDataUri(8, 8, 'png', '#ff0000');
    const b = await imageDataUri(8, 8, 'png', '#00ff00');
    await edit({ images: [{ url: a }, { url: b }] });
    const last = sim.requests.at(-1);
    expect((last?.body as { images: { url: string }[] }).images.map((i) => i.url)).toEqual([a, b]);
    expect(last?.headers.authorization).not.toContain(TEST_KEY);
  });
});

describe('simulator: deferred images, listings, methods', () => {
  it('§13.39 deferred:true returns request_id, then 202, then 200 done', async () => {
    const { request_id } = await (await gen({ deferred: true, n: 2 })).json();
    const first = await get(sim, `/images/${request_id}`);
    expect(first.status).toBe(202);
    const done = await get(sim, `/images/${request_id}`);
    expect(done.status).toBe(200);
    const body = await done.json();
    expect(body).toMatchObject({ request_id, status: 'done' });
    expect(body.data).toHaveLength(2);
    expect(body.usage.cost_in_usd_ticks).toBe(400_000_000);
  });

  it('§13.40 deferred with b64_json is 400', async () => {
    expect((await gen({ deferred: true, response_format: 'b64_json' })).status).toBe(400);
  });

  it('§13.41 output.upload_urls whose length differs from n is 400', async () => {
    expect((await gen({ n: 2, output: { upload_urls: ['https://example.com/a'] } })).status).toBe(400);
  });

  it('§13.42 GET /v1/images/{unknown} is 404', async () => {
    expect((await get(sim, '/images/does-not-exist')).status).toBe(404);
  });

  it('§13.63 image-generation-models returns {models:[…]} with image_price', async () => {
    const body = await (await get(sim, '/image-generation-models')).json();
    expect(body.data).toBeUndefined();
    expect(body.models.find((m: { id: string }) => m.id === 'grok-imagine-image')).toMatchObject({ image_price: 200_000_000, max_prompt_length: 1024, object: 'model' });
    expect(body.models.find((m: { id: string }) => m.id === 'grok-imagine-image-2.0').pricing.length).toBeGreaterThan(0);
  });

  it('§13.64 video-generation-models returns {models} without prices; /v1/models is a list', async () => {
    const videos = await (await get(sim, '/video-generation-models')).json();
    expect(videos.models.map((m: { id: string }) => m.id)).toContain('grok-imagine-video-1.5');
    expect(videos.models[0].image_price).toBeUndefined();
    expect(await (await get(sim, '/models')).json()).toMatchObject({ object: 'list' });
  });

  it('§13.65 aliases are accepted in requests', async () => {
    expect((await gen({ model: 'grok-imagine-image-pro' })).status).toBe(200);
  });

  it('§13.66 storage_options adds file_output and keeps url; expires_after above 30 days is 400', async () => {
    const body = await (await gen({ storage_options: { filename: 'out.jpg', expires_after: 7200 } })).json();
    expect(body.data[0].url).toMatch(/^http/);
    expect(body.data[0].file_output).toMatchObject({ filename: 'out.jpg' });
    expect((await gen({ storage_options: { filename: 'x.jpg', expires_after: 2_592_001 } })).status).toBe(400);
  });

  it('§13.67 wrong method is 405', async () => {
    expect((await get(sim, '/images/generations')).status).toBe(405);
    expect((await fetch(`${sim.api}/videos/abc`, { method: 'POST' })).status).toBe(405);
  });
});
