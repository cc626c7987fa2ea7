/**
 * Fault matrix, our side: a full disk and a library folder we may not write to, while paid images and videos
 * arrive. A full disk is an injected ENOSPC on the library's file writes (no small tmpfs here). A read-only folder
 * is chmod 0o555 on `media/` and its shard folders, unless the tests run as root, where chmod stops nothing: then
 * the same EACCES is injected, and the test title says which one ran.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { JobView, VideoJobView } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpSourceNormalizer } from '../../../../src-main/adapters/edit/sharp-source-normalizer';
import { FsResultStaging } from '../../../../src-main/adapters/jobs/fs-result-staging';
import { createXaiImagineClient } from '../../../../src-main/adapters/xai';
import { AppErrorException } from '../../../../src-main/core/app-error';
import { InMemoryEditSourceStore } from '../../../../src-main/core/edit/in-memory-source-store';
import type { LibraryFiles } from '../../../../src-main/core/library/ports';
import { createEditService } from '../../../../src-main/services/edit/edit-service';
import { expectReadable } from '../support/faults';
import { billedFor, fastClock, fsError, openRig, postsFor, quiet, until, type Rig } from '../support/rig';

let rig: Rig;
let baseline: { id: string; file: string }[] = [];
/** The current injected failure of library writes, if any. */
let writeFault: string | null = null;
const faultyFiles = (real: LibraryFiles): LibraryFiles =>
  Object.assign(Object.create(real) as LibraryFiles, {
    writeAtomic: (rel: string, bytes: Uint8Array, sync?: 'file+dir' | 'file' | 'none') =>
      writeFault ? Promise.reject(fsError(writeFault, 'open')) : real.writeAtomic(rel, bytes, sync),
  });

const request = (prompt: string, n = 1) => ({ prompts: [prompt], n, model: 'grok-imagine-image', aspectRatio: '1:1' as const, resolution: '1k' as const });
const jobOf = (prompt: string): JobView => rig.parts.generation.list().batches.flatMap((b) => b.jobs).find((j) => j.prompt === prompt) as JobView;
const stagedFolders = () => (existsSync(path.join(rig.dir, 'staging')) ? readdirSync(path.join(rig.dir, 'staging')) : []);
const libraryPath = (rel: string) => path.join(rig.dir, 'library', ...rel.split('/'));

async function run(prompt: string, n = 1): Promise<JobView> {
  rig.parts.generation.submit(request(prompt, n));
  await rig.parts.generation.idle();
  return jobOf(prompt);
}

function expectBaselineIntact(): void {
  expect(rig.parts.library.records(baseline.map((b) => b.id)).map((r) => r.id)).toEqual(baseline.map((b) => b.id));
  for (const b of baseline) expect(existsSync(libraryPath(b.file))).toBe(true);
}

