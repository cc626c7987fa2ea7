import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLibraryAdapters } from '../../../src-main/adapters/library';
import { createXaiImagineClient } from '../../../src-main/adapters/xai';
import { createSharpSourceNormalizer } from '../../../src-main/adapters/edit/sharp-source-normalizer';
import { createFsEditSourceStore } from '../../../src-main/adapters/edit/fs-edit-source-store';
import { AppErrorException } from '../../../src-main/core/app-error';
import { InMemoryEditSourceStore } from '../../../src-main/core/edit/in-memory-source-store';
import type { EditSourceStore } from '../../../src-main/core/edit/ports';
import type { Clock, Logger } from '../../../src-main/core/ports';
import { createEditService } from '../../../src-main/services/edit/edit-service';
import { InMemoryJobStore } from '../../../src-main/core/jobs/in-memory-job-store';
import { createSpendLedger } from '../../../src-main/services/ledger/spend';
import { createGenerationService } from '../../../src-main/services/generation/generation-service';
import type { ImagineApi } from '../../../src-main/core/xai';
import { createLibraryService } from '../../../src-main/services/library/library-service';
import { startSimulator, type Simulator } from '../../../src-main/simulator';
import { jpegOf, pngOf, solid } from './source-files';

const silent: Logger = { info() {}, warn() {}, error() {} };
const clock: Clock = { now: () => Date.now(), sleep: async () => {} };
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

let sim: Simulator;
let dir: string;
let close: () => void;

function open(
  sources: EditSourceStore,
  opts: { budgetCapUsd?: number | null; wrapApi?: (api: ImagineApi) => ImagineApi; timeoutMs?: () => number } = {},
) {
  const adapters = createLibraryAdapters(path.join(dir, 'library'));
  const events: { event: string; payload: unknown }[] = [];
  const sink = { emit: (event: string, payload: unknown) => void events.push({ event, payload }) };
  const library = createLibraryService({ ...adapters, clock, events: { emit() {} }, logger: silent });
  const raw = createXaiImagineClient({ baseUrl: `${sim.url}/v1`, getApiKey: async () => 'xai-test', clock, retry: { maxAttempts: 1 } });
  const api = opts.wrapApi ? opts.wrapApi(raw) : raw;
  const settings = { budgetCapUsd: opts.budgetCapUsd ?? null };
  const jobs = new InMemoryJobStore();
  const spend = createSpendLedger({ store: jobs, clock, events: sink, budgetCapUsd: () => settings.budgetCapUsd });
  const service = createEditService({
    api, normalizer: createSharpSourceNormalizer(), sources, clock, logger: silent, spend,
    library: { ingest: library.ingest, item: library.item, read: (r) => adapters.files.read(r.file) },
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
  });
  close = () => adapters.store.close();
  return { service, library, spend, jobs, events, settings, api };
}

beforeEach(async () => {
  sim = await startSimulator();
  dir = mkdtempSync(path.join(os.tmpdir(), 'edit-svc-'));
});
afterEach(async () => {
  close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppErrorException) return err.appError;
    throw err;
  }
  throw new Error('expected a failure');
};

