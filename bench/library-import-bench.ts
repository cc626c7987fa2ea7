/**
 * Import and rebuild at scale (issue 16), through the real library service, SQLite, sharp and the folder:
 * - import: N distinct 2048² JPEGs imported as a folder (the pipeline: content hash, one decode per core, batched
 *   commits), timed until every file is committed with its thumbnail, against the floor "sharp alone makes their
 *   thumbnails one after another in one thread" (target ≤ 0.75× the floor). The floor (`floorRecipe`) is the app's
 *   own thumbnail recipe (`thumbnailOf`: 512 px short side, WebP q75 at the app's effort), since issue 13 made the
 *   thumbnails 512 px; the floor this bench used before (256 px inside, sharp's default WebP — q80, effort 4) is
 *   timed and reported beside it (`floor256*`, `ratio256`), so the reading of the goal cannot move silently;
 * - rebuild: a library folder of M items that exists only as files (media, thumbnail, preview and sidecar per item,
 *   the media hard links to real JPEGs), rebuilt into an empty index (target ≥ 1,000 items/s).
 */
import { linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { renditionSize } from '@contract';
import { createLibraryAdapters } from '../src-main/adapters/library';
import { THUMB_WEBP, thumbnailOf } from '../src-main/adapters/library/sharp-media-processor';
import { sidecarPath } from '../src-main/core/library/paths';
import { serializeSidecar } from '../src-main/core/library/sidecar';
import { createLibraryService } from '../src-main/services/library/library-service';
import { prng, seedItems } from './library-seed';
import type { BenchModule } from './run';

const round = (n: number) => Math.round(n * 100) / 100;

/** A photo-like 2048² scene, different for every `n` (so content hashes differ), ~0.3–0.6 MB as JPEG. */
async function distinctJpeg(n: number): Promise<Buffer> {
  const rand = prng(1000 + n);
  const shapes = Array.from({ length: 40 }, () => {
    const [x, y, r, h] = [rand() * 2048, rand() * 2048, 30 + rand() * 260, Math.floor(rand() * 360)];
    return `<circle cx="${x.toFixed(0)}" cy="${y.toFixed(0)}" r="${r.toFixed(0)}" fill="hsl(${h},60%,50%)" opacity="0.6"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2048" height="2048">
    <defs><radialGradient id="g"><stop offset="0" stop-color="hsl(${n * 37 % 360},80%,70%)"/><stop offset="1" stop-color="#123"/></radialGradient></defs>
    <rect width="2048" height="2048" fill="url(#g)"/>${shapes}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

function service(libraryDir: string) {
  const adapters = createLibraryAdapters(libraryDir);
  const svc = createLibraryService({
    ...adapters,
    clock: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
    events: { emit() {} },
    logger: { info() {}, warn() {}, error() {} },
  });
  return { svc, adapters };
}

async function importBench(dir: string, files: number) {
  const sources = path.join(dir, 'import-sources');
  mkdirSync(sources, { recursive: true });
  const paths: string[] = [];
  for (let n = 0; n < files; n += 1) {
    const p = path.join(sources, `photo-${String(n).padStart(4, '0')}.jpg`);
    await writeFile(p, await distinctJpeg(n));
    paths.push(p);
  }
  // The floors: sharp alone, one file after another, one libvips thread. The app's recipe (the floor) from the file,
  // at the size the app gives a 2048² image; the earlier 256 px default-WebP floor beside it.
  const threads = sharp.concurrency();
  sharp.concurrency(1);
  // CPU time beside each wall time: on a shared machine the wall times move with the load (the import's two cores
  // more than the floor's one), the CPU times much less.
  const size = renditionSize(2048, 2048, 'thumb');
  let t = performance.now();
  let c = process.cpuUsage();
  for (const p of paths) await thumbnailOf(p, size.width, size.height);
  const floorMs = performance.now() - t;
  const floorCpu = process.cpuUsage(c);
  t = performance.now();
  c = process.cpuUsage();
  for (const p of paths) await sharp(p).resize(256, 256, { fit: 'inside' }).webp().toBuffer();
  const floor256Ms = performance.now() - t;
  const floor256Cpu = process.cpuUsage(c);
  sharp.concurrency(threads);
  const cpuPerFile = (u: NodeJS.CpuUsage) => round((u.user + u.system) / 1000 / files);
  const { svc, adapters } = service(path.join(dir, 'import-library'));
  try {
    t = performance.now();
    const cpu0 = process.cpuUsage();
    const { job } = svc.beginImport(files);
    const result = await svc.importFiles({ kind: 'folder', dir: sources }, job);
    const importMs = performance.now() - t;
    // CPU time of the whole process (every thread) over the import: steadier than wall time on a shared machine.
    const cpu = process.cpuUsage(cpu0);
    await svc.idle(); // the deferred previews, reported apart
    const withPreviewsMs = performance.now() - t;
    return {
      files,
      floorRecipe: `the app's thumbnail: ${size.width}×${size.height} WebP q${THUMB_WEBP.quality} effort ${THUMB_WEBP.effort}, sequential read, auto-orient`,
      floorMs: round(floorMs),
      floorPerFileMs: round(floorMs / files),
      floorCpuMsPerFile: cpuPerFile(floorCpu),
      importMs: round(importMs),
      importPerFileMs: round(importMs / files),
      importCpuMsPerFile: cpuPerFile(cpu),
      ratio: round(importMs / floorMs),
      floor256Recipe: '256 px inside, sharp default WebP (the floor before 512 px thumbnails)',
      floor256PerFileMs: round(floor256Ms / files),
      floor256CpuMsPerFile: cpuPerFile(floor256Cpu),
      ratio256: round(importMs / floor256Ms),
      imported: result.imported.length,
      duplicates: result.duplicates.length,
      rejected: result.rejected.length,
      previewsDoneMs: round(withPreviewsMs),
    };
  } finally {
    await svc.stopBackground(); // the perceptual hashes the import kicked
    await svc.close();
    adapters.store.close();
  }
}

async function rebuildBench(dir: string, items: number) {
  const libraryDir = path.join(dir, 'rebuild-library');
  const rows = seedItems(items, 99).map((e) => ({ ...e, parents: [] }));
  const jpeg = await sharp({ create: { width: 1024, height: 1024, channels: 3, background: '#5a7' } }).jpeg().toBuffer();
  const webp = await sharp(jpeg).resize(256).webp().toBuffer();
  const sources = path.join(dir, 'rebuild-sources');
  mkdirSync(sources, { recursive: true });
  for (let i = 0; i < 256; i += 1) {
    const shard = i.toString(16).padStart(2, '0');
    writeFileSync(path.join(sources, `${shard}.jpg`), jpeg);
    writeFileSync(path.join(sources, `${shard}.webp`), webp);
    for (const sub of ['media', 'thumbs', 'previews']) mkdirSync(path.join(libraryDir, sub, shard), { recursive: true });
  }
  for (const e of rows) {
    const { item } = e;
    const shard = item.id.slice(0, 2);
    // Every item an image here (videos would need a real MP4 per shard; the rate is about sidecars and rows).
    e.item = { ...item, kind: 'image', mime: 'image/jpeg', durationMs: null, file: item.file.replace(/\.mp4$/, '.jpg') };
    linkSync(path.join(sources, `${shard}.jpg`), path.join(libraryDir, e.item.file));
    if (item.thumb) linkSync(path.join(sources, `${shard}.webp`), path.join(libraryDir, item.thumb));
    if (item.preview) linkSync(path.join(sources, `${shard}.webp`), path.join(libraryDir, item.preview));
    const side = path.join(libraryDir, sidecarPath(item.id));
    writeFileSync(side, serializeSidecar(e));
  }
  const { svc, adapters } = service(libraryDir);
  try {
    const t = performance.now();
    const result = await svc.rebuild();
    const ms = performance.now() - t;
    return { items, rebuilt: result.items, skipped: result.skipped, ms: round(ms), itemsPerSec: Math.round((result.items / ms) * 1000) };
  } finally {
    // The rebuild kicks the thumbnail back-fill (rebuilt rows do not know their thumbnails' rule): stop it before the
    // folder is removed, or it writes into thumbs/ while rm walks it (ENOTEMPTY).
    await svc.stopBackground();
    await svc.close();
    adapters.store.close();
  }
}

/** `--quick`: 60 JPEGs and 2,000 files (CI-sized); else the 500 and 20,000. BENCH_REBUILD_ONLY=1: the rebuild alone. */
export const libraryImportBench: BenchModule = {
  name: 'library-import',
  async run({ quick }) {
    const dir = await mkdtemp(path.join(tmpdir(), 'imagine-bench-import-'));
    try {
      const importFigures = process.env.BENCH_REBUILD_ONLY ? null : await importBench(dir, quick ? 60 : 500);
      const rebuild = await rebuildBench(dir, quick ? 2000 : 20_000);
      return {
        ...(importFigures ? { import: importFigures } : {}),
        rebuild,
        targets: { ...(importFigures ? { importLe0_75xFloor: importFigures.ratio <= 0.75, importLe0_75x256Floor: importFigures.ratio256 <= 0.75 } : {}), rebuildGe1000PerSec: rebuild.itemsPerSec >= 1000 },
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
