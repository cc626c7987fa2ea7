import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportProgress, LibraryRecord } from '@contract';
import type { PreparedItem } from '../../../src-main/services/library/ingest';
import { IMPORT_LEASE_MS } from '../../../src-main/services/library/import-jobs';
import { IMPORT_BIG_FILES, IMPORT_BYTES, IMPORT_FILES, ImportPipeline, type ImportOutcome } from '../../../src-main/services/library/import-pipeline';
import { makeItem, tempDir } from './fixtures';
import { createLibraryAdapters } from '../../../src-main/adapters/library';
import { createLibraryService } from '../../../src-main/services/library/library-service';
import { eventLog, fakeClock, idSequence, jpeg, openLibrary, silentLogger } from './service-harness';

const flush = () => new Promise((r) => setImmediate(r));

describe('the import pipeline (decoding gated by hand)', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  function rig() {
    const gates: (() => void)[] = [];
    const commits: string[][] = [];
    const added: string[][] = [];
    let preparing = 0;
    let most = 0;
    const pipeline = new ImportPipeline({
      toInput: (name, bytes) => ({ bytes, kind: 'image', origin: 'imported', prompt: name }),
      prepare: async (input) => {
        preparing += 1;
        most = Math.max(most, preparing);
        await new Promise<void>((r) => gates.push(r));
        preparing -= 1;
        const item = makeItem(0, { id: input.prompt!.padStart(32, 'a') });
        return { entry: { item, parents: [] }, preview: { id: item.id, source: async () => input.bytes }, written: [] } satisfies PreparedItem;
      },
      commit: async (batch) => {
        commits.push(batch.map((p) => p.entry.item.id));
        return batch.map((p) => ({ ...p.entry.item, hasLineage: false }) as LibraryRecord);
      },
      findByContentHash: () => new Map(),
      task: (work) => work(),
      added: (ids) => void added.push([...ids]),
      logger: silentLogger,
    });
    /**
     * Waits until `n` files are being prepared. Hashing runs on libuv's thread pool first, so how many event-loop
     * turns that takes depends on the machine's load (10,000 turns were not enough in a loaded full run): the bound is
     * a generous wall-clock one (`performance.now` is not faked), only there to fail instead of hanging.
     */
    const preparingNow = async (n: number) => {
      const giveUpAt = performance.now() + 15_000;
      while (gates.length < n) {
        if (performance.now() > giveUpAt) throw new Error(`only ${gates.length} of ${n} files started`);
        await flush();
      }
    };
    /** Lets `n` files finish preparing, one after another. */
    const open = async (n: number) => {
      for (let i = 0; i < n; i += 1) {
        await preparingNow(1);
        gates.shift()?.();
      }
    };
    return { pipeline, commits, added, open, preparingNow, most: () => most };
  }

  const file = (n: number) => ({ name: String(n), load: async () => Uint8Array.of(n, 1, 2) });

  it(`prepares ${IMPORT_FILES} small files at once and commits the files prepared meanwhile in one batch`, async () => {
    const r = rig();
    const outcomes = Array.from({ length: 7 }, (_, n) => r.pipeline.run(file(n)));
    // Hashing runs off the main thread first, so the slots fill at the pace of the machine: wait until they have.
    await r.preparingNow(IMPORT_FILES);
    await r.open(7);
    const done = await Promise.all(outcomes);
    expect(done.every((o) => o.kind === 'imported')).toBe(true);
    expect(r.most()).toBe(IMPORT_FILES);
    // One transaction and one grid update for all seven: the batch went when nothing was left to prepare.
    expect(r.commits).toHaveLength(1);
    expect(r.added).toEqual(r.commits);
    expect(r.commits[0]).toHaveLength(7);
  });

  it('reports the second copy of a file in the same import as a duplicate of the first', async () => {
    const r = rig();
    const same = { name: 'copy', load: async () => Uint8Array.of(9, 9, 9) };
    const outcomes = [r.pipeline.run({ ...same, name: '1' }), r.pipeline.run({ ...same, name: '2' })];
    await r.open(1);
    // Either copy may finish hashing first (parallel work): one is imported, the other reported as its duplicate.
    const done = (await Promise.all(outcomes)) as ImportOutcome[];
    const imported = done.filter((o): o is Extract<ImportOutcome, { kind: 'imported' }> => o.kind === 'imported');
    expect(imported).toHaveLength(1);
    expect(done.find((o) => o.kind === 'duplicate')).toEqual({ kind: 'duplicate', id: imported[0]?.id, trashed: false });
    expect(r.commits.flat()).toHaveLength(1);
  });

  it('a cancelled import starts no file that was still waiting for a slot', async () => {
    const r = rig();
    let cancelled = false;
    const outcomes = Array.from({ length: IMPORT_FILES + 2 }, (_, n) => r.pipeline.run(file(n), () => cancelled));
    await r.preparingNow(IMPORT_FILES);
    cancelled = true;
    await r.open(IMPORT_FILES);
    const done = await Promise.all(outcomes);
    expect(done.map((o) => o.kind)).toEqual([...Array<string>(IMPORT_FILES).fill('imported'), 'cancelled', 'cancelled']);
  });

  it(`holds at most ${IMPORT_BIG_FILES} big files at once (bytes in flight are counted, not only files)`, async () => {
    const r = rig();
    // Each big enough that IMPORT_BIG_FILES of them pass IMPORT_BYTES; distinct first bytes, distinct hashes.
    const size = Math.ceil(IMPORT_BYTES / IMPORT_BIG_FILES) + 1;
    const reads: number[] = [];
    const big = (n: number) => ({
      name: String(n),
      load: async () => {
        reads.push(n);
        const bytes = new Uint8Array(size);
        bytes[0] = n;
        return bytes;
      },
    });
    const outcomes = Array.from({ length: IMPORT_FILES }, (_, n) => r.pipeline.run(big(n)));
    await r.preparingNow(IMPORT_BIG_FILES);
    for (let i = 0; i < 20; i += 1) await flush();
    // The next file is not even read while the big ones fill the budget.
    expect(reads).toHaveLength(IMPORT_BIG_FILES);
    await r.open(IMPORT_FILES);
    expect((await Promise.all(outcomes)).every((o) => o.kind === 'imported')).toBe(true);
    expect(r.most()).toBe(IMPORT_BIG_FILES);
  });
});

