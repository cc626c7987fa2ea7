import path from 'node:path';
import type { ExportFiles, FileSink } from '../../core/desktop/export-files';
import type { Logger } from '../../core/ports';

/** How long an unclaimed download waits: the browser fetches it at once, so an hour is plenty. */
export const DOWNLOAD_TTL_MS = 60 * 60 * 1000;

/** A finished export file waiting for the browser to fetch it. */
export interface PendingDownload {
  path: string;
  /** File name the browser saves as. */
  name: string;
  mime: string;
}

/**
 * Browser-host exports: files under `<dataDir>/exports/<token>.<ext>`, each served once at `/download/<token>` and
 * removed after the download or after an hour. The token is the only way to name one; the table lives in memory,
 * so files of an earlier run (whose tokens are gone) are cleared at start.
 */
export function createDownloads(deps: { dir: string; files: ExportFiles; now(): number; randomToken(): string; logger: Logger; ttlMs?: number }) {
  const ttl = deps.ttlMs ?? DOWNLOAD_TTL_MS;
  const ready = new Map<string, PendingDownload & { expiresAt: number }>();
  const started = deps.files.clearDir(deps.dir).catch((err: unknown) => deps.logger.warn('export: could not clear old downloads', { error: String(err) }));

  const drop = (token: string) => {
    const entry = ready.get(token);
    ready.delete(token);
    if (entry) void deps.files.remove(entry.path).catch(() => undefined);
  };

  return {
    /** Starts a download file; `publish` makes it fetchable. */
    async create(name: string, mime: string): Promise<{ sink: FileSink; publish(): string }> {
      await started;
      const token = deps.randomToken();
      const ext = path.extname(name).replace(/[^.a-z0-9]/gi, '');
      const file = path.join(deps.dir, `${token}${ext}`);
      const sink = await deps.files.create(file);
      return {
        sink,
        publish: () => {
          ready.set(token, { path: file, name, mime, expiresAt: deps.now() + ttl });
          return token;
        },
      };
    },
    /** The file for a token, once: null when unknown, expired or already fetched. The caller removes it after sending. */
    claim(token: string): PendingDownload | null {
      const entry = ready.get(token);
      if (!entry) return null;
      ready.delete(token);
      if (entry.expiresAt <= deps.now()) {
        void deps.files.remove(entry.path).catch(() => undefined);
        return null;
      }
      return { path: entry.path, name: entry.name, mime: entry.mime };
    },
    /** Deletes a served file. */
    done: (download: PendingDownload) => deps.files.remove(download.path),
    /** Removes downloads nobody fetched within the hour. */
    sweep(): number {
      const now = deps.now();
      let n = 0;
      for (const [token, entry] of ready) {
        if (entry.expiresAt > now) continue;
        drop(token);
        n += 1;
      }
      return n;
    },
    /** Outstanding downloads (tests). */
    size: () => ready.size,
  };
}
export type Downloads = ReturnType<typeof createDownloads>;
