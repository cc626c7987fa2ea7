/**
 * Resolves `ImageUrl` / `VideoUrl` inputs to bytes the way xAI describes (doc §4.1): data URIs are decoded, http(s)
 * URLs are fetched with a 5 s timeout and a 10 MiB cap, and any failure fails the whole request with a 400.
 * Our own `/files/...` URLs are read from the store directly.
 */
import { LIMITS } from '../core/xai/models';
import { sniffImage } from '../core/xai/media-sniff';
import type { FileStore } from './file-store';

/** A rejected input: status and `{code,error}` body to send. */
export class InputError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

const INVALID = 'Client specified an invalid argument';
const ACCEPTED = ['image/png', 'image/jpeg', 'image/webp'];

function urlOf(input: unknown, where: string): { url?: string; fileId?: string } {
  if (!input || typeof input !== 'object') throw new InputError(400, INVALID, `${where}: expected an object with url or file_id`);
  const o = input as { url?: unknown; image_url?: unknown; file_id?: unknown };
  const url = typeof o.url === 'string' ? o.url : typeof o.image_url === 'string' ? o.image_url : undefined;
  const fileId = typeof o.file_id === 'string' ? o.file_id : undefined;
  if (url && fileId) throw new InputError(400, INVALID, `${where}: url and file_id are mutually exclusive`);
  if (!url && !fileId) throw new InputError(400, INVALID, `${where}: provide url or file_id`);
  return { ...(url ? { url } : {}), ...(fileId ? { fileId } : {}) };
}

async function fetchLimited(url: string, where: string): Promise<Uint8Array> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000), headers: { 'user-agent': 'XaiImageApiFetch/1.0' } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.byteLength > LIMITS.maxInputImageBytes) throw new InputError(400, INVALID, `${where}: image larger than 10 MiB`);
    return bytes;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(400, INVALID, `${where}: failed to fetch ${url}: ${(err as Error).message}`);
  }
}

function decodeDataUri(url: string, where: string): { mime: string; bytes: Uint8Array } {
  const m = /^data:([^;,]*)(;[^,]*)?,(.*)$/s.exec(url);
  if (!m || !/;base64/i.test(m[2] ?? '')) throw new InputError(400, INVALID, `${where}: invalid data URI`);
  return { mime: m[1] ?? '', bytes: new Uint8Array(Buffer.from(m[3] ?? '', 'base64')) };
}

/** An edit or reference image as bytes, checked for format and size. */
export async function resolveImage(input: unknown, where: string, store: FileStore): Promise<Uint8Array> {
  const { url, fileId } = urlOf(input, where);
  if (fileId) throw new InputError(404, 'Some requested entity was not found', `${where}: file ${fileId} not found`);
  const own = store.byUrl(url ?? '');
  if (own) return own.bytes;
  let bytes: Uint8Array;
  if (url?.startsWith('data:')) {
    const d = decodeDataUri(url, where);
    if (!ACCEPTED.includes(d.mime)) throw new InputError(400, INVALID, `${where}: unsupported image format ${d.mime || 'unknown'}; use PNG, JPEG or WebP`);
    bytes = d.bytes;
  } else if (url && /^https?:\/\//.test(url)) {
    bytes = await fetchLimited(url, where);
  } else {
    throw new InputError(400, INVALID, `${where}: url must be http(s) or a data URI`);
  }
  if (bytes.byteLength > LIMITS.maxInputImageBytes) throw new InputError(400, INVALID, `${where}: image larger than 10 MiB`);
  const sniffed = sniffImage(bytes);
  if (!sniffed || !ACCEPTED.includes(sniffed)) throw new InputError(400, INVALID, `${where}: unsupported image format; use PNG, JPEG or WebP`);
  return bytes;
}

/** A video input as bytes plus, when it is one of ours, its known duration and size. */
export async function resolveVideo(input: unknown, store: FileStore): Promise<{ bytes: Uint8Array; known?: { durationSeconds: number; width: number; height: number } }> {
  const { url, fileId } = urlOf(input, 'video');
  if (fileId) throw new InputError(404, 'Some requested entity was not found', `video: file ${fileId} not found`);
  const own = store.byUrl(url ?? '');
  if (own?.durationSeconds !== undefined && own.width && own.height) {
    return { bytes: own.bytes, known: { durationSeconds: own.durationSeconds, width: own.width, height: own.height } };
  }
  if (url?.startsWith('data:')) {
    const d = decodeDataUri(url, 'video');
    if (d.mime !== 'video/mp4') throw new InputError(400, INVALID, 'video: must be an .mp4 (data:video/mp4;base64,...)');
    return { bytes: d.bytes };
  }
  if (url && /^https?:\/\//.test(url)) {
    if (!/\.mp4(\?|#|$)/i.test(url)) throw new InputError(400, INVALID, 'video: the URL must point to an .mp4 file');
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
    if (!res?.ok) throw new InputError(400, INVALID, `video: failed to fetch ${url}`);
    return { bytes: new Uint8Array(await res.arrayBuffer()) };
  }
  throw new InputError(400, INVALID, 'video: url must be http(s) or a data URI');
}