describe('edit service', () => {
  it('prepares a dropped file into the temp area with a thumbnail', async () => {
    const { service } = open(createFsEditSourceStore(path.join(dir, 'edit-sources')));
    const view = await service.prepare({ bytesBase64: b64(await pngOf(64, 48)), name: 'cat.png' });
    expect(view).toMatchObject({ name: 'cat.png', width: 64, height: 48, mime: 'image/png', libraryItemId: null, notices: [] });
    expect(view.thumbDataUrl).toMatch(/^data:image\/webp;base64,/);
  });

  it('refuses a bad file as a validation error that names the file and the reason', async () => {
    const { service } = open(new InMemoryEditSourceStore());
    const err = await errorOf(service.prepare({ bytesBase64: '', name: 'empty.png' }));
    expect(err).toMatchObject({ kind: 'validation', message: 'empty.png: The file is empty (0 bytes).' });
  });

  it('sends one source as `image`, imports it, and links every result to it', async () => {
    const { service, library } = open(createFsEditSourceStore(path.join(dir, 'edit-sources')));
    const src = await service.prepare({ bytesBase64: b64(await jpegOf(300, 200)), name: 'a.jpg' });
    const out = await service.submit({ sources: [{ id: src.id, rotate: 0, crop: null }], prompt: 'Make it winter', model: 'grok-imagine-image', n: 2, resolution: '1k' });
    expect(out.results).toHaveLength(2);
    const body = sim.requests.at(-1)?.body as Record<string, unknown>;
    expect(body.image).toBeDefined();
    expect(body.images).toBeUndefined();
    expect(body.aspect_ratio).toBeUndefined();
    const [sourceId] = out.sourceItemIds;
    expect(library.item(sourceId ?? '').record.origin).toBe('imported');
    for (const r of out.results) {
      const detail = library.item(r.itemId);
      expect(detail.record).toMatchObject({ origin: 'edited', editInstruction: 'Make it winter', model: 'grok-imagine-image' });
      expect(detail.parents.map((p) => [p.kind, p.record.id])).toEqual([['edited-from', sourceId]]);
    }
    // A second edit of the same prepared source does not import it again.
    const again = await service.submit({ sources: [{ id: src.id, rotate: 0, crop: null }], prompt: 'Now spring', model: 'grok-imagine-image', n: 1, resolution: '1k' });
    expect(again.sourceItemIds).toEqual(out.sourceItemIds);
  });

  it('sends three sources as `images` in display order, with the aspect ratio, and links to all three', async () => {
    const { service, library } = open(new InMemoryEditSourceStore());
    const colors = ['#f00', '#0f0', '#00f'];
    const prepared = [];
    for (const c of colors) prepared.push(await service.prepare({ bytesBase64: b64(await solid(40, 40, c).png().toBuffer()), name: c }));
    const order = [prepared[2], prepared[0], prepared[1]].map((p) => ({ id: p?.id ?? '', rotate: 0 as const, crop: null }));
    const out = await service.submit({ sources: order, prompt: '<IMAGE_0> meets <IMAGE_1> and <IMAGE_2>', model: 'grok-imagine-image', n: 1, resolution: '1k', aspectRatio: '16:9' });
    const body = sim.requests.at(-1)?.body as { images: { url: string }[]; aspect_ratio: string };
    expect(body.aspect_ratio).toBe('16:9');
    const sent = body.images.map((i) => i.url);
    const expected = [prepared[2], prepared[0], prepared[1]].map(() => expect.stringMatching(/^data:image\/png;base64,/) as unknown);
    expect(sent).toEqual(expected);
    // Same order as displayed: the blue source's bytes go first.
    const blue = Buffer.from((sent[0] ?? '').split(',')[1] ?? '', 'base64');
    expect(blue.equals(await solid(40, 40, '#00f').png().toBuffer())).toBe(true);
    const parents = library.item(out.results[0]?.itemId ?? '').parents.map((p) => p.record.id).sort();
    expect(parents).toEqual([...out.sourceItemIds].sort());
    expect(out.sourceItemIds).toHaveLength(3);
  });

  it('2.0 edits five sources with an explicit quality (Auto goes out as medium) and records who served (issue 15.3–15.5)', async () => {
    const { service, library } = open(new InMemoryEditSourceStore());
    const prepared = [];
    for (const c of ['#f00', '#0f0', '#00f', '#ff0', '#0ff']) prepared.push(await service.prepare({ bytesBase64: b64(await solid(40, 40, c).png().toBuffer()), name: c }));
    const sources = prepared.map((p) => ({ id: p.id, rotate: 0 as const, crop: null }));
    expect(service.estimate({ sourceCount: 5, model: 'grok-imagine-image-2.0', n: 1, resolution: '1k', quality: 'auto' }))
      .toMatchObject({ quality: 'medium', outputTicks: 600_000_000, inputTicks: 500_000_000 });
    const out = await service.submit({ sources, prompt: 'all five in one room', model: 'grok-imagine-image-2.0', n: 1, resolution: '1k', quality: 'auto' });
    const body = sim.requests.at(-1)?.body as { images: unknown[]; quality: string; model: string };
    expect([body.model, body.quality, body.images.length]).toEqual(['grok-imagine-image-2.0', 'medium', 5]);
    expect(library.item(out.results[0]?.itemId ?? '').record).toMatchObject({
      servedModel: 'grok-imagine-image-2.0', servedQuality: 'medium', billedTicks: 1_100_000_000,
    });
    // 1.0 takes three: four are refused before anything is sent, saying how many to remove.
    const before = sim.requests.length;
    expect(await errorOf(service.submit({ sources: sources.slice(0, 4), prompt: 'x', model: 'grok-imagine-image', n: 1, resolution: '1k' })))
      .toMatchObject({ kind: 'validation', issues: [{ path: 'sources', message: expect.stringMatching(/at most 3 images at once; remove 1/) }] });
    expect(sim.requests.length).toBe(before);
  });

  it('an edit naming -pro goes out as 2.0 at low and answers the retirement notice (issue 15.2)', async () => {
    const { service } = open(new InMemoryEditSourceStore());
    const src = await service.prepare({ bytesBase64: b64(await pngOf()) });
    const out = await service.submit({ sources: [{ id: src.id, rotate: 0, crop: null }], prompt: 'snow', model: 'grok-imagine-image-pro', n: 1, resolution: '1k', quality: 'medium' });
    expect(sim.requests.at(-1)?.body).toMatchObject({ model: 'grok-imagine-image-2.0', quality: 'low' });
    expect(out.notice).toBe('grok-imagine-image-pro was retired by xAI on 2 Nov 2026; using grok-imagine-image-2.0 at Low quality.');
  });

  it('uses a library item as a source without importing it again, and applies rotation before sending', async () => {
    const { service, library } = open(new InMemoryEditSourceStore());
    const record = await library.ingest({ bytes: await pngOf(80, 40), kind: 'image', origin: 'generated', prompt: 'a red barn' });
    const src = await service.prepare({ itemId: record.id });
    expect(src).toMatchObject({ libraryItemId: record.id, name: 'a red barn', width: 80, height: 40 });
    const out = await service.submit({ sources: [{ id: src.id, rotate: 90, crop: null }], prompt: 'paint it', model: 'grok-imagine-image', n: 1, resolution: '1k' });
    expect(out.sourceItemIds).toEqual([record.id]);
    const sent = (sim.requests.at(-1)?.body as { image: { url: string } }).image.url;
    const sharp = (await import('sharp')).default;
    expect(await sharp(Buffer.from(sent.split(',')[1] ?? '', 'base64')).metadata()).toMatchObject({ width: 40, height: 80 });
  });

  it('refuses a model that cannot edit and a source that is gone', async () => {
    const { service } = open(new InMemoryEditSourceStore());
    const src = await service.prepare({ bytesBase64: b64(await pngOf()) });
    expect(await errorOf(service.submit({ sources: [{ id: src.id, rotate: 0, crop: null }], prompt: 'x', model: 'grok-imagine-video', n: 1, resolution: '1k' })))
      .toMatchObject({ kind: 'validation' });
    expect(await errorOf(service.submit({ sources: [{ id: 'f'.repeat(32), rotate: 0, crop: null }], prompt: 'x', model: 'grok-imagine-image', n: 1, resolution: '1k' })))
      .toMatchObject({ kind: 'not-found' });
  });

  it('waits out a rate limit (429) and sends again', async () => {
    const { service } = open(new InMemoryEditSourceStore());
    const src = await service.prepare({ bytesBase64: b64(await pngOf()) });
    sim.injectFault({ fault: { type: 'rate-limit', retryAfter: '0' }, path: '/v1/images/edits', times: 2 });
    const out = await service.submit({ sources: [{ id: src.id, rotate: 0, crop: null }], prompt: 'x', model: 'grok-imagine-image', n: 1, resolution: '1k' });
    expect(out.results).toHaveLength(1);
    expect(sim.requests.filter((r) => r.path === '/v1/images/edits')).toHaveLength(3);
  });

  it('sends with the request timeout from settings, read at each submit, as image batches do', async () => {
    const seen: (number | undefined)[] = [];
    let timeoutSec = 45;
    const { service } = open(new InMemoryEditSourceStore(), {
      timeoutMs: () => timeoutSec * 1000,
      wrapApi: (api) => ({ ...api, editImages: (req, o) => {
        seen.push(o?.timeoutMs);
        return api.editImages(req, o);
      } }),
    });
    const src = await service.prepare({ bytesBase64: b64(await pngOf()) });
    const input = { sources: [{ id: src.id, rotate: 0 as const, crop: null }], prompt: 'x', model: 'grok-imagine-image', n: 1, resolution: '1k' as const };
    await service.submit(input);
    timeoutSec = 120;
    await service.submit(input);
    expect(seen).toEqual([45_000, 120_000]);
  });

  it('a slow edit past the timeout fails as a timeout', async () => {
    const { service } = open(new InMemoryEditSourceStore(), { timeoutMs: () => 50 });
    const src = await service.prepare({ bytesBase64: b64(await pngOf()) });
    sim.injectFault({ fault: { type: 'hang' }, path: '/v1/images/edits', times: 1 });
    const err = await errorOf(service.submit({ sources: [{ id: src.id, rotate: 0, crop: null }], prompt: 'x', model: 'grok-imagine-image', n: 1, resolution: '1k' }));
    expect(err.kind).toBe('timeout');
  });

  it('estimates outputs plus the model\'s charge per source image', () => {
    const { service } = open(new InMemoryEditSourceStore());
    expect(service.estimate({ sourceCount: 3, model: 'grok-imagine-image', n: 2, resolution: '1k' })).toEqual({
      ticks: 2 * 200_000_000 + 3 * 20_000_000, outputTicks: 400_000_000, inputTicks: 60_000_000, source: 'table',
      budgetCapUsd: null, committedTicks: 0, exceedsBudget: false,
    });
    // 2.0 edits are served at medium when no quality is chosen (updates §6 #73): $0.06 + $0.01 per source.
    expect(service.estimate({ sourceCount: 5, model: 'grok-imagine-image-2.0', n: 1, resolution: '1k' })).toMatchObject({
      ticks: 600_000_000 + 5 * 100_000_000, inputTicks: 500_000_000,
    });
  });
});

