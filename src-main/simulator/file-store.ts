/**
 * Temporary result files served by the simulator itself (`/files/img/<id>.jpg`, `/files/vid/<id>.mp4`), like xAI's
 * pre-signed URLs: no auth, expire after a TTL (then 404), and video supports Range requests for seeking and resume.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { send } from './http-util';

/** One stored result. */
export interface StoredFile {
  id: string;
  kind: 'img' | 'vid';
  bytes: Uint8Array;
  mime: string;
  expiresAt: number;
  width?: number;
  height?: number;
  durationSeconds?: number;
  /** Break the first transfer half way (the `DOWNLOAD_RESET` trigger). */
  breakFirstDownload?: boolean;
}

export function createFileStore(now: () => number) {
  const files = new Map<string, StoredFile>();

  function put(baseUrl: string, f: Omit<StoredFile, 'id'>): { file: StoredFile; url: string } {
    const file: StoredFile = { ...f, id: randomUUID() };
    files.set(file.id, file);
    return { file, url: `${baseUrl}/files/${file.kind}/${file.id}.${file.kind === 'img' ? 'jpg' : 'mp4'}` };
  }

  /** Finds a stored file by one of our own URLs (used when a result is fed back as an input). */
  function byUrl(url: string): StoredFile | undefined {
    const m = /\/files\/(img|vid)\/([0-9a-f-]+)\.(jpg|mp4)$/.exec(url);
    const f = m ? files.get(m[2] ?? '') : undefined;
    return f && f.expiresAt > now() ? f : undefined;
  }

  /** Serves GET/HEAD `/files/...`; returns false when the path is not a file path. */
  function serve(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    const m = /^\/files\/(img|vid)\/([0-9a-f-]+)\.(jpg|mp4)$/.exec(path);
    if (!m) return false;
    const f = files.get(m[2] ?? '');
    if (!f || f.kind !== m[1] || f.expiresAt <= now()) {
      send(res, 404, 'This temporary URL has expired or never existed.', { 'content-type': 'text/plain' });
      return true;
    }
    const total = f.bytes.byteLength;
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    let start = 0;
    let end = total - 1;
    if (range && (range[1] || range[2])) {
      start = range[1] ? Number(range[1]) : total - Number(range[2]);
      end = range[1] && range[2] ? Math.min(Number(range[2]), total - 1) : total - 1;
      if (start >= total || start > end) {
        send(res, 416, '', { 'content-range': `bytes */${total}` });
        return true;
      }
    }
    const partial = Boolean(range && (range[1] || range[2]));
    const body = f.bytes.subarray(start, end + 1);
    res.writeHead(partial ? 206 : 200, {
      'content-type': f.mime,
      'content-length': body.byteLength,
      'accept-ranges': 'bytes',
      'cache-control': 'no-store',
      ...(partial ? { 'content-range': `bytes ${start}-${end}/${total}` } : {}),
    });
    if (req.method === 'HEAD') {
      res.end();
    } else if (f.breakFirstDownload && body.byteLength > 1) {
      f.breakFirstDownload = false;
      res.write(body.subarray(0, Math.floor(body.byteLength / 2)), () => res.destroy());
    } else {
      res.end(body);
    }
    return true;
  }

  return { put, byUrl, serve, files };
}

export type FileStore = ReturnType<typeof createFileStore>;