describe('imports through the library service', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => cleanup());

  it('reports files already in the library (by content) instead of importing them twice', async () => {
    const lib = openLibrary(path.join(dir, 'lib'));
    const bytes = await jpeg(320, 200, '#123');
    const first = await lib.service.importFiles({ kind: 'bytes', name: 'a.jpg', base64: bytes.toString('base64') });
    expect(first.imported).toHaveLength(1);
    const again = await lib.service.importFiles({ kind: 'bytes', name: 'b.jpg', base64: bytes.toString('base64') });
    expect(again).toEqual({ imported: [], rejected: [], duplicates: [{ name: 'b.jpg', id: first.imported[0] }] });
    expect(lib.service.records(first.imported)[0]?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    await lib.close();
  });

  it('imports every image of a folder and its subfolders, with progress, rate and a final count', async () => {
    const src = path.join(dir, 'photos');
    await mkdir(path.join(src, '2024', 'summer'), { recursive: true });
    await mkdir(path.join(src, '.hidden'), { recursive: true });
    const colors = ['#a00', '#0a0', '#00a', '#aa0'];
    await writeFile(path.join(src, 'one.jpg'), await jpeg(200, 100, colors[0]));
    await writeFile(path.join(src, '2024', 'two.JPG'), await jpeg(200, 100, colors[1]));
    await writeFile(path.join(src, '2024', 'summer', 'three.jpg'), await jpeg(200, 100, colors[2]));
    await writeFile(path.join(src, '2024', 'summer', 'copy-of-one.jpg'), await jpeg(200, 100, colors[0]));
    await writeFile(path.join(src, '.hidden', 'skip.jpg'), await jpeg(200, 100, colors[3]));
    await writeFile(path.join(src, 'notes.txt'), 'not an image');
    const lib = openLibrary(path.join(dir, 'lib'));
    const { job } = lib.service.beginImport(0);
    const result = await lib.service.importFiles({ kind: 'folder', dir: src }, job);
    expect(result.imported).toHaveLength(3);
    // Both copies may be in flight at once: whichever registers its hash first is imported, the other reported.
    expect(result.duplicates).toHaveLength(1);
    expect(['one.jpg', 'copy-of-one.jpg']).toContain(path.basename(result.duplicates[0]?.name ?? ''));
    expect(result.imported).toContain(result.duplicates[0]?.id);
    const progress = lib.events.log.filter((e) => e.event === 'library:import').map((e) => e.payload as ImportProgress);
    expect(progress.at(-1)).toMatchObject({ job, state: 'done', total: 4, done: 4, imported: 3, duplicates: 1, rejected: 0, etaMs: null });
    expect(progress.at(-1)?.ratePerSec).toBeGreaterThan(0);
    await lib.close();
  });

  it('decodes no more thumbnails at once than it has decode slots, while more files are read and written', async () => {
    const src = path.join(dir, 'photos');
    await mkdir(src);
    const files = IMPORT_FILES + 2;
    for (let n = 0; n < files; n += 1) await writeFile(path.join(src, `${n}.jpg`), await jpeg(96 + n, 64));
    const adapters = createLibraryAdapters(path.join(dir, 'lib'));
    // The real processor, its thumbnails held by hand and counted.
    const real = adapters.media.thumbnail.bind(adapters.media);
    const probe = adapters.media.probeImage.bind(adapters.media);
    let decoding = 0;
    let most = 0;
    let probed = 0;
    const held: (() => void)[] = [];
    adapters.media.thumbnail = async (bytes, upright) => {
      decoding += 1;
      most = Math.max(most, decoding);
      await new Promise<void>((r) => held.push(r));
      decoding -= 1;
      return real(bytes, upright);
    };
    adapters.media.probeImage = async (bytes) => ((probed += 1), probe(bytes));
    const service = createLibraryService({ ...adapters, clock: fakeClock(), events: eventLog(), logger: silentLogger, newId: idSequence(), decodeSlots: 2 });
    const { job } = service.beginImport(0);
    const running = service.importFiles({ kind: 'folder', dir: src }, job);
    // Waits for the pipeline (reads and hashes run on libuv's pool, at the machine's pace); the wall-clock bound only
    // turns a hang into a failure.
    const until = async (ok: () => boolean) => {
      const giveUpAt = performance.now() + 15_000;
      while (!ok()) {
        if (performance.now() > giveUpAt) throw new Error('the import did not get there');
        await new Promise((r) => setImmediate(r));
      }
    };
    // Every file in flight has been read, hashed and probed; two of them are decoding, the rest wait for a slot.
    await until(() => probed === IMPORT_FILES && held.length === 2);
    for (let i = 0; i < 20; i += 1) await new Promise((r) => setImmediate(r));
    expect([held.length, decoding, probed]).toEqual([2, 2, IMPORT_FILES]);
    for (let n = 0; n < files; n += 1) {
      await until(() => held.length > 0);
      held.shift()?.();
    }
    expect((await running).imported).toHaveLength(files);
    expect(most).toBe(2);
    await service.idle();
    adapters.store.close();
  });

  it('keeps previews and perceptual hashes waiting while a page is still sending the files of its import', async () => {
    // Only the lease's timer is faked: the page "goes away" when the test says so, not when the machine is slow.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const lib = openLibrary(path.join(dir, 'lib'));
      const started: string[] = [];
      const { preview, perceptualHash } = lib.adapters.media;
      lib.adapters.media.preview = async (bytes) => (started.push('preview'), preview.call(lib.adapters.media, bytes));
      lib.adapters.media.perceptualHash = async (bytes) => (started.push('hash'), perceptualHash.call(lib.adapters.media, bytes));
      const { job } = lib.service.beginImport(3);
      // As the page sends them: one call per file, the next after the last one's answer.
      const send = async (n: number) =>
        lib.service.importFiles({ kind: 'bytes', name: `${n}.jpg`, base64: (await jpeg(100 + n, 80)).toString('base64') }, job);
      expect((await send(0)).imported).toHaveLength(1);
      expect((await send(1)).imported).toHaveLength(1);
      for (let i = 0; i < 200; i += 1) await flush();
      expect(started).toEqual([]);
      // The page stopped sending (its third file never came): the background work goes ahead after the lease.
      vi.advanceTimersByTime(IMPORT_LEASE_MS);
      await lib.service.idle();
      expect(started.filter((s) => s === 'preview')).toHaveLength(2);
      await lib.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops a cancelled import before its next file and says so', async () => {
    const src = path.join(dir, 'many');
    await mkdir(src);
    for (let n = 0; n < 12; n += 1) await writeFile(path.join(src, `${n}.jpg`), await jpeg(64 + n, 64));
    const lib = openLibrary(path.join(dir, 'lib'));
    const { job } = lib.service.beginImport(0);
    const running = lib.service.importFiles({ kind: 'folder', dir: src }, job);
    lib.service.cancelImport(job);
    const result = await running;
    expect(result.imported.length).toBeLessThan(12);
    expect(result.rejected.filter((r) => r.reason === 'Not imported: the import was cancelled.').length).toBe(12 - result.imported.length);
    const last = lib.events.log.filter((e) => e.event === 'library:import').at(-1)?.payload as ImportProgress;
    expect(last.state).toBe('cancelled');
    await lib.close();
  });
});
