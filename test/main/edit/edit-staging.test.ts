/**
 * Paid edit results are written to disk before anything else: staged the moment the answer arrives (the same staging
 * area and recovery as the image queue), then filed with their `edited-from` links. A process killed in between, or
 * a full disk, leaves them staged, and the next start files them with their lineage and records their cost once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LibraryRecord } from '@contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLibraryAdapters } from '../../../src-main/adapters/library';
import { createSharpSourceNormalizer } from '../../../src-main/adapters/edit/sharp-source-normalizer';
import { createXaiImagineClient } from '../../../src-main/adapters/xai';
import { AppErrorException } from '../../../src-main/core/app-error';
import { InMemoryEditSourceStore } from '../../../src-main/core/edit/in-memory-source-store';
import { InMemoryJobStore } from '../../../src-main/core/jobs/in-memory-job-store';
import { InMemoryResultStaging, type StagedMeta } from '../../../src-main/core/jobs/result-staging';
import type { Clock, Logger } from '../../../src-main/core/ports';
import type { ImagineApi } from '../../../src-main/core/xai';
import { createEditService } from '../../../src-main/services/edit/edit-service';
import { createGenerationService } from '../../../src-main/services/generation/generation-service';
import { createSpendLedger } from '../../../src-main/services/ledger/spend';
import type { IngestInput } from '../../../src-main/services/library/ingest';
import { createLibraryService } from '../../../src-main/services/library/library-service';
import { startSimulator, type Simulator } from '../../../src-main/simulator';
import { pngOf } from './source-files';

const silent: Logger = { info() {}, warn() {}, error() {} };
const clock: Clock = { now: () => Date.now(), sleep: async () => {} };
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
// Two outputs at $0.02 and one input image at $0.002.
const EDIT_TICKS = 2 * 200_000_000 + 20_000_000;
const never = () => new Promise<LibraryRecord>(() => {});
const enospc = () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write', errno: -28 }));

let sim: Simulator;
let dir: string;
const closers: (() => void)[] = [];

beforeEach(async () => {
  sim = await startSimulator();
  dir = mkdtempSync(path.join(os.tmpdir(), 'edit-stage-'));
});
afterEach(async () => {
  for (const c of closers.splice(0)) c();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One "process": a library on `dir`, the edit service and the queue (whose start files staged results). */
