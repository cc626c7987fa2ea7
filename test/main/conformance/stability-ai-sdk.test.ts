/**
 * A third-party client written from Stability's docs, `stability-ai` (npm; axios + form-data multipart), pointed at
 * the Stability simulator: its requests must be accepted as the real API accepts them and its parsers must read our
 * answers (JSON accept, base64 images, finish reasons, async results, v1 balance). The SDK hard-codes
 * https://api.stability.ai, so its own axios instance is given an interceptor that sends the same request to us.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import StabilityAIModule from 'stability-ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StabilitySimulator } from '../../../src-main/simulator/stability';
import { SK, leftHalfMask, meta, png, startStability } from '../simulator/stability-helpers';

type Axios = { interceptors: { request: { use(f: (c: { url?: string }) => { url?: string }): number; eject(id: number): void } } };
const sdkRequire = createRequire(createRequire(import.meta.url).resolve('stability-ai'));
const sdkAxios = sdkRequire('axios') as Axios;
// The package is CommonJS with `exports.default`.
const StabilityAI = ((StabilityAIModule as unknown as { default?: unknown }).default ?? StabilityAIModule) as new (key: string) => {
  v1: { user: { balance(): Promise<{ credits: number }> } };
  v2beta: { stableImage: {
    generate: { core(p: string, o?: object): Promise<Content>; ultra(p: string, o?: object): Promise<Content>; sd3(p: string, o?: object): Promise<Content> };
    edit: {
      erase(i: string, o?: object): Promise<Content>; inpaint(i: string, p: string, o?: object): Promise<Content>; outpaint(i: string, o: object): Promise<Content>;
      searchAndReplace(i: string, p: string, s: string, o?: object): Promise<Content>; removeBackground(i: string, o?: object): Promise<Content>;
    };
    upscale: { conservative(i: string, p: string, o?: object): Promise<Content>; startCreative(i: string, p: string, o?: object): Promise<{ id: string }> };
    results: { fetchAsyncGenerationResult(id: string): Promise<Content | { id: string; status: string }> };
  } };
};
interface Content { filepath: string; contentFiltered: boolean; seed?: number; outputFormat: string }

let sim: StabilitySimulator;
let interceptor: number;
let dir: string;
let tmpEnv: string | undefined;
const client = () => new StabilityAI(SK);
const file = async (name: string, bytes: Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};

beforeAll(async () => {
  sim = await startStability({ pendingPolls: 1 });
  dir = mkdtempSync(join(tmpdir(), 'stability-sdk-'));
  // The SDK writes every image it receives to os.tmpdir() and never removes them: for this test, that is `dir`.
  tmpEnv = process.env.TMPDIR;
  process.env.TMPDIR = join(dir, 'sdk-out');
  mkdirSync(process.env.TMPDIR);
  interceptor = sdkAxios.interceptors.request.use((config) => ({ ...config, url: config.url?.replace('https://api.stability.ai', sim.url) }));
});
afterAll(async () => {
  sdkAxios.interceptors.request.eject(interceptor);
  await sim.close();
  if (tmpEnv === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = tmpEnv;
  rmSync(dir, { recursive: true, force: true });
});

describe('stability-ai SDK against the simulator', () => {
  it('generates with Core, Ultra and SD3.5 (multipart, JSON accept) and reads image, seed and finish reason', async () => {
    const core = await client().v2beta.stableImage.generate.core('a lighthouse', { aspectRatio: '16:9', seed: 42 });
    expect(core).toMatchObject({ contentFiltered: false, seed: 42, outputFormat: 'png' });
    expect(await meta(readFileSync(core.filepath))).toMatchObject({ format: 'png', width: 1648, height: 944 });
    const ultra = await client().v2beta.stableImage.generate.ultra('a lighthouse', { outputFormat: 'webp' });
    expect((await meta(readFileSync(ultra.filepath))).format).toBe('webp');
    expect((await client().v2beta.stableImage.generate.sd3('a lighthouse')).contentFiltered).toBe(false);
    expect(sim.requests.at(-1)?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('runs erase, inpaint with a mask, outpaint, search-and-replace, remove background and conservative upscale', async () => {
    const image = await file('src.png', await png(256, 256));
    const mask = await file('mask.png', await leftHalfMask(256, 256));
    const edit = client().v2beta.stableImage.edit;
    expect(await meta(readFileSync((await edit.erase(image, { mask })).filepath))).toMatchObject({ width: 256, height: 256 });
    expect(await meta(readFileSync((await edit.inpaint(image, 'a garden', { mask })).filepath))).toMatchObject({ width: 256, height: 256 });
    expect(await meta(readFileSync((await edit.outpaint(image, { left: 64, down: 32 })).filepath))).toMatchObject({ width: 320, height: 288 });
    expect((await edit.searchAndReplace(image, 'a dog', 'a cat')).contentFiltered).toBe(false);
    expect(await meta(readFileSync((await edit.removeBackground(image)).filepath))).toMatchObject({ hasAlpha: true });
    const up = await client().v2beta.stableImage.upscale.conservative(image, 'crisp');
    expect(await meta(readFileSync(up.filepath))).toMatchObject({ width: 2048, height: 2048 });
  });

  it('starts a creative upscale and collects it through results: in-progress, then the image', async () => {
    const image = await file('small.png', await png(128, 128));
    const { id } = await client().v2beta.stableImage.upscale.startCreative(image, 'restore');
    expect(id).toHaveLength(64);
    expect(await client().v2beta.stableImage.results.fetchAsyncGenerationResult(id)).toEqual({ id, status: 'in-progress' });
    const done = (await client().v2beta.stableImage.results.fetchAsyncGenerationResult(id)) as Content;
    expect(await meta(readFileSync(done.filepath))).toMatchObject({ format: 'png' });
  });

  it('reads CONTENT_FILTERED, the balance, and surfaces 400/401/403 as its typed errors', async () => {
    expect((await client().v2beta.stableImage.generate.core('BLOCKED')).contentFiltered).toBe(true);
    expect((await client().v1.user.balance()).credits).toEqual(expect.any(Number));
    const bad = await client().v2beta.stableImage.generate.core('x', { aspectRatio: '4:3' }).catch((e: Error) => e);
    expect(bad).toMatchObject({ name: 'StabilityAIInvalidRequestError', message: expect.stringContaining('aspect_ratio: ') });
    const unauthorized = await new StabilityAI('sk-invalid-0000').v2beta.stableImage.generate.core('x').catch((e: Error) => e);
    expect((unauthorized as Error).name).toBe('StabilityAIUnauthorizedError');
    const flagged = await client().v2beta.stableImage.generate.core('FLAGGED').catch((e: Error) => e);
    expect((flagged as Error).name).toBe('StabilityAIContentModerationError');
  });
});
