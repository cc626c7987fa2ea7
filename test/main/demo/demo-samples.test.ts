/**
 * Demo mode's sample library (issue 14.11) against the real simulator and a real library folder: what it makes and
 * how it is linked, that every request goes to the simulator with the demo key, that a second run adds nothing, that
 * a stopped run goes on where it stopped, and that a demo library that already had items is left alone.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLibraryAdapters } from '../../../src-main/adapters/library';
import { createXaiImagineClient, systemClock } from '../../../src-main/adapters/xai';
import { createDemoSamples, SAMPLE_EDITS, SAMPLE_IMAGES } from '../../../src-main/services/demo/demo-samples';
import { DEMO_API_KEY } from '../../../src-main/services/demo/demo-service';
import { createLibraryService } from '../../../src-main/services/library/library-service';
import { startSimulator, type Simulator } from '../../../src-main/simulator';

const silent = { info() {}, warn() {}, error() {} };
const IMAGES = SAMPLE_IMAGES.reduce((n, s) => n + s.n, 0) + SAMPLE_EDITS.length;

let sim: Simulator;
let dir: string;
let closeLibrary = () => {};

function setUp(opts: { demoOn?: () => boolean; afterIngest?: (n: number) => void } = {}) {
  const adapters = createLibraryAdapters(path.join(dir, 'demo-library'));
  const library = createLibraryService({ ...adapters, clock: systemClock, events: { emit() {} }, logger: silent });
  closeLibrary = () => adapters.store.close();
  const on = opts.demoOn ?? (() => true);
  let ingested = 0;
  const count = () => [false, true].reduce((n, trashed) => n + library.query({ filter: { trashed }, sort: 'newest', limit: 1 }).total, 0);
  const samples = createDemoSamples({
    simulatorUrl: () => (on() ? `${sim.url}/v1` : null),
    library: () => (on() ? { ingest: (input) => library.ingest(input).finally(() => opts.afterIngest?.(++ingested)), record: (id) => library.records([id])[0], read: (p) => adapters.files.read(p), count } : null),
    client: (baseUrl) => createXaiImagineClient({ baseUrl, getApiKey: () => Promise.resolve(DEMO_API_KEY), clock: systemClock, logger: silent }),
    progressFile: path.join(dir, 'demo-samples.json'),
    clock: systemClock,
    logger: silent,
    pollMs: 50,
  });
  const all = () => library.records(library.query({ filter: { trashed: false }, sort: 'newest', limit: 100 }).ids);
  return { samples, library, all, count };
}

beforeEach(async () => {
  sim = await startSimulator({ video: { fps: 2 } });
  dir = mkdtempSync(path.join(os.tmpdir(), 'demo-samples-'));
});
afterEach(async () => {
  closeLibrary();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo samples', () => {
  it('fill an empty demo library with simulator work: several ratios, an edit of an edit, an image → video and its extension', { timeout: 60_000 }, async () => {
    const { samples, library, all } = setUp();
    await samples.ensure();
    const items = all();
    expect(items.length).toBeGreaterThanOrEqual(12);
    expect(items.filter((r) => r.kind === 'image')).toHaveLength(IMAGES);
    expect(new Set(items.filter((r) => r.origin === 'generated' && r.kind === 'image').map((r) => r.aspectRatio)).size).toBeGreaterThanOrEqual(5);

    // The edit of the edit: lineage two deep, back to the lighthouse.
    const aurora = items.find((r) => r.editInstruction === 'add green northern lights in the sky');
    const winter = items.find((r) => r.editInstruction === 'make it a snowy winter night');
    expect(aurora?.origin).toBe('edited');
    expect(library.item(aurora!.id).parents).toEqual([expect.objectContaining({ kind: 'edited-from', record: expect.objectContaining({ id: winter!.id }) })]);
    expect(library.item(winter!.id).parents[0]?.record.prompt).toMatch(/lighthouse/);

    // The image → video of the fox, and the extension of that clip, longer than it.
    const videos = items.filter((r) => r.kind === 'video');
    expect(videos).toHaveLength(3);
    const animated = videos.find((v) => library.item(v.id).parents.some((p) => p.kind === 'animated-from'));
    const extended = videos.find((v) => library.item(v.id).parents.some((p) => p.kind === 'extended-from' && p.record.id === animated?.id));
    expect(animated && extended).toBeTruthy();
    expect(extended!.durationMs!).toBeGreaterThan(animated!.durationMs!);
    expect(videos.every((v) => v.thumb !== null && (v.width ?? 0) > 0)).toBe(true);

    // Every request went to the simulator with the demo key, through the endpoints real work uses.
    const paths = new Set(sim.requests.map((r) => r.path));
    expect([...paths]).toEqual(expect.arrayContaining(['/v1/images/generations', '/v1/images/edits', '/v1/videos/generations', '/v1/videos/extensions']));
    // (The simulator masks the key it logs: `Bearer xa***de`, the demo key's first and last two characters.)
    const masked = `Bearer ${DEMO_API_KEY.slice(0, 2)}***${DEMO_API_KEY.slice(-2)}`;
    expect(sim.requests.filter((r) => r.path.startsWith('/v1/')).every((r) => r.headers.authorization === masked)).toBe(true);

    // Entering demo mode again adds nothing (and asks the simulator nothing).
    const asked = sim.requests.length;
    await samples.ensure();
    expect(all()).toHaveLength(items.length);
    expect(sim.requests.length).toBe(asked);
  });

  it('a run stopped half-way goes on with the missing steps next time, without repeating the finished ones', { timeout: 60_000 }, async () => {
    let on = true;
    // Demo mode goes off after the second item is filed: the run stops at its next step.
    const { samples, all } = setUp({ demoOn: () => on, afterIngest: (n) => n === 2 && (on = false) });
    await samples.ensure();
    await samples.stop();
    const partial = all().length;
    expect(partial).toBeLessThan(12);
    const progress = JSON.parse(readFileSync(path.join(dir, 'demo-samples.json'), 'utf8')) as { steps: Record<string, string[]> };
    expect(Object.keys(progress.steps).length).toBeGreaterThan(0);

    on = true;
    await samples.ensure();
    const items = all();
    expect(items.length).toBeGreaterThanOrEqual(12);
    // No prompt twice among the generated images: nothing finished was made again.
    const prompts = items.filter((r) => r.origin === 'generated' && r.kind === 'image').map((r) => r.prompt);
    expect(prompts.length).toBe(SAMPLE_IMAGES.reduce((n, s) => n + s.n, 0));
  });

  it('leave a demo library that already had items as it is', async () => {
    const { samples, library, all } = setUp();
    const png = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#369' } }).png().toBuffer();
    await library.ingest({ bytes: png, kind: 'image', origin: 'imported', title: 'mine' });
    await samples.ensure();
    expect(all()).toHaveLength(1);
    expect(sim.requests).toHaveLength(0);
    expect(existsSync(path.join(dir, 'demo-samples.json'))).toBe(true);
  });

  it('ask nothing while demo mode is off', async () => {
    const { samples, all } = setUp({ demoOn: () => false });
    await samples.ensure();
    expect(all()).toHaveLength(0);
    expect(sim.requests).toHaveLength(0);
  });
});
