/**
 * The simulator follows the capability table for xAI's December changes (xai-imagine-api-updates.md §6 #69–79,
 * #89–92): retired slugs served as 2.0 at low with `model` naming the server, quality rules and what auto bills,
 * ratios per model, 1.5-lite's refusals, edit/extend on grok-imagine-video only, and `model` on every answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageDataUri, pollVideo, post, startTestSimulator } from './helpers';

let sim: Awaited<ReturnType<typeof startTestSimulator>>;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

const CENT = 100_000_000;
const gen = (body: object) => post(sim, '/images/generations', { prompt: 'a harbour', ...body });
const edit = (body: object) => post(sim, '/images/edits', { prompt: 'make it winter', ...body });
const video = (body: object, path = '/videos/generations') => post(sim, path, { prompt: 'a paper boat', duration: 1, ...body });

describe('simulator: December image rules', () => {
  it('#69/#70: -quality and -pro are served by 2.0 at low, billed at 2.0 low, and `model` names 2.0', async () => {
    for (const model of ['grok-imagine-image-quality', 'grok-imagine-image-pro']) {
      const one = await (await gen({ model, n: 2 })).json();
      expect(one).toMatchObject({ model: 'grok-imagine-image-2.0', usage: { cost_in_usd_ticks: 2 * 4 * CENT } });
      const two = await (await gen({ model, resolution: '2k', quality: 'medium' })).json();
      // The retirement fixes the quality at low (updates §2: "fixed at low").
      expect(two.usage.cost_in_usd_ticks).toBe(6 * CENT);
    }
  });

  it('#71: grok-imagine-image is not redirected: `model` names it and it bills $0.02', async () => {
    expect(await (await gen({ model: 'grok-imagine-image' })).json()).toMatchObject({ model: 'grok-imagine-image', usage: { cost_in_usd_ticks: 2 * CENT } });
  });

  it('#72/#73: auto (or none) bills low for a generation and medium for an edit, plus the input charge', async () => {
    expect((await (await gen({ model: 'grok-imagine-image-2.0' })).json()).usage.cost_in_usd_ticks).toBe(4 * CENT);
    expect((await (await gen({ model: 'grok-imagine-image-2.0', quality: 'auto' })).json()).usage.cost_in_usd_ticks).toBe(4 * CENT);
    expect((await (await gen({ model: 'grok-imagine-image-2.0', quality: 'medium', resolution: '2k' })).json()).usage.cost_in_usd_ticks).toBe(8 * CENT);
    const uri = await imageDataUri(8, 8);
    const body = await (await edit({ model: 'grok-imagine-image-2.0', image: { url: uri } })).json();
    expect(body).toMatchObject({ model: 'grok-imagine-image-2.0', usage: { cost_in_usd_ticks: 6 * CENT + CENT } });
  });

  it('#78/#79: 21:9 and 5:2 on 2.0 render at their size; on 1.0 they are refused', async () => {
    const wide = await gen({ model: 'grok-imagine-image-2.0', aspect_ratio: '21:9' });
    expect(wide.status).toBe(200);
    const res = await gen({ model: 'grok-imagine-image', aspect_ratio: '5:2' });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/Aspect ratio 5:2 is not supported by grok-imagine-image/);
    const uri = await imageDataUri(8, 8);
    expect((await edit({ model: 'grok-imagine-image-2.0', aspect_ratio: '5:2', images: [{ url: uri }, { url: uri }] })).status).toBe(200);
  });

  it('a deferred answer carries `model` too', async () => {
    const { request_id } = await (await gen({ model: 'grok-imagine-image-quality', deferred: true, response_format: 'url' })).json();
    let done: { status?: string; model?: string } = {};
    for (let i = 0; i < 50 && done.status !== 'done'; i++) {
      const res = await fetch(`${sim.api}/images/${request_id}`, { headers: { authorization: 'Bearer xai-TEST-fake-key-0123456789abcdef' } });
      done = res.status === 200 ? await res.json() : {};
    }
    expect(done).toMatchObject({ status: 'done', model: 'grok-imagine-image-2.0' });
  });
});

describe('simulator: December video rules', () => {
  it('#89: 1.5-lite does text and image to video up to 1080p, refuses references and pinned frames, and names itself', async () => {
    const img = { url: await imageDataUri(16, 16) };
    const ok = await video({ model: 'grok-imagine-video-1.5-lite', resolution: '1080p' });
    expect(ok.status).toBe(200);
    expect((await pollVideo(sim, (await ok.json()).request_id)).json.model).toBe('grok-imagine-video-1.5-lite');
    expect((await video({ model: 'grok-imagine-video-1.5-lite', image: img, prompt: undefined })).status).toBe(200);
    const refs = await video({ model: 'grok-imagine-video-1.5-lite', reference_images: [img] });
    expect(refs.status).toBe(400);
    expect((await refs.json()).error).toBe('`reference_images` is not supported for this model');
    expect((await video({ model: 'grok-imagine-video-1.5-lite', last_frame: img })).status).toBe(400);
  });

  it('#92: edits and extensions on 1.5 or 1.5-lite fail; grok-imagine-video does them', async () => {
    const src = await pollVideo(sim, (await (await video({ duration: 3 })).json()).request_id);
    const input = { video: { url: src.json.video.url } };
    for (const model of ['grok-imagine-video-1.5', 'grok-imagine-video-1.5-lite']) {
      expect((await post(sim, '/videos/edits', { prompt: 'snow', model, ...input })).status).toBeGreaterThanOrEqual(400);
      expect((await post(sim, '/videos/extensions', { prompt: 'then', model, duration: 2, ...input })).status).toBeGreaterThanOrEqual(400);
    }
    expect((await post(sim, '/videos/edits', { prompt: 'snow', model: 'grok-imagine-video', ...input })).status).toBe(200);
  });
});
