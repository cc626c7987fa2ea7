/** The MiniMax simulator against /work/shared/minimax-api.md §9.1–16 and §9.34 (auth, envelope, image-01). */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MinimaxSimulator } from '../../../src-main/simulator/minimax';
import { MM, dataUrl, mmGet, mmPost, startMinimax } from './minimax-helpers';

let t = 1_800_000_000_000;
let sim: MinimaxSimulator;
beforeAll(async () => {
  sim = await startMinimax({ now: () => t });
});
afterAll(() => sim.close());

const image = (body: object, key?: string | null) => mmPost(sim, '/v1/image_generation', { model: 'image-01', prompt: 'a red fox', ...body }, { key });
const sizeOfUrl = async (url: string) => {
  const m = await sharp(new Uint8Array(await (await fetch(url)).arrayBuffer())).metadata();
  return [m.width, m.height, m.format];
};

describe('MiniMax simulator: auth and envelope (§9.1–4, §9.34)', () => {
  it('§9.1 takes Bearer + JSON on /v1/ paths and answers with a Trace-Id', async () => {
    const { res, json } = await image({});
    expect(res.status).toBe(200);
    expect(res.headers.get('trace-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(json.base_resp).toEqual({ status_code: 0, status_msg: 'success' });
    expect(sim.requests.at(-1)).toMatchObject({ path: '/v1/image_generation', headers: { 'content-type': 'application/json' } });
  });

  it('§9.2 no or empty Authorization → 1004 inside an HTTP 200', async () => {
    const { res, json } = await image({}, null);
    expect(res.status).toBe(200);
    expect(json.base_resp).toEqual({ status_code: 1004, status_msg: expect.stringMatching(/^login fail: Please carry the API secret key/) });
  });

  it('§9.3 a rejected key → 2049 (mm-invalid…) or 1004 (not an mm- key)', async () => {
    expect((await image({}, 'mm-invalid-0001')).json.base_resp.status_code).toBe(2049);
    expect((await image({}, 'sk-api-other-provider')).json.base_resp.status_code).toBe(1004);
  });

  it('§9.4 a business error is HTTP 200 with base_resp ≠ 0 and no data; mm-nobalance → 1008', async () => {
    const { res, json } = await image({}, 'mm-nobalance-01');
    expect(res.status).toBe(200);
    expect(json).toMatchObject({ data: null, base_resp: { status_code: 1008, status_msg: 'insufficient balance' } });
  });

  it('§9.34 paths start /v1/; an unknown one is a 404', async () => {
    expect((await fetch(`${sim.url}/v2/video_generation`, { method: 'POST' })).status).toBe(404);
  });
});

describe('MiniMax simulator: image-01 (§9.5–16)', () => {
  it('§9.5 image-01 → one URL of a 1024×1024 JPEG, success_count "1"', async () => {
    const { json } = await image({});
    const data = json.data as { image_urls: string[] };
    expect(data.image_urls).toHaveLength(1);
    expect(json.metadata).toEqual({ success_count: '1', failed_count: '0' });
    expect(json.id).toMatch(/^[0-9a-f]{32}$/);
    expect(await sizeOfUrl(data.image_urls[0] as string)).toEqual([1024, 1024, 'jpeg']);
  });

  it('§9.6 each of the 8 aspect ratios gives its documented size; 21:9 is image-01 only', async () => {
    const sizes = { '1:1': [1024, 1024], '16:9': [1280, 720], '4:3': [1152, 864], '3:2': [1248, 832], '2:3': [832, 1248], '3:4': [864, 1152], '9:16': [720, 1280], '21:9': [1344, 576] };
    for (const [ratio, [w, h]] of Object.entries(sizes)) {
      const { json } = await image({ aspect_ratio: ratio, response_format: 'base64' });
      const m = await sharp(Buffer.from((json.data as { image_base64: string[] }).image_base64[0] as string, 'base64')).metadata();
      expect([ratio, m.width, m.height]).toEqual([ratio, w, h]);
    }
    expect((await image({ model: 'image-01-live', aspect_ratio: '21:9' })).json.base_resp.status_code).toBe(2013);
  });

  it('§9.7 width+height (512–2048, ×8) set the size; with aspect_ratio too, the ratio wins', async () => {
    const own = (await image({ width: 768, height: 1536 })).json.data as { image_urls: string[] };
    expect(await sizeOfUrl(own.image_urls[0] as string)).toEqual([768, 1536, 'jpeg']);
    const both = (await image({ width: 768, height: 1536, aspect_ratio: '16:9' })).json.data as { image_urls: string[] };
    expect(await sizeOfUrl(both.image_urls[0] as string)).toEqual([1280, 720, 'jpeg']);
    for (const bad of [{ width: 500, height: 512 }, { width: 1001, height: 512 }, { width: 1024 }]) expect((await image(bad)).json.base_resp.status_code).toBe(2013);
  });

  it('§9.8 n 1–9 returns that many; 0 and 10 → 2013', async () => {
    expect(((await image({ n: 3 })).json.data as { image_urls: string[] }).image_urls).toHaveLength(3);
    for (const n of [0, 10]) expect((await image({ n })).json.base_resp.status_code).toBe(2013);
  });

  it('§9.9 response_format base64 → bare base64 strings and no image_urls', async () => {
    const data = (await image({ response_format: 'base64' })).json.data as Record<string, string[]>;
    expect(data.image_urls).toBeUndefined();
    expect(data.image_base64?.[0]).toMatch(/^\/9j\//);
  });

  it('§9.10–12 counts are strings; BLOCKED_OUTPUT withholds one image with status 0; with n=1 success_count is "0"', async () => {
    const two = (await image({ n: 2, prompt: 'BLOCKED_OUTPUT fox' })).json;
    expect(two).toMatchObject({ metadata: { success_count: '1', failed_count: '1' }, base_resp: { status_code: 0 } });
    expect((two.data as { image_urls: string[] }).image_urls).toHaveLength(1);
    expect((await image({ prompt: 'BLOCKED_OUTPUT' })).json.metadata).toEqual({ success_count: '0', failed_count: '1' });
  });

  it('§9.13 an image prompt over 1500 characters → 2013', async () => {
    expect((await image({ prompt: 'x'.repeat(1501) })).json.base_resp).toMatchObject({ status_code: 2013, status_msg: expect.stringMatching(/^invalid params/) });
  });

  it('§9.14 subject_reference [{type:"character", image_file}] works with a data URL or URL, at any ratio; image_url is no alias', async () => {
    const ref = await dataUrl(400, 600, 'jpeg');
    expect((await image({ aspect_ratio: '9:16', subject_reference: [{ type: 'character', image_file: ref }] })).json.base_resp.status_code).toBe(0);
    const urlRef = ((await image({ response_format: 'url' })).json.data as { image_urls: string[] }).image_urls[0];
    expect((await image({ subject_reference: [{ type: 'character', image_file: urlRef }] })).json.base_resp.status_code).toBe(0);
    for (const bad of [[{ type: 'character', image_url: ref }], [{ type: 'object', image_file: ref }], [{ type: 'character', image_file: ref }, { type: 'character', image_file: ref }], [{ type: 'character', image_file: await dataUrl(300, 300, 'webp') }]]) {
      expect((await image({ subject_reference: bad })).json.base_resp.status_code).toBe(2013);
    }
  });

  it('§9.15 image URLs download without auth and expire after 24 h (403 XML AccessDenied)', async () => {
    const url = ((await image({})).json.data as { image_urls: string[] }).image_urls[0] as string;
    expect(url).toMatch(/\/dl\/[0-9a-f]+\/image_0_aigc\.jpeg\?Expires=\d+$/);
    expect((await fetch(url)).status).toBe(200);
    t += 86_400_001;
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('§9.16 BLOCKED → 1026 and no data', async () => {
    expect((await image({ prompt: 'a BLOCKED thing' })).json).toMatchObject({ data: null, base_resp: { status_code: 1026 } });
  });

  it('wrong types and bad JSON → 2013; a GET on a POST route is 405', async () => {
    expect((await image({ n: '2' })).json.base_resp.status_code).toBe(2013);
    expect((await mmPost(sim, '/v1/image_generation', null, { raw: '{"model":' })).json.base_resp.status_code).toBe(2013);
    expect((await fetch(`${sim.url}/v1/image_generation`, { headers: { authorization: `Bearer ${MM}` } })).status).toBe(405);
    expect((await mmGet(sim, '/v1/query/video_generation?task_id=1')).json.base_resp.status_code).toBe(2013);
  });
});
