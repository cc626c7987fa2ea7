import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { mimeForExt, parseLibraryName } from '../core/library/paths';

/** MIME types of what the library stores; anything else is served as octet-stream. */
const MIME: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

/**
 * True only for the library's own layout, `media|thumbs|previews/<2 hex>/<id>.<ext>` with a media extension: never
 * the database, a sidecar, a temp file or anything a folder might also hold.
 */
export function isServableLibraryPath(relPath: string): boolean {
  const name = parseLibraryName(relPath);
  return name !== null && mimeForExt(name.ext) !== null;
}

/**
 * Resolves a library-relative path to a real file inside the library root, or null. Only paths of the library's
 * layout (isServableLibraryPath) pass; symlinks that lead out of the root are refused on the real path.
 */
export async function resolveLibraryFile(root: string, relativeUrlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relativeUrlPath);
  } catch {
    return null;
  }
  if (!isServableLibraryPath(decoded)) return null;
  const segments = decoded.split('/');
  try {
    const realRoot = await realpath(root);
    const real = await realpath(path.join(realRoot, ...segments));
    if (!real.startsWith(realRoot + path.sep)) return null;
    const info = await stat(real);
    return info.isFile() ? real : null;
  } catch {
    return null;
  }
}

export interface MediaResponse {
  status: number;
  headers: Record<string, string>;
  /** Null for errors and HEAD requests. */
  body: Readable | null;
}

/** Parses a single `bytes=a-b` range; multi-range requests are answered with the whole file. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'invalid' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, a = '', b = ''] = match;
  if (a === '' && b === '') return 'invalid';
  let start: number;
  let end: number;
  if (a === '') {
    start = Math.max(0, size - Number(b));
    end = size - 1;
  } else {
    start = Number(a);
    end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  }
  if (start > end || start >= size) return 'invalid';
  return { start, end };
}

/**
 * Answers a media request the same way for both shells: 404 outside the library, Range support (video seek),
 * long immutable caching (library files are content-addressed and never rewritten in place).
 */
export async function readMedia(
  root: string,
  relativeUrlPath: string,
  rangeHeader: string | undefined,
): Promise<MediaResponse> {
  const file = await resolveLibraryFile(root, relativeUrlPath);
  if (!file) return { status: 404, headers: { 'content-type': 'text/plain' }, body: null };
  const { size } = await stat(file);
  const headers: Record<string, string> = {
    'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'accept-ranges': 'bytes',
    'cache-control': 'private, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
  };
  const range = parseRange(rangeHeader, size);
  if (range === 'invalid') {
    return { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` }, body: null };
  }
  if (range) {
    headers['content-range'] = `bytes ${range.start}-${range.end}/${size}`;
    headers['content-length'] = String(range.end - range.start + 1);
    return { status: 206, headers, body: createReadStream(file, range) };
  }
  headers['content-length'] = String(size);
  return { status: 200, headers, body: createReadStream(file) };
}

/** For the Electron protocol handler, which wants a web ReadableStream. */
export function toWebStream(body: Readable): ReadableStream<Uint8Array> {
  return Readable.toWeb(body) as ReadableStream<Uint8Array>;
}
