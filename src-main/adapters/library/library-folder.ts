/**
 * Whether a folder may become the library: it must be empty, or already an Imagine Studio library (its
 * `library.db` is SQLite). Anything else is refused with the reason, before anything is created there: a library
 * writes `library.db` into its folder, serves files under it and reconcile may delete files that match its naming,
 * so a home folder or a folder of someone's files must never become one.
 */
import { closeSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

export type FolderVerdict = { ok: true; dir: string; exists: boolean } | { ok: false; reason: string };

/** Files the OS drops into any folder it shows: they do not make a folder "not empty". */
const OS_LITTER = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', '.localized']);
const SQLITE_MAGIC = 'SQLite format 3\0';

function isSqliteFile(file: string): boolean {
  try {
    if (!lstatSync(file).isFile()) return false;
    const fd = openSync(file, 'r');
    try {
      const head = Buffer.alloc(16);
      return readSync(fd, head, 0, 16, 0) === 16 && head.toString('latin1') === SQLITE_MAGIC;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/**
 * Judges `dir`. `mayCreate`: a missing folder is accepted when its parent exists (the user typed it on the command
 * line); a folder chosen in a dialog or saved earlier must exist (a missing one may be an unplugged drive).
 */
export function judgeLibraryFolder(dir: string, options: { mayCreate: boolean }): FolderVerdict {
  if (!path.isAbsolute(dir)) return { ok: false, reason: `${dir} is not a full path.` };
  let real: string;
  try {
    real = realpathSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') return { ok: false, reason: `${dir} cannot be read (${code ?? 'error'}).` };
    const parentOk = (() => {
      try {
        return statSync(path.dirname(dir)).isDirectory();
      } catch {
        return false;
      }
    })();
    if (options.mayCreate && parentOk) return { ok: true, dir: path.resolve(dir), exists: false };
    return { ok: false, reason: `${dir} does not exist.` };
  }
  let names: string[];
  try {
    if (!statSync(real).isDirectory()) return { ok: false, reason: `${dir} is not a folder.` };
    names = readdirSync(real).filter((n) => !OS_LITTER.has(n));
  } catch (err) {
    return { ok: false, reason: `${dir} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).` };
  }
  if (names.length === 0 || isSqliteFile(path.join(real, 'library.db'))) return { ok: true, dir: real, exists: true };
  const sample = names.slice(0, 3).map((n) => `“${n}”`).join(', ');
  return {
    ok: false,
    reason: `${dir} already holds other files (${names.length}, such as ${sample}) and is not an Imagine Studio library. Choose an empty folder or an existing library.`,
  };
}
