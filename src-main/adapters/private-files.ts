/**
 * The data folder is private by default (issue 12): every folder 0700 and every file 0600 — databases and their
 * WAL/SHM, logs, media, thumbnails, previews, exports, settings, staging. New files get it from the process umask
 * (so SQLite, sharp, ffmpeg and conf need no per-call care); files an older version left looser are repaired at
 * start.
 */
import { chmodSync, lstatSync } from 'node:fs';
import { chmod, lstat, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** No group or other bits on anything this process creates. */
export const PRIVATE_UMASK = 0o077;

/**
 * Sets the process umask to 077. Shells call it first thing; the core calls it again for any other entry point.
 * Worker threads cannot change the umask (Node refuses): there it is left as is, and the repair still runs.
 */
export function makeProcessPrivate(): void {
  try {
    process.umask(PRIVATE_UMASK);
  } catch {
    // ERR_WORKER_UNSUPPORTED_OPERATION: only the main thread owns the umask.
  }
}

/** The wanted mode for a folder or a regular file; null for anything else (symlinks are left alone, never followed). */
function wanted(mode: number, isDir: boolean, isFile: boolean): number | null {
  if (isDir) return (mode & 0o777) === 0o700 ? null : 0o700;
  if (isFile) return (mode & 0o077) === 0 ? null : (mode & 0o700) | 0o600;
  return null;
}

/** The folder itself, at once (before anything is opened in it). */
export function privateFolderNow(dir: string): void {
  const info = lstatSync(dir);
  const mode = wanted(info.mode, info.isDirectory(), info.isFile());
  if (mode !== null) chmodSync(dir, mode);
}

/** Walks `root` and tightens every folder to 0700 and every file to at most 0600. Answers how many it changed. */
export async function repairPrivateModes(root: string): Promise<number> {
  let fixed = 0;
  const visit = async (p: string): Promise<void> => {
    let info;
    try {
      info = await lstat(p);
    } catch {
      return; // removed while we walked
    }
    const mode = wanted(info.mode, info.isDirectory(), info.isFile());
    if (mode !== null) {
      await chmod(p, mode).catch(() => undefined);
      fixed++;
    }
    if (!info.isDirectory()) return;
    const names = await readdir(p).catch(() => [] as string[]);
    for (const name of names) await visit(path.join(p, name));
  };
  await visit(root);
  return fixed;
}

/** In the data folder: the roots walked to the end once already (folders and files made since get the umask). */
export const REPAIRED_ROOTS_FILE = 'private-modes.json';
const RepairedRoots = z.object({ roots: z.array(z.string().max(4096)).max(1000) });

/**
 * `repairPrivateModes` for each root not walked to the end before, then remembered in the data folder: a 1M-item
 * library has 3M+ files, and walking them at every start cost minutes of lstat calls competing with the grid
 * (issue 16), to repair what an older version left, once. Answers what it fixed per root it walked.
 */
export async function repairPrivateModesOnce(dataDir: string, roots: readonly string[]): Promise<{ root: string; fixed: number }[]> {
  const file = path.join(dataDir, REPAIRED_ROOTS_FILE);
  const done = new Set(
    await readFile(file, 'utf8')
      .then((text) => RepairedRoots.parse(JSON.parse(text)).roots)
      .catch(() => [] as string[]),
  );
  const walked: { root: string; fixed: number }[] = [];
  for (const root of roots) {
    const key = path.resolve(root);
    // A root inside one walked already (the default library folder is inside the data folder) was walked with it.
    if ([...done].some((d) => key === d || key.startsWith(d + path.sep))) continue;
    walked.push({ root, fixed: await repairPrivateModes(root) });
    done.add(key);
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify({ roots: [...done].slice(-1000) }));
    await rename(temp, file);
  }
  return walked;
}