describe('edits pay through the shared ledger and budget', () => {
  const one = (id: string) => ({ sources: [{ id, rotate: 0 as const, crop: null }], prompt: 'x', model: 'grok-imagine-image', n: 2, resolution: '1k' as const });
  // Two outputs at $0.02 and one input image at $0.002.
  const EDIT_TICKS = 2 * 200_000_000 + 20_000_000;

  it('records the reported cost as an edit in the session / day / all-time ledger and tells the renderer', async () => {
    const { service, spend, jobs, events } = open(new InMemoryEditSourceStore());
    const src = await service.prepare({ bytesBase64: b64(await pngOf()) });
    const out = await service.submit(one(src.id));
    expect(out.costTicks).toBe(EDIT_TICKS);
    expect(spend.ledger()).toMatchObject({ sessionTicks: EDIT_TICKS, dayTicks: EDIT_TICKS, totalTicks: EDIT_TICKS });
    expect(jobs.spentSince(0)).toBe(EDIT_TICKS);
    expect(events.filter((e) => e.event === 'ledger:changed').at(-1)?.payload).toMatchObject({ sessionTicks: EDIT_TICKS });
  });

  it('refuses an edit over the budget cap with its estimate, before sending anything', async () => {
    const { service } = open(new InMemoryEditSourceStore(), { budgetCapUsd: 0.04 });
    const src = await service.prepare({ bytesBase64: b64(await pngOf()) });
    expect(service.estimate({ sourceCount: 1, model: 'grok-imagine-image', n: 2, resolution: '1k' })).toMatchObject({
      ticks: EDIT_TICKS, budgetCapUsd: 0.04, committedTicks: 0, exceedsBudget: true,
    });
    const err = await errorOf(service.submit(one(src.id)));
    expect(err).toMatchObject({ kind: 'validation', issues: [{ path: 'budget' }] });
    expect(err.message).toBe('This edit would cost about $0.04. With $0.00 already spent or queued this session, that is over your budget cap of $0.04.');
    expect(sim.requests.filter((r) => r.path === '/v1/images/edits')).toHaveLength(0);
  });

  it('counts an edit in flight as committed, then replaces it by the reported cost', async () => {
    let during = -1;
    const ctx = open(new InMemoryEditSourceStore(), {
      wrapApi: (api) => ({ ...api, editImages: async (req, o) => {
        during = ctx.spend.check(0).committedTicks;
        return api.editImages(req, o);
      } }),
    });
    const src = await ctx.service.prepare({ bytesBase64: b64(await pngOf()) });
    await ctx.service.submit(one(src.id));
    expect(during).toBe(EDIT_TICKS);
    expect(ctx.spend.check(0).committedTicks).toBe(EDIT_TICKS);
  });

  it('one budget: what edits spent counts against an image batch, and queued images count against an edit', async () => {
    const ctx = open(new InMemoryEditSourceStore(), { budgetCapUsd: 0.05 });
    const generation = createGenerationService({
      api: ctx.api, store: ctx.jobs, library: ctx.library, clock, events: { emit() {} }, logger: silent, spend: ctx.spend,
      settings: () => ({ concurrency: 1, budgetCapUsd: ctx.settings.budgetCapUsd, requestTimeoutSec: 30 }),
    });
    const src = await ctx.service.prepare({ bytesBase64: b64(await pngOf()) });
    await ctx.service.submit(one(src.id));
    const batch = { prompts: ['a fox'], n: 1, model: 'grok-imagine-image', aspectRatio: '1:1' as const, resolution: '1k' as const };
    expect(generation.estimate(batch)).toMatchObject({ committedTicks: EDIT_TICKS, exceedsBudget: true });
    expect(generation.list().ledger.sessionTicks).toBe(EDIT_TICKS);
    ctx.settings.budgetCapUsd = 0.1;
    generation.submit({ ...batch, n: 2 });
    // Queued or running images (2 × $0.02) are committed for the edit's check too.
    expect(ctx.service.estimate({ sourceCount: 1, model: 'grok-imagine-image', n: 2, resolution: '1k' })).toMatchObject({
      committedTicks: EDIT_TICKS + 2 * 200_000_000, exceedsBudget: true,
    });
    await generation.idle();
    expect(generation.list().ledger.sessionTicks).toBe(EDIT_TICKS + 2 * 200_000_000);
    await generation.dispose();
  });
});