/** chmod 0o555 stops writes here (not root), or not (root): decided by trying. */
function chmodStopsWrites(): boolean {
  const probeDir = path.join(rig.dir, 'probe');
  rmSync(probeDir, { recursive: true, force: true });
  mkdirSync(probeDir);
  chmodSync(probeDir, 0o555);
  try {
    writeFileSync(path.join(probeDir, 'x'), 'x');
    return false;
  } catch {
    return true;
  } finally {
    chmodSync(probeDir, 0o755);
    rmSync(probeDir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  rig = await openRig({ files: faultyFiles, sim: { video: { emptyPolls: 1, pendingPolls: 1 } } });
  const job = await run('disk baseline', 2);
  expect(job.state).toBe('succeeded');
  baseline = rig.parts.library.records(job.tiles.map((t) => t.itemId as string)).map((r) => ({ id: r.id, file: r.file }));
}, 30_000);
afterAll(async () => {
  writeFault = null;
  await rig.close();
});

describe('disk faults', () => {
  it('library disk full: the paid images stay staged, the job says so, and the next start files them', async () => {
    writeFault = 'ENOSPC';
    const prompt = 'disk full while saving';
    const job = await run(prompt, 2);
    writeFault = null;
    expect(job).toMatchObject({ state: 'failed', error: { kind: 'storage' } });
    expect(job.error?.message).toMatch(/disk is full.*kept and will be saved/);
    expectReadable(job.error?.message);
    expect(stagedFolders()).toHaveLength(1);
    expect(billedFor(rig.sim, prompt)).toHaveLength(1);
    expectBaselineIntact();

    await rig.restart({ files: faultyFiles });
    expect(jobOf(prompt).state).toBe('succeeded');
    expect(stagedFolders()).toEqual([]);
    expect(postsFor(rig.sim, prompt)).toHaveLength(1);
    expectBaselineIntact();
  });

  it('library disk full during an edit: the paid images stay staged, the edit says so, and the next start files them with their lineage', async () => {
    // The edit service as app-core wires it: the shared client, ledger and staging folder; recovery is the queue's start.
    const api = createXaiImagineClient({ baseUrl: `${rig.sim.url}/v1`, getApiKey: async () => 'xai-rig-key', clock: fastClock, retry: { maxAttempts: 1 } });
    const { library, adapters, generation } = rig.parts;
    const edit = createEditService({
      api, normalizer: createSharpSourceNormalizer(), sources: new InMemoryEditSourceStore(), clock: fastClock, logger: quiet,
      spend: generation.spend, staging: new FsResultStaging(path.join(rig.dir, 'staging')),
      library: { ingest: library.ingest, item: library.item, read: (r) => adapters.files.read(r.file) },
    });
    const parent = baseline[0]?.id as string;
    const source = await edit.prepare({ itemId: parent });
    const prompt = 'edit onto a full disk';
    const spentBefore = generation.ledger().totalTicks;
    writeFault = 'ENOSPC';
    const error = await edit
      .submit({ sources: [{ id: source.id, rotate: 0, crop: null }], prompt, model: 'grok-imagine-image', n: 2, resolution: '1k' })
      .then(() => null, (e: unknown) => (e instanceof AppErrorException ? e.appError : null));
    writeFault = null;
    expect(error?.kind).toBe('storage');
    expect(error?.message).toMatch(/disk is full.*kept and will be saved the next time/);
    expectReadable(error?.message);
    expect(stagedFolders()).toHaveLength(1);
    expect(billedFor(rig.sim, prompt, '/v1/images/edits')).toHaveLength(1);
    const billed = generation.ledger().totalTicks - spentBefore;
    expect(billed).toBeGreaterThan(0);
    expectBaselineIntact();

    await rig.restart({ files: faultyFiles });
    expect(stagedFolders()).toEqual([]);
    const { ids } = rig.parts.library.query({ filter: { kind: 'image', trashed: false }, sort: 'oldest', limit: 500 });
    const filed = rig.parts.library.records(ids).filter((r) => r.editInstruction === prompt);
    expect(filed).toHaveLength(2);
    for (const r of filed) {
      expect(r.origin).toBe('edited');
      expect(existsSync(libraryPath(r.file))).toBe(true);
      expect(rig.parts.library.item(r.id).parents.map((p) => [p.kind, p.record.id])).toEqual([['edited-from', parent]]);
    }
    // Billed once, recorded once, never sent again.
    expect(rig.parts.generation.ledger().totalTicks - spentBefore).toBe(billed);
    expect(postsFor(rig.sim, prompt, '/v1/images/edits')).toHaveLength(1);
    expectBaselineIntact();
  });

  it('disk full for staging and library alike: the job fails honestly (not kept), nothing else is touched', async () => {
    writeFault = 'ENOSPC';
    await rig.restart({
      files: faultyFiles,
      staging: (real) => Object.assign(Object.create(real) as typeof real, { put: () => Promise.reject(fsError('ENOSPC')) }),
    });
    const prompt = 'disk full everywhere';
    const job = await run(prompt);
    writeFault = null;
    expect(job.state).toBe('failed');
    expect(job.error?.message).toMatch(/the disk is full/);
    expect(job.error?.message).not.toMatch(/kept/);
    expectReadable(job.error?.message);
    expect(postsFor(rig.sim, prompt)).toHaveLength(1);
    await rig.restart({ files: faultyFiles });
    expectBaselineIntact();
  });

  it(`read-only library folder (${process.getuid?.() === 0 ? 'root: chmod stops nothing, so EACCES is injected' : 'chmod 0o555'}): the job says the folder cannot be written`, async () => {
    const media = path.join(rig.dir, 'library', 'media');
    const dirs = [media, ...readdirSync(media).map((d) => path.join(media, d))];
    const realChmod = chmodStopsWrites();
    if (realChmod) for (const d of dirs) chmodSync(d, 0o555);
    else writeFault = 'EACCES';
    try {
      const prompt = 'read-only library';
      const job = await run(prompt);
      expect(job).toMatchObject({ state: 'failed', error: { kind: 'storage' } });
      expect(job.error?.message).toMatch(/may not write to the library folder/);
      expectReadable(job.error?.message);
      expect(postsFor(rig.sim, prompt)).toHaveLength(1);
    } finally {
      writeFault = null;
      if (realChmod) for (const d of dirs) chmodSync(d, 0o755);
    }
    expectBaselineIntact();
    await rig.restart({ files: faultyFiles });
    expect(jobOf('read-only library').state).toBe('succeeded');
  });

  it('disk full when a paid video arrives: the job waits with a note instead of failing, and saves it once there is space', async () => {
    writeFault = 'ENOSPC';
    const prompt = 'video onto a full disk';
    const started = await rig.parts.video.submit({ mode: 'text', prompt, model: 'grok-imagine-video', duration: 1, aspectRatio: '16:9', resolution: '480p' });
    const find = () => rig.parts.video.list().find((j) => j.id === started.id) as VideoJobView;
    try {
      await until(() => /disk is full/.test(find().note ?? ''), 20_000, 'a disk-full note');
      expect(find().state).toBe('downloading');
      expectReadable(find().note);
    } finally {
      writeFault = null;
    }
    await until(() => find().state === 'done', 30_000, 'the video to be saved');
    expect(postsFor(rig.sim, prompt, '/v1/videos/generations')).toHaveLength(1);
    expectBaselineIntact();
  }, 60_000);
});
