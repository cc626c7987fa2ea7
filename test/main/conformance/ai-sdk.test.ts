/** `@ai-sdk/xai` with `ai@7` pointed at the simulator: image generation, edits with files, and video with polling. */
import { createXai } from '@ai-sdk/xai';
import { APICallError, experimental_generateVideo as generateVideo, generateImage } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY, imageDataUri, sizeOf, startTestSimulator } from '../simulator/helpers';

let sim: Awaited<ReturnType<typeof startTestSimulator>>;
let xai: ReturnType<typeof createXai>;
beforeAll(async () => {
  sim = await startTestSimulator();
  xai = createXai({ apiKey: TEST_KEY, baseURL: sim.api });
});
afterAll(() => sim.close());

/** The default downloader refuses private hosts such as 127.0.0.1; the simulator is one, so fetch directly. */
const download = async ({ url }: { url: URL }) => {
  const res = await fetch(url);
  return { data: new Uint8Array(await res.arrayBuffer()), mediaType: res.headers.get('content-type') ?? undefined };
};

describe('@ai-sdk/xai against the simulator', () => {
  it('generateImage returns decoded images with the requested aspect ratio', async () => {
    const { images } = await generateImage({ model: xai.image('grok-imagine-image'), prompt: 'a red fox', n: 2, aspectRatio: '16:9' });
    expect(images).toHaveLength(2);
    expect(await sizeOf(images[0]!.uint8Array)).toEqual({ width: 1408, height: 768 });
    expect(sim.requests.at(-1)?.body).toMatchObject({ response_format: 'b64_json', n: 2, aspect_ratio: '16:9' });
  });

  it('generateImage with files goes to /images/edits with images in order', async () => {
    const a = await imageDataUri(64, 64, 'png', '#ff0000');
    const b = await imageDataUri(64, 64, 'png', '#00ff00');
    const { images } = await generateImage({ model: xai.image('grok-imagine-image'), prompt: { text: 'combine <IMAGE_0> and <IMAGE_1>', images: [a, b] } });
    expect(images).toHaveLength(1);
    const last = sim.requests.at(-1);
    expect(last?.path).toBe('/v1/images/edits');
    expect((last?.body as { images: { url: string }[] }).images.map((i) => i.url)).toEqual([a, b]);
  });

  it('a moderated image surfaces as the SDK content-policy error', async () => {
    await expect(generateImage({ model: xai.image('grok-imagine-image'), prompt: 'BLOCKED fox', maxRetries: 0 })).rejects.toThrow(/content policy/);
  });

  it('HTTP errors surface as APICallError with the status and the xAI {code,error} message', async () => {
    const err = await generateImage({ model: xai.image('grok-imagine-nope'), prompt: 'x', maxRetries: 0 }).catch((e: unknown) => e);
    expect(APICallError.isInstance(err)).toBe(true);
    expect((err as APICallError).statusCode).toBe(404);
    expect((err as Error).message).toContain('does not exist');
  });

  it('experimental_generateVideo polls 202s (empty body first) to a real MP4', async () => {
    const result = await generateVideo({
      model: xai.video('grok-imagine-video'),
      prompt: 'a paper boat',
      duration: 1,
      aspectRatio: '16:9',
      providerOptions: { xai: { pollIntervalMs: 10, resolution: '480p' } },
      poll: { intervalMs: 10 },
      download,
    });
    const bytes = result.videos[0]!.uint8Array;
    expect(Buffer.from(bytes.subarray(4, 8)).toString()).toBe('ftyp');
    const polls = sim.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/videos/'));
    expect(polls.length).toBeGreaterThanOrEqual(3);
  });

  it('a failed video surfaces the failure message', async () => {
    await expect(generateVideo({ model: xai.video('grok-imagine-video'), prompt: 'VIDEO_FAIL', duration: 1, providerOptions: { xai: { pollIntervalMs: 10 } }, poll: { intervalMs: 10 }, download, maxRetries: 0 })).rejects.toThrow(/failed/i);
  });
});
