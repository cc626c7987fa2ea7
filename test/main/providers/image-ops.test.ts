/**
 * Stability's image operations as paid jobs of the shared pipeline (issue 18 §4), against the Stability simulator
 * through the whole app core: inpaint with a painted mask, remove background, upscale ×2, ×4 and creative (async,
 * started then polled), outpaint, each filed
 * with an `edited-from` link, provider, operation and seed, and its cost in the ledger once; a blurred (filtered)
 * result is refused as blocked; a result staged by a process killed before filing is filed at the next start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '@contract';
import { createAppCore, type AppCore } from '../../../src-main/app-core';
import { FsResultStaging } from '../../../src-main/adapters/jobs/fs-result-staging';
import { systemClock } from '../../../src-main/adapters/system-clock';
import { InMemorySecretStore } from '../../../src-main/core/secrets/secret-store';
import { startStabilitySimulator, type StabilitySimulator } from '../../../src-main/simulator/stability';

const silent = { info() {}, warn() {}, error() {} };
let sim: StabilitySimulator;
beforeAll(async () => {
  // Async results (creative upscale) ready at the first poll: the client sleeps 10 s between polls on the real clock.
  sim = await startStabilitySimulator({ pendingPolls: 0 });
});
afterAll(() => sim.close());

let dataDir: string;
let core: AppCore;
const call = <C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> =>
  (core.handlers[channel] as (i: unknown) => Promise<ChannelOutput<C>>)(input);

async function open() {
  core = await createAppCore({
    shell: 'browser-host', dataDir, version: '0.0.0', versions: {}, clock: systemClock, logger: silent, secrets: new InMemorySecretStore(),
    providerBaseUrls: { stability: sim.url }, events: { emit() {} },
  });
}

async function libraryImage(width = 512, height = 384): Promise<string> {
  const png = await sharp({ create: { width, height, channels: 3, background: '#3366aa' } }).png().toBuffer();
  const out = await call('library:import', { source: { kind: 'bytes', name: 'harbour.png', base64: png.toString('base64') } });
  return out.imported[0]!;
}

/** A mask as the edit stage paints it: black (keep) with a white (repaint) disc. */
async function mask(width: number, height: number): Promise<string> {
  const svg = `<svg width="${width}" height="${height}"><rect width="100%" height="100%" fill="black"/><circle cx="${width / 2}" cy="${height / 2}" r="${height / 4}" fill="white"/></svg>`;
  return (await sharp(Buffer.from(svg)).png().toBuffer()).toString('base64');
}

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'providers-image-ops-'));
  await open();
  await call('key:set', { provider: 'stability', key: 'sk-image-ops-test-key' });
});
afterEach(async () => {
  await core.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Stability image operations through the paid-work pipeline', () => {
  it('inpaints with a mask, removes a background and upscales ×2/×4, each with lineage, provider, operation and seed', async () => {
    const source = await libraryImage();
    const before = sim.requests.length;
    const inpaint = await call('edit:operation', { provider: 'stability', operation: 'inpaint', itemId: source, prompt: 'a red sailboat', maskBase64: await mask(512, 384) });
    const detail = await call('library:item', { id: inpaint.result.itemId });
    expect(detail.record).toMatchObject({ provider: 'stability', operation: 'inpaint', origin: 'edited', model: 'stability/edit/inpaint', costTicks: 500_000_000 });
    expect(detail.record.seed).toEqual(inpaint.seed);
    expect(typeof inpaint.seed).toBe('number');
    expect(detail.parents).toEqual([expect.objectContaining({ kind: 'edited-from', record: expect.objectContaining({ id: source }) })]);
    const sent = sim.requests.slice(before);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v2beta/stable-image/edit/inpaint']);
    expect(Object.keys(sent[0]!.fields)).toEqual(expect.arrayContaining(['image', 'mask', 'prompt']));

    const cutout = await call('edit:operation', { operation: 'remove-background', itemId: source });
    const cut = (await call('library:item', { id: cutout.result.itemId })).record;
    expect(cut).toMatchObject({ provider: 'stability', operation: 'remove-background', mime: 'image/png' });

    const x2 = await call('edit:operation', { operation: 'upscale', scale: 2, itemId: source });
    expect([x2.result.width, x2.result.height]).toEqual([1024, 768]);
    const x4 = await call('edit:operation', { operation: 'upscale', scale: 4, itemId: source });
    expect([x4.result.width, x4.result.height]).toEqual([2048, 1536]);

    const wider = await call('edit:operation', { operation: 'outpaint', itemId: source, outpaint: { left: 128, right: 128 } });
    expect([wider.result.width, wider.result.height]).toEqual([768, 384]);

    // Each job's list price is in the ledger once: 5 + 5 + 2 + 2 + 4 credits.
    const { ledger } = await call('jobs:list', {});
    expect(ledger.sessionTicks).toBe((5 + 5 + 2 + 2 + 4) * 100_000_000);
  });

  it('runs the creative upscale (started, then polled) with an estimate, the source\'s prompt or a neutral one, and lineage', async () => {
    const source = await libraryImage();
    const estimate = await call('edit:operation-estimate', { operation: 'upscale-creative' });
    expect(estimate).toMatchObject({ ticks: 6_000_000_000, priceText: '60 credits', exceedsBudget: false });
    const before = sim.requests.length;
    const out = await call('edit:operation', { operation: 'upscale-creative', itemId: source });
    const sent = sim.requests.slice(before);
    expect(sent.map((r) => `${r.method} ${r.path}`)[0]).toBe('POST /v2beta/stable-image/upscale/creative');
    expect(sent.some((r) => r.method === 'GET' && r.path.startsWith('/v2beta/results/'))).toBe(true);
    // An import has no prompt, and Stability requires one: a neutral request for detail is sent.
    expect(sent[0]!.fields.prompt).toMatch(/high-resolution/);
    const detail = await call('library:item', { id: out.result.itemId });
    expect(detail.record).toMatchObject({ provider: 'stability', operation: 'upscale-creative', origin: 'edited', costTicks: 6_000_000_000 });
    expect((out.result.width ?? 0) * (out.result.height ?? 0)).toBeGreaterThan(512 * 384);
    expect(detail.parents).toEqual([expect.objectContaining({ kind: 'edited-from', record: expect.objectContaining({ id: source }) })]);
  });

  it('refuses a blurred (content-filtered) result as blocked, and an operation without its mask before sending', async () => {
    const source = await libraryImage();
    await expect(call('edit:operation', { operation: 'inpaint', itemId: source, prompt: 'BLOCKED boat', maskBase64: await mask(512, 384) }))
      .rejects.toMatchObject({ appError: { kind: 'moderated' } });
    const before = sim.requests.length;
    await expect(call('edit:operation', { operation: 'erase', itemId: source })).rejects.toMatchObject({ appError: { kind: 'validation' } });
    expect(sim.requests.length).toBe(before);
    expect((await call('edit:operation-estimate', { operation: 'upscale', scale: 2 })).ticks).toBe(200_000_000);
  });

  it('files a result staged by a process killed before filing it, once, with its lineage and provider', async () => {
    const source = await libraryImage();
    await core.dispose();
    const bytes = await sharp({ create: { width: 1024, height: 768, channels: 3, background: '#884422' } }).png().toBuffer();
    await new FsResultStaging(path.join(dataDir, 'staging')).put({
      meta: {
        jobId: 'f'.repeat(32), attempt: 1, requestId: 'req-staged', costTicks: 200_000_000, share: 200_000_000, prompt: '', model: 'stability/upscale/fast',
        params: { provider: 'stability', operation: 'upscale-fast', scale: 2 }, aspectRatio: null, slots: ['image'], stagedAt: Date.now(), kind: 'edit',
        provider: 'stability', operation: 'upscale-fast', seed: 42, edit: { instruction: 'Upscale (fast)', parents: [source], revisedPrompts: [null] },
      },
      images: [{ index: 0, bytes: new Uint8Array(bytes), mime: 'image/png' }],
    });
    await open();
    const { ids } = await call('library:query', { filter: { trashed: false, provider: 'stability' }, sort: 'newest', limit: 10 });
    expect(ids).toHaveLength(1);
    const detail = await call('library:item', { id: ids[0]! });
    expect(detail.record).toMatchObject({ operation: 'upscale-fast', seed: 42, requestId: 'req-staged' });
    expect(detail.parents.map((p) => p.record.id)).toEqual([source]);
    expect((await call('jobs:list', {})).ledger.totalTicks).toBe(200_000_000);
  });
});
