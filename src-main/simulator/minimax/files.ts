/**
 * Download links and stored files. Results are served at `/dl/<token>/<name>?Expires=<unix>` without auth, like
 * MiniMax's object-storage links; an expired link answers 403 XML `AccessDenied` (reference §8). Video files also
 * have 15-digit ids for `files/retrieve` and `files/retrieve_content`, owned by the key that made them.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { send } from '../http-util';

export interface StoredFile {
  fileId: string;
  key: string;
  bytes: Buffer;
  mime: string;
  filename: string;
  createdAt: number;
}

interface Link {
  bytes: Buffer;
  mime: string;
  expiresAt: number;
}

const xml = (code: string, message: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;

/** A 15-digit id as a string (JS-safe; reference §4.3). */
export const digitsId = () => `${randomInt(1, 10)}${String(randomInt(0, 100_000_000_000_000)).padStart(14, '0')}`;

export function createMinimaxFiles(now: () => number) {
  const links = new Map<string, Link>();
  const files = new Map<string, StoredFile>();
  return {
    files,
    /** A fresh download URL for bytes, valid for `ttlMs`. */
    link(baseUrl: string, bytes: Buffer, mime: string, name: string, ttlMs: number): string {
      const token = randomBytes(12).toString('hex');
      const expiresAt = now() + ttlMs;
      links.set(token, { bytes, mime, expiresAt });
      return `${baseUrl}/dl/${token}/${name}?Expires=${Math.floor(expiresAt / 1000)}`;
    },
    add(file: Omit<StoredFile, 'fileId' | 'createdAt'>): StoredFile {
      const stored = { ...file, fileId: digitsId(), createdAt: now() };
      files.set(stored.fileId, stored);
      return stored;
    },
    /** A file of this key, or undefined (unknown and foreign ids look the same). */
    get(fileId: string, key: string): StoredFile | undefined {
      const f = files.get(fileId);
      return f && f.key === key ? f : undefined;
    },
    /** Serves GET `/dl/…`; false when the path is not a download path. */
    serve(res: ServerResponse, path: string): boolean {
      const m = /^\/dl\/([0-9a-f]+)\/[^/]+$/.exec(path);
      if (!m) return false;
      const l = links.get(m[1] ?? '');
      if (!l) send(res, 404, xml('NoSuchKey', 'The specified key does not exist.'), { 'content-type': 'application/xml' });
      else if (l.expiresAt <= now()) send(res, 403, xml('AccessDenied', 'Request has expired'), { 'content-type': 'application/xml' });
      else send(res, 200, l.bytes, { 'content-type': l.mime, 'content-length': l.bytes.byteLength });
      return true;
    },
  };
}
export type MinimaxFiles = ReturnType<typeof createMinimaxFiles>;
