import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile, realpath, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { fail } from '../../core/app-error';
import { LIBRARY_DIRS } from '../../core/library/paths';
import type { ExternalFiles, LibraryFiles } from '../../core/library/ports';

/** Refuses anything that is not a plain `a/b/c` path inside the root (paths come from our own code and sidecars). */
function safeJoin(root: string, relPath: string): string {
  if (relPath.includes('\0') || path.isAbsolute(relPath) || relPath.split('/').some((s) => s === '..' || s === '')) {
    throw new Error(`Refused library path: ${relPath}`);
  }
  return path.join(root, ...relPath.split('/'));
}

async function fsyncDir(dir: string): Promise<void> {
  // Persisting the rename needs the directory entry flushed too; some platforms cannot open directories.
  const handle = await open(dir, 'r').catch(() => null);
  await handle?.sync().catch(() => {});
  await handle?.close();
}

/** The library folder on disk. */
export class NodeLibraryFiles implements LibraryFiles {
  /**
   * Folders known to exist: an import writes three files per item into a handful of shard folders, and a recursive
   * mkdir before each write was three more trips through libuv's pool per item (its slots shared with the decodes).
   * A folder removed meanwhile is made again when the open finds it missing.
   */
  private readonly made = new Set<string>();

  constructor(private readonly root: string) {}

  private async openNew(temp: string) {
    const dir = path.dirname(temp);
    const create = () => open(temp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
    if (!this.made.has(dir)) await mkdir(dir, { recursive: true });
    this.made.add(dir);
    return create().catch(async (err: unknown) => {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await mkdir(dir, { recursive: true });
      return create();
    });
  }

  async writeAtomic(relPath: string, bytes: Uint8Array, sync: 'file+dir' | 'file' | 'none' = 'file+dir'): Promise<void> {
    const target = safeJoin(this.root, relPath);
    const dir = path.dirname(target);
    const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await this.openNew(temp);
    try {
      await handle.writeFile(bytes);
      // fdatasync: the data and the size, not the timestamps, which nothing here needs back after a power cut.
      if (sync !== 'none') await handle.datasync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, target);
    } catch (err) {
      await unlink(temp).catch(() => {});
      throw err;
    }
    if (sync === 'file+dir') await fsyncDir(dir);
  }

  async syncDir(relPath: string): Promise<void> {
    await fsyncDir(path.dirname(safeJoin(this.root, relPath)));
  }

  async read(relPath: string): Promise<Uint8Array> {
    return readFile(safeJoin(this.root, relPath));
  }

  async exists(relPath: string): Promise<boolean> {
    return stat(safeJoin(this.root, relPath)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  async remove(relPath: string): Promise<void> {
    await rm(safeJoin(this.root, relPath), { force: true });
  }

  async list(): Promise<string[]> {
    const out: string[] = [];
    for (const top of LIBRARY_DIRS) {
      const shards = await readdir(path.join(this.root, top), { withFileTypes: true }).catch(() => []);
      for (const shard of shards) {
        if (!shard.isDirectory()) continue;
        const names = await readdir(path.join(this.root, top, shard.name), { withFileTypes: true });
        for (const n of names) if (n.isFile()) out.push(`${top}/${shard.name}/${n.name}`);
      }
    }
    return out;
  }

  async listShard(shard: string): Promise<string[]> {
    if (!/^[0-9a-f]{2}$/.test(shard)) throw new Error(`Not an id shard: ${shard}`);
    const out: string[] = [];
    for (const top of LIBRARY_DIRS) {
      const names = await readdir(path.join(this.root, top, shard), { withFileTypes: true }).catch(() => []);
      for (const n of names) if (n.isFile()) out.push(`${top}/${shard}/${n.name}`);
    }
    return out;
  }

  async modifiedAt(relPath: string): Promise<number | null> {
    return stat(safeJoin(this.root, relPath)).then(
      (s) => s.mtimeMs,
      () => null,
    );
  }

  absolute(relPath: string): string {
    return safeJoin(this.root, relPath);
  }
}

/** Files one folder import takes at most (a walk of a whole disk stops there). */
const MAX_FOLDER_FILES = 1_000_000;

/** Import sources and export targets the user picked; never inside the library itself. */
export class NodeExternalFiles implements ExternalFiles {
  constructor(private readonly libraryRoot: string) {}

  async read(absPath: string, maxBytes: number): Promise<Uint8Array> {
    if (!path.isAbsolute(absPath) || absPath.includes('\0')) fail({ kind: 'validation', message: 'Not an absolute path.', issues: [] });
    const info = await stat(absPath).catch(() => null);
    if (!info?.isFile()) fail({ kind: 'not-found', message: 'File not found.' });
    if (info.size > maxBytes) fail({ kind: 'validation', message: 'File is too large.', issues: [] });
    return readFile(absPath);
  }

  async checkTargetDir(dir: string): Promise<void> {
    const invalid = (message: string) => fail({ kind: 'validation', message, issues: [{ path: 'targetDir', message }] });
    if (!path.isAbsolute(dir) || dir.includes('\0')) invalid('Choose an absolute folder.');
    const real = await realpath(dir).catch(() => null);
    if (!real || !(await stat(real)).isDirectory()) invalid('That folder does not exist.');
    const lib = await realpath(this.libraryRoot).catch(() => path.resolve(this.libraryRoot));
    const rel = path.relative(lib, real as string);
    if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) invalid('Choose a folder outside the library.');
  }

  async listFolder(dir: string, extensions: readonly string[]): Promise<string[]> {
    await this.checkTargetDir(dir);
    const wanted = new Set(extensions.map((e) => e.toLowerCase()));
    // A folder that holds the library (a home folder with the library in it) must not import the library itself.
    const library = await realpath(this.libraryRoot).catch(() => path.resolve(this.libraryRoot));
    const out: string[] = [];
    // Breadth first with an explicit list: no recursion depth to exhaust on a deep tree.
    const folders = [await realpath(dir)];
    for (let folder = folders.shift(); folder !== undefined; folder = folders.shift()) {
      const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
      for (const e of entries) {
        if (e.name.startsWith('.')) continue;
        const full = path.join(folder, e.name);
        if (e.isDirectory() && full !== library) folders.push(full);
        else if (e.isFile() && wanted.has(path.extname(e.name).slice(1).toLowerCase())) out.push(full);
        if (out.length >= MAX_FOLDER_FILES) return out.sort();
      }
    }
    return out.sort();
  }

  async writeNew(dir: string, name: string, bytes: Uint8Array): Promise<string> {
    const safe = path.basename(name).replace(/[\\/:*?"<>|\0]/g, '_');
    const ext = path.extname(safe);
    const stem = safe.slice(0, safe.length - ext.length);
    for (let n = 1; n < 1000; n += 1) {
      const target = path.join(dir, n === 1 ? safe : `${stem} (${n})${ext}`);
      // O_EXCL: never overwrite something the user already has there.
      const handle = await open(target, 'wx').catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'EEXIST') return null;
        throw err;
      });
      if (!handle) continue;
      try {
        await handle.writeFile(bytes);
      } finally {
        await handle.close();
      }
      return target;
    }
    return fail({ kind: 'storage', message: 'Too many files with that name in the target folder.' });
  }
}
