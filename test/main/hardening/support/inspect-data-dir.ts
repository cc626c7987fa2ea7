/**
 * Reads a data folder the way a suspicious user would after a crash: which library rows have their files, which
 * files have no row, leftover temp files, staged results, and `PRAGMA integrity_check` on every database.
 * Run it only while no host has the folder open.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export interface LibraryRow {
  id: string;
  kind: string;
  file: string;
  thumb: string | null;
  requestId: string | null;
  sourceJobId: string | null;
  missing: boolean;
}

export interface DataDirReport {
  rows: LibraryRow[];
  /** Rows whose media file is not on disk. */
  rowsWithoutFile: string[];
  /** Media, sidecar or rendition files whose id has no row (after reconcile these must not exist). */
  orphanFiles: string[];
  /** `.tmp` files anywhere under the library. */
  tempFiles: string[];
  /** Files left under `<dataDir>/staging`. */
  stagedFiles: string[];
  /** Rows without their grid thumbnail. */
  rowsWithoutThumb: string[];
  /** Database file → 'ok' or the first problems integrity_check reported. */
  integrity: Record<string, string>;
  integrityFailures: number;
}

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function integrityOf(file: string): string {
  try {
    const db = new DatabaseSync(file);
    try {
      const rows = db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[];
      const text = rows.map((r) => r.integrity_check).join('; ');
      return text === 'ok' ? 'ok' : text.slice(0, 500);
    } finally {
      db.close();
    }
  } catch (err) {
    return `cannot open: ${(err as Error).message}`;
  }
}

export function inspectDataDir(dataDir: string): DataDirReport {
  const libraryDir = path.join(dataDir, 'library');
  const dbFiles = walk(dataDir).filter((f) => f.endsWith('.db'));
  const integrity = Object.fromEntries(dbFiles.map((f) => [path.relative(dataDir, f), integrityOf(f)]));
  const db = new DatabaseSync(path.join(libraryDir, 'library.db'), { readOnly: true });
  const rows = (db.prepare('SELECT id, kind, file, thumb, request_id, source_job_id, missing FROM items').all() as Record<string, unknown>[]).map(
    (r): LibraryRow => ({
      id: String(r.id), kind: String(r.kind), file: String(r.file), thumb: r.thumb === null ? null : String(r.thumb),
      requestId: r.request_id === null ? null : String(r.request_id), sourceJobId: r.source_job_id === null ? null : String(r.source_job_id),
      missing: Number(r.missing) === 1,
    }),
  );
  db.close();
  const ids = new Set(rows.map((r) => r.id));
  const files = ['media', 'thumbs', 'previews'].flatMap((top) => walk(path.join(libraryDir, top))).map((f) => path.relative(libraryDir, f).split(path.sep).join('/'));
  const tempFiles = walk(libraryDir).filter((f) => path.basename(f).endsWith('.tmp')).map((f) => path.relative(libraryDir, f));
  const orphanFiles = files.filter((f) => {
    const m = /\/([0-9a-f]{32})\.[a-z0-9]+$/.exec(f);
    return !f.endsWith('.tmp') && (!m || !ids.has(m[1] as string));
  });
  const exists = (rel: string) => existsSync(path.join(libraryDir, ...rel.split('/'))) && statSync(path.join(libraryDir, ...rel.split('/'))).size > 0;
  return {
    rows,
    rowsWithoutFile: rows.filter((r) => !exists(r.file)).map((r) => r.id),
    rowsWithoutThumb: rows.filter((r) => !r.thumb || !exists(r.thumb)).map((r) => r.id),
    orphanFiles,
    tempFiles,
    stagedFiles: walk(path.join(dataDir, 'staging')).map((f) => path.relative(dataDir, f)),
    integrity,
    integrityFailures: Object.values(integrity).filter((v) => v !== 'ok').length,
  };
}

/** Lines of `<dataDir>/logs/main.log` (JSON), for what the host itself says it received. */
export function hostLog(dataDir: string): Record<string, unknown>[] {
  const file = path.join(dataDir, 'logs', 'main.log');
  if (!existsSync(file)) return [];
  return readFileLines(file).flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return []; // a line cut by SIGKILL
    }
  });
}

function readFileLines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}
