/**
 * `ResultStaging` on disk: `<root>/<jobId>.<attempt>/meta.json` plus `<index>.<ext>` per image.
 *
 * Each file is written to a temp name and renamed with *synchronous* calls, on purpose: the async fs API queues on
 * libuv's small thread pool behind sharp's thumbnail work, and under a busy queue a staged write waited hundreds of
 * milliseconds (crash trials lost paid images that way). A synchronous write reaches the kernel's page cache at
 * once, which is all a killed process needs; it blocks the event loop for a few milliseconds per response. The
 * fdatasync that a power cut needs then runs in the background, and `put` resolves only after it and the folder
 * syncs. The meta goes first: a folder without one holds nothing complete (its temp files are swept by `list`).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { open, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ResultStaging, StagedImage, StagedMeta, StagedResult } from '../../core/jobs/result-staging';

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif', 'video/mp4': 'mp4', 'video/webm': 'webm' };
const MIME: Record<string, string> = Object.fromEntries(Object.entries(EXT).map(([m, e]) => [e, m]));
const FOLDER = /^([0-9A-Za-z_-]{1,64})\.(\d{1,6})$/;
const IMAGE = /^(\d{1,3})\.([a-z][a-z0-9]{1,3})$/;

async function sync(file: string): Promise<void> {
  const handle = await open(file, 'r').catch(() => null);
  await handle?.datasync().catch(() => {});
  await handle?.close();
}

/** Complete under its final name when this returns (temp + rename), though not yet flushed to the device. */
function writeVisible(file: string, bytes: Uint8Array): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, bytes, { flag: 'wx', mode: 0o600 });
    renameSync(temp, file);
  } catch (err) {
    try {
      unlinkSync(temp);
    } catch {
      // never created, or already renamed
    }
    throw err;
  }
}

export class FsResultStaging implements ResultStaging {
  constructor(private readonly root: string) {}

  private folder(jobId: string, attempt: number): string {
    const name = `${jobId}.${attempt}`;
    if (!FOLDER.test(name)) throw new Error(`Refused staging name: ${name}`);
    return path.join(this.root, name);
  }

  async put({ meta, images }: StagedResult): Promise<void> {
    const dir = this.folder(meta.jobId, meta.attempt);
    mkdirSync(dir, { recursive: true });
    const files = [path.join(dir, 'meta.json'), ...images.map((i) => path.join(dir, `${i.index}.${EXT[i.mime] ?? 'bin'}`))];
    writeVisible(files[0] as string, new TextEncoder().encode(JSON.stringify(meta)));
    images.forEach((image, i) => writeVisible(files[i + 1] as string, image.bytes));
    await Promise.all(files.map(sync));
    await sync(dir);
    await sync(this.root);
  }

  async rewriteMeta(meta: StagedMeta): Promise<void> {
    const dir = this.folder(meta.jobId, meta.attempt);
    const file = path.join(dir, 'meta.json');
    writeVisible(file, new TextEncoder().encode(JSON.stringify(meta)));
    await sync(file);
    await sync(dir);
  }

  async list(): Promise<StagedResult[]> {
    const out: StagedResult[] = [];
    const folders = await readdir(this.root, { withFileTypes: true }).catch(() => []);
    for (const f of folders) {
      if (!f.isDirectory() || !FOLDER.test(f.name)) continue;
      const dir = path.join(this.root, f.name);
      const names = await readdir(dir);
      for (const n of names) if (n.endsWith('.tmp')) await rm(path.join(dir, n), { force: true });
      const meta = await readFile(path.join(dir, 'meta.json'), 'utf8').then((t) => JSON.parse(t) as StagedMeta, () => null);
      const images: StagedImage[] = [];
      for (const n of names) {
        const m = IMAGE.exec(n);
        if (m) images.push({ index: Number(m[1]), mime: MIME[m[2] ?? ''] ?? 'application/octet-stream', bytes: await readFile(path.join(dir, n)) });
      }
      if (!meta || images.length === 0) {
        // No meta: the write was cut before anything complete; no images: every one is filed already.
        await rm(dir, { recursive: true, force: true });
        continue;
      }
      out.push({ meta, images: images.sort((a, b) => a.index - b.index) });
    }
    return out;
  }

  async remove(jobId: string, attempt: number, index: number): Promise<void> {
    const dir = this.folder(jobId, attempt);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const n of names) if (IMAGE.exec(n)?.[1] === String(index)) await rm(path.join(dir, n), { force: true });
    if (!names.some((n) => IMAGE.test(n) && IMAGE.exec(n)?.[1] !== String(index))) await rm(dir, { recursive: true, force: true });
  }
}