function open(o: { staging: InMemoryResultStaging; jobs: InMemoryJobStore; ingest?: (real: (i: IngestInput) => Promise<LibraryRecord>, i: IngestInput) => Promise<LibraryRecord>; wrapApi?: (api: ImagineApi) => ImagineApi; demo?: () => boolean; budgetCapUsd?: number | null }) {
  const adapters = createLibraryAdapters(path.join(dir, 'library'));
  closers.push(() => adapters.store.close());
  const library = createLibraryService({ ...adapters, clock, events: { emit() {} }, logger: silent });
  const raw = createXaiImagineClient({ baseUrl: `${sim.url}/v1`, getApiKey: async () => 'xai-test', clock, retry: { maxAttempts: 1 } });
  const api = o.wrapApi ? o.wrapApi(raw) : raw;
  const events: { event: string; payload: unknown }[] = [];
  const spend = createSpendLedger({
    store: o.jobs, clock, events: { emit: (event, payload) => void events.push({ event, payload }) }, budgetCapUsd: () => o.budgetCapUsd ?? null,
    ...(o.demo ? { demo: o.demo } : {}),
  });
  const ingest = o.ingest ? (i: IngestInput) => (o.ingest as NonNullable<typeof o.ingest>)(library.ingest, i) : library.ingest;
  const service = createEditService({
    api, normalizer: createSharpSourceNormalizer(), sources: new InMemoryEditSourceStore(), clock, logger: silent, spend, staging: o.staging,
    library: { ingest, item: library.item, read: (r) => adapters.files.read(r.file) },
  });
  const generation = createGenerationService({
    api, store: o.jobs, library: { ingest: library.ingest, query: library.query, records: library.records }, staging: o.staging, clock,
    events: { emit() {} }, logger: silent, spend, settings: () => ({ concurrency: 1, budgetCapUsd: null, requestTimeoutSec: 30 }),
    ...(o.demo ? { demo: o.demo } : {}),
  });
  closers.push(() => void generation.dispose());
  return { service, library, generation, spend, events };
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const edits = (lib: ReturnType<typeof open>['library']) => {
  const { ids } = lib.query({ filter: { kind: 'image', trashed: false }, sort: 'oldest', limit: 100 });
  return lib.records(ids).filter((r) => r.origin === 'edited');
};
const submitOf = (id: string) => ({ sources: [{ id, rotate: 0 as const, crop: null }], prompt: 'Make it winter', model: 'grok-imagine-image', n: 2, resolution: '1k' as const });

describe('edit results are staged before anything else', () => {
  it('killed while filing: the next start files both images with their edited-from link, and bills the edit once', async () => {
    const staging = new InMemoryResultStaging();
    const jobs = new InMemoryJobStore();
    // The dying process: every edited image's library write never returns (as a process killed mid-save).
    const a = open({ staging, jobs, ingest: (real, i) => (i.origin === 'edited' ? never() : real(i)) });
    const parent = await a.library.ingest({ bytes: await pngOf(), kind: 'image', origin: 'imported', prompt: '' });
    const src = await a.service.prepare({ itemId: parent.id });
    void a.service.submit(submitOf(src.id));
    await until(() => staging.results.size === 1);
    const [staged] = [...staging.results.values()];
    expect(staged?.meta).toMatchObject({ kind: 'edit', attempt: 1, costTicks: EDIT_TICKS, edit: { instruction: 'Make it winter', parents: [parent.id] } });
    expect(staged?.images.map((i) => i.index)).toEqual([0, 1]);
    await until(() => jobs.spentSince(0) === EDIT_TICKS);
    expect(edits(a.library)).toHaveLength(0);

    const b = open({ staging, jobs });
    await b.generation.start();
    const filed = edits(b.library);
    expect(filed).toHaveLength(2);
    for (const r of filed) {
      expect(r).toMatchObject({ editInstruction: 'Make it winter', model: 'grok-imagine-image', costTicks: EDIT_TICKS / 2, sourceJobId: staged?.meta.jobId });
      expect(b.library.item(r.id).parents.map((p) => [p.kind, p.record.id])).toEqual([['edited-from', parent.id]]);
    }
    expect(staging.results.size).toBe(0);
    expect(jobs.spentSince(0)).toBe(EDIT_TICKS);
    expect(jobs.spentSince(0, { kind: 'edit' })).toBe(EDIT_TICKS);
  });

  it('a pasted source imported after the answer: the staged meta learns its id, so recovery links it too', async () => {
    const staging = new InMemoryResultStaging();
    const jobs = new InMemoryJobStore();
    const a = open({ staging, jobs, ingest: (real, i) => (i.origin === 'edited' ? never() : real(i)) });
    const src = await a.service.prepare({ bytesBase64: b64(await pngOf()), name: 'pasted.png' });
    void a.service.submit(submitOf(src.id));
    await until(() => [...staging.results.values()].some((r) => (r.meta.edit?.parents.length ?? 0) === 1));
    const imported = a.library.records(a.library.query({ filter: { kind: 'image', trashed: false }, sort: 'oldest', limit: 10 }).ids).find((r) => r.origin === 'imported');
    expect(imported).toBeDefined();

    const b = open({ staging, jobs });
    await b.generation.start();
    const filed = edits(b.library);
    expect(filed).toHaveLength(2);
    for (const r of filed) expect(b.library.item(r.id).parents.map((p) => p.record.id)).toEqual([imported?.id]);
  });

  it('killed after staging but before the ledger row: recovery records the edit cost, once', async () => {
    const staging = new InMemoryResultStaging();
    const jobs = new InMemoryJobStore();
    const a = open({ staging, jobs });
    const parent = await a.library.ingest({ bytes: await pngOf(), kind: 'image', origin: 'imported', prompt: '' });
    const meta: StagedMeta = {
      jobId: 'e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0', attempt: 1, requestId: 'req-edit', costTicks: 777, share: 777, prompt: 'Sepia', model: 'grok-imagine-image',
      params: { n: 1 }, aspectRatio: null, slots: ['image'], stagedAt: Date.now(), kind: 'edit',
      edit: { instruction: 'Sepia', parents: [parent.id, 'f'.repeat(32)], revisedPrompts: ['A sepia photo'] },
    };
    await staging.put({ meta, images: [{ index: 0, bytes: await pngOf(), mime: 'image/png' }] });
    await a.generation.start();
    const [r] = edits(a.library);
    // A parent deleted meanwhile is dropped from the links rather than failing the save of a paid image.
    expect(r).toMatchObject({ prompt: 'A sepia photo', editInstruction: 'Sepia', requestId: 'req-edit', sourceJobId: meta.jobId });
    expect(a.library.item(r?.id ?? '').parents.map((p) => p.record.id)).toEqual([parent.id]);
    expect(jobs.spentSince(0, { kind: 'edit' })).toBe(777);
    expect(jobs.hasSpend(meta.jobId, 'edit')).toBe(true);
    // Staged again (say the library row write was lost): filed, but not billed a second time.
    await staging.put({ meta, images: [{ index: 0, bytes: await pngOf(64, 64), mime: 'image/png' }] });
    await open({ staging, jobs }).generation.start();
    expect(jobs.spentSince(0)).toBe(777);
  });

  it('disk full while filing: the edit says its images are kept, and the next start saves them', async () => {
    const staging = new InMemoryResultStaging();
    const jobs = new InMemoryJobStore();
    const a = open({ staging, jobs, ingest: (real, i) => (i.origin === 'edited' ? enospc() : real(i)) });
    const src = await a.service.prepare({ bytesBase64: b64(await pngOf()) });
    const err = await a.service.submit(submitOf(src.id)).then(() => null, (e: unknown) => (e instanceof AppErrorException ? e.appError : null));
    expect(err?.kind).toBe('storage');
    expect(err?.message).toMatch(/^The edited image arrived but could not be saved: .*disk is full.*kept and will be saved the next time Imagine Studio starts\.$/);
    expect(staging.results.size).toBe(1);
    expect(jobs.spentSince(0)).toBe(EDIT_TICKS);

    const b = open({ staging, jobs });
    await b.generation.start();
    expect(edits(b.library)).toHaveLength(2);
    expect(staging.results.size).toBe(0);
    expect(jobs.spentSince(0)).toBe(EDIT_TICKS);
  });

  it('a healthy edit leaves nothing staged', async () => {
    const staging = new InMemoryResultStaging();
    const a = open({ staging, jobs: new InMemoryJobStore() });
    const src = await a.service.prepare({ bytesBase64: b64(await pngOf()) });
    const out = await a.service.submit(submitOf(src.id));
    expect(out.results).toHaveLength(2);
    expect(staging.results.size).toBe(0);
  });
});

describe('edit failures after the request may have reached xAI', () => {
  it.each([
    ['a timeout', { kind: 'timeout', message: 'xAI did not answer within 30 s.' }, true],
    ['a reset', { kind: 'network', message: 'The connection to xAI broke before an answer arrived.' }, true],
    ['a 500', { kind: 'api', status: 500, message: 'xAI had a server error: boom' }, true],
    ['an unreadable 200', { kind: 'api', status: 200, code: 'bad-response', message: 'xAI sent an unreadable image response (not JSON).' }, true],
    ['a 400', { kind: 'api', status: 400, message: 'xAI rejected the request: no.' }, false],
    ['no connection at all', { kind: 'network', message: 'Could not connect to xAI. Check your internet connection.' }, false],
  ] as const)('%s: says whether xAI may have billed it, and that nothing was sent again', async (_name, error, billed) => {
    let calls = 0;
    const a = open({
      staging: new InMemoryResultStaging(), jobs: new InMemoryJobStore(),
      wrapApi: (api) => ({ ...api, editImages: async () => {
        calls++;
        throw new AppErrorException(error as never);
      } }),
    });
    const src = await a.service.prepare({ bytesBase64: b64(await pngOf()) });
    const err = await a.service.submit(submitOf(src.id)).then(() => null, (e: unknown) => (e instanceof AppErrorException ? e.appError : null));
    expect(err?.kind).toBe(error.kind);
    expect(err?.message.startsWith(error.message.replace(/\.$/, ''))).toBe(true);
    expect(/may have received and billed this request.*Nothing was sent again automatically/.test(err?.message ?? '')).toBe(billed);
    expect(calls).toBe(1);
    expect(a.spend.check(0).committedTicks).toBe(0);
  });
});
