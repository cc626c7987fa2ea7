/** §13 behaviours 43–62 and 65 against the simulator over raw fetch: async video start, polls, edits, extensions. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, imageDataUri, pollVideo, post, startTestSimulator } from './helpers';

let sim: Awaited<ReturnType<typeof startTestSimulator>>;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

const start = async (body: object, path = '/videos/generations') => post(sim, path, { prompt: 'a paper boat', duration: 1, ...body });
const startId = async (body: object, path?: string) => {
  const res = await start(body, path);
  expect(res.status).toBe(200);
  return (await res.json()).request_id as string;
};

describe('simulator: video generation', () => {
  it('§13.43 POST returns 200 {request_id} at once, never the video', async () => {
    const res = await start({});
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body)).toEqual(['request_id']);
  });

  it('§13.44 duration outside 1–15 is 400; "8" and seconds are accepted', async () => {
    expect((await start({ duration: 16 })).status).toBe(400);
    expect((await start({ duration: 0 })).status).toBe(400);
    expect((await start({ duration: '2' })).status).toBe(200);
    const { duration: _omit, ...noDuration } = { duration: 1 };
    expect((await post(sim, '/videos/generations', { prompt: 'x', seconds: 2, ...noDuration })).status).toBe(200);
  });

  it('§13.45 defaults: 8 s, 16:9, 480p; done reports the effective duration', async () => {
    const id = (await (await post(sim, '/videos/generations', { prompt: 'defaults' })).json()).request_id;
    const { json } = await pollVideo(sim, id);
    expect(json.video.duration).toBe(8);
    expect(sim.state.videos.get(id)).toMatchObject({ width: 848, height: 480 });
  });

  it('§13.46 1080p is 400 on grok-imagine-video, accepted on 1.5, 400 on R2V', async () => {
    expect((await start({ resolution: '1080p' })).status).toBe(400);
    expect((await start({ resolution: '1080p', model: 'grok-imagine-video-1.5' })).status).toBe(200);
    const ref = await imageDataUri(16, 16);
    expect((await start({ resolution: '1080p', model: 'grok-imagine-video-1.5', reference_images: [{ url: ref }] })).status).toBe(400);
  });

  it('updates #88: 21:9 and 5:2 are video ratios now; a ratio outside the 9 values is 422', async () => {
    expect((await start({ aspect_ratio: '21:9' })).status).toBe(200);
    expect((await start({ aspect_ratio: '5:2' })).status).toBe(200);
    expect((await start({ aspect_ratio: '5:4' })).status).toBe(422);
  });

  it('§13.48 I2V takes the image shape, ignores aspect_ratio and needs no prompt', async () => {
    const id = await startId({ prompt: undefined, image: { url: await imageDataUri(90, 160) }, aspect_ratio: '16:9' });
    expect(sim.state.videos.get(id)).toMatchObject({ width: 480, height: 854 });
    expect((await pollVideo(sim, id)).json.status).toBe('done');
  });

  it('§13.49 R2V takes 1–7 references; an unknown voice_id is 400 listing voices', async () => {
    const ref = { url: await imageDataUri(16, 16) };
    expect((await start({ reference_images: [ref] })).status).toBe(200);
    expect((await start({ reference_images: Array.from({ length: 8 }, () => ref) })).status).toBe(400);
    expect((await start({ reference_images: [] })).status).toBe(400);
    const res = await start({ reference_images: [ref], reference_audios: [{ voice_id: 'nobody' }] });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/Available voices: ara, eve/);
  });

  it('§13.50 last_frame/keyframes only on 1.5; keyframe timestamps must be inside the clip', async () => {
    const img = { url: await imageDataUri(16, 16) };
    expect((await start({ last_frame: img })).status).toBe(400);
    expect((await start({ last_frame: img, model: 'grok-imagine-video-1.5' })).status).toBe(200);
    expect((await start({ model: 'grok-imagine-video-1.5', duration: 4, keyframes: [{ image: img, timestamp_s: 4 }] })).status).toBe(400);
    expect((await start({ model: 'grok-imagine-video-1.5', duration: 4, keyframes: Array.from({ length: 5 }, () => ({ image: img, timestamp_s: 1 })) })).status).toBe(400);
  });

  it('§13.51 polls return 202 with an empty body first, then pending with rising progress', async () => {
    const id = await startId({});
    const { statuses, bodies } = await pollVideo(sim, id);
    expect(statuses[0]).toBe(202);
    expect(bodies[0]).toBe('');
    const progress = bodies.slice(1, -1).map((b) => JSON.parse(b)).map((b) => { expect(b.status).toBe('pending'); return b.progress as number; });
    expect(progress.length).toBeGreaterThan(0);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(statuses.at(-1)).toBe(200);
  });

  it('§13.52 done: status, progress 100, model, video{url,duration,respect_moderation}, usage', async () => {
    const { json } = await pollVideo(sim, await startId({ duration: 2, resolution: '720p' }));
    expect(json).toMatchObject({ status: 'done', progress: 100, model: 'grok-imagine-video', video: { duration: 2, respect_moderation: true }, usage: { cost_in_usd_ticks: 2 * 700_000_000 } });
  });

  it('§13.53 failed: 200 {status:"failed", error{code,message}} without model or video', async () => {
    const { final, json } = await pollVideo(sim, await startId({ prompt: 'VIDEO_FAIL boat' }));
    expect(final.status).toBe(200);
    expect(json).toEqual({ status: 'failed', error: { code: 'internal_error', message: expect.any(String) } });
  });

  it('§13.54 an empty prompt passes validation and fails asynchronously', async () => {
    const { json } = await pollVideo(sim, await startId({ prompt: '' }));
    expect(json.error).toEqual({ code: 'invalid_argument', message: 'Prompt cannot be empty. Please provide a prompt.' });
  });

  it('§13.55 an expired result answers {status:"expired"} (or 404 when configured)', async () => {
    expect((await pollVideo(sim, await startId({ prompt: 'VIDEO_EXPIRE boat' }))).json).toEqual({ status: 'expired' });
    sim.config.video.expiredAs = '404';
    expect((await pollVideo(sim, await startId({ prompt: 'VIDEO_EXPIRE boat' }))).final.status).toBe(404);
    sim.config.video.expiredAs = 'status';
  });

  it('§13.56 an unknown id is 404', async () => {
    expect((await get(sim, '/videos/unknown-id')).status).toBe(404);
  });

  it('§13.57 a moderated video is done with respect_moderation:false and an empty url', async () => {
    const { json } = await pollVideo(sim, await startId({ prompt: 'BLOCKED boat' }));
    expect(json.video).toMatchObject({ url: '', respect_moderation: false });
  });

  it('§13.58 the video URL serves a real H.264 MP4 as video/mp4, with Range support', async () => {
    const { json } = await pollVideo(sim, await startId({}));
    const res = await fetch(json.video.url);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(4, 8)).toString()).toBe('ftyp');
    const part = await fetch(json.video.url, { headers: { range: 'bytes=0-99' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-99/${bytes.length}`);
  });

  it('§13.65 aliases are accepted and the poll reports the canonical model', async () => {
    const { json } = await pollVideo(sim, await startId({ model: 'grok-imagine-video-1.5-preview' }));
    expect(json.model).toBe('grok-imagine-video-1.5');
  });
});

describe('simulator: video edits and extensions', () => {
  it('§13.59 edits need prompt and video (422); output keeps duration, capped at 720p', async () => {
    expect((await post(sim, '/videos/edits', { prompt: 'x' })).status).toBe(422);
    expect((await post(sim, '/videos/edits', { video: { url: 'https://e.com/a.mp4' } })).status).toBe(422);
    const src = await pollVideo(sim, await startId({ duration: 2, resolution: '720p', model: 'grok-imagine-video-1.5' }));
    const id = await startId({ prompt: 'make it snow', video: { url: src.json.video.url } }, '/videos/edits');
    const { json } = await pollVideo(sim, id);
    expect(json.video.duration).toBe(2);
    expect(sim.state.videos.get(id)).toMatchObject({ width: 1280, height: 720 });
  });

  it('§13.59 an edit input longer than 8.7 s fails asynchronously', async () => {
    const src = await pollVideo(sim, await startId({ duration: 9 }));
    const { json } = await pollVideo(sim, await startId({ prompt: 'x', video: { url: src.json.video.url } }, '/videos/edits'));
    expect(json.status).toBe('failed');
  });

  it('§13.60 extensions: duration 2–10 (default 6), output = input + extension', async () => {
    const src = await pollVideo(sim, await startId({ duration: 3 }));
    const video = { url: src.json.video.url };
    expect((await post(sim, '/videos/extensions', { prompt: 'x', video, duration: 1 })).status).toBe(400);
    expect((await post(sim, '/videos/extensions', { prompt: 'x', video, duration: 11 })).status).toBe(400);
    const ext = await pollVideo(sim, await startId({ prompt: 'then it sails away', video, duration: 2 }, '/videos/extensions'));
    expect(ext.json.video.duration).toBe(5);
    const def = await pollVideo(sim, (await (await post(sim, '/videos/extensions', { prompt: 'x', video })).json()).request_id);
    expect(def.json.video.duration).toBe(9);
  });

  it('§13.60 extension input as a data:video/mp4 URI is probed for its duration', async () => {
    const src = await pollVideo(sim, await startId({ duration: 2 }));
    const bytes = Buffer.from(await (await fetch(src.json.video.url)).arrayBuffer());
    const id = await startId({ prompt: 'x', video: { url: `data:video/mp4;base64,${bytes.toString('base64')}` }, duration: 2 }, '/videos/extensions');
    expect((await pollVideo(sim, id)).json.video.duration).toBe(4);
  });

  it('§13.61 a VideoUrl must be .mp4 or data:video/mp4', async () => {
    expect((await post(sim, '/videos/edits', { prompt: 'x', video: { url: 'https://example.com/clip.mov' } })).status).toBe(400);
    expect((await post(sim, '/videos/edits', { prompt: 'x', video: { url: 'data:video/webm;base64,AAAA' } })).status).toBe(400);
  });

  it('§13.62 start endpoints fail synchronously for auth, model and rate limits', async () => {
    expect((await post(sim, '/videos/generations', { prompt: 'x' }, { key: null })).status).toBe(401);
    expect((await post(sim, '/videos/generations', { prompt: 'x' }, { key: 'xai-sim-no-credits' })).status).toBe(403);
    expect((await start({ model: 'grok-imagine-image' })).status).toBe(404);
    expect((await start({ prompt: 'RATE_LIMIT boat' })).status).toBe(429);
  });
});
