/**
 * The Files API and its public URLs (updates doc §5.2, behaviours #84–#87): multipart upload, listing, delete, and
 * `public-url` create/revoke with expiry. Public links are served by the simulator itself under `/cdn/<token>/…`
 * (xAI's are on files-cdn.x.ai): no auth, 404 once revoked, expired or deleted; the file itself stays.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResolvedOptions } from './config';
import { checkAuth } from './checks';
import { GRPC, send, sendError, sendJson } from './http-util';

export const MIN_URL_SECONDS = 3_600;
export const MAX_URL_SECONDS = 2_592_000;
export const MAX_PUBLIC_BYTES = 50 * 1024 * 1024;
export const MAX_ACTIVE_URLS = 1_000;
/** Uploads above this are refused outright (the API's own request cap is not documented; 100 MiB here). */
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

interface SimFile {
  id: string;
  filename: string;
  purpose: string;
  bytes: Uint8Array;
  mime: string;
  createdAt: number;
  /** The file's own TTL end (ms), when uploaded with `expires_after`. */
  expiresAt: number | null;
  url: { token: string; expiresAt: number | null } | null;
}

export interface FilesState {
  files: Map<string, SimFile>;
  /** Every token ever issued → file id (revoked tokens stay here, dead). */
  tokens: Map<string, { fileId: string; live: boolean }>;
  /** Active public URLs allowed per team (xAI: 1,000); tests lower it to reach the limit quickly. */
  maxActiveUrls: number;
}

export function createFilesState(): FilesState {
  return { files: new Map(), tokens: new Map(), maxActiveUrls: MAX_ACTIVE_URLS };
}

/** What a public link may serve, judged by the bytes (xAI refuses WebP among others). */
function sniff(b: Uint8Array): string {
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b[0] === 0x89 && ascii(1, 4) === 'PNG') return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8) return 'image/jpeg';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(4, 8) === 'ftyp') return 'video/mp4';
  if (ascii(0, 5) === '%PDF-') return 'application/pdf';
  return 'application/octet-stream';
}
const SHAREABLE = new Set(['image/png', 'image/jpeg', 'video/mp4', 'application/pdf']);

export interface FilesCtx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  raw: Buffer;
  baseUrl: string;
  opts: ResolvedOptions;
  state: FilesState;
}

const invalid = (res: ServerResponse, message: string, status = 400) => sendError(res, status, GRPC.invalid, message);
const secondsLeft = (f: SimFile, now: number) => (f.expiresAt === null ? Infinity : Math.floor((f.expiresAt - now) / 1000));

function live(f: SimFile | undefined, now: number): f is SimFile {
  return !!f && (f.expiresAt === null || f.expiresAt > now);
}

function urlOf(ctx: FilesCtx, f: SimFile): string | null {
  return f.url && (f.url.expiresAt === null || f.url.expiresAt > ctx.opts.now()) ? `${ctx.baseUrl}/cdn/${f.url.token}/${f.id}.${f.mime.split('/')[1] ?? 'bin'}` : null;
}

function fileJson(ctx: FilesCtx, f: SimFile) {
  const publicUrl = urlOf(ctx, f);
  return {
    id: f.id,
    object: 'file',
    bytes: f.bytes.byteLength,
    created_at: Math.floor(f.createdAt / 1000),
    filename: f.filename,
    purpose: f.purpose,
    ...(f.expiresAt === null ? {} : { expires_at: Math.floor(f.expiresAt / 1000) }),
    public_url: publicUrl,
    public_url_expires_at: publicUrl && f.url?.expiresAt ? Math.floor(f.url.expiresAt / 1000) : null,
  };
}

async function upload(ctx: FilesCtx): Promise<void> {
  const type = ctx.req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\b/i.test(type)) return invalid(ctx.res, 'Expected a multipart/form-data body with a `file` part.', 415);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(ctx.raw), { headers: { 'content-type': type } }).formData();
  } catch {
    return invalid(ctx.res, 'The multipart body could not be parsed.');
  }
  const file = form.get('file');
  if (!file || typeof file === 'string') return invalid(ctx.res, 'Missing the `file` part.');
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength === 0) return invalid(ctx.res, 'The file is empty.');
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return invalid(ctx.res, 'The file is too large.', 413);
  const ttl = form.get('expires_after');
  const seconds = typeof ttl === 'string' && ttl !== '' ? Number(ttl) : null;
  if (seconds !== null && (!Number.isInteger(seconds) || seconds < MIN_URL_SECONDS)) return invalid(ctx.res, '`expires_after` must be a whole number of seconds, at least 3600.');
  const now = ctx.opts.now();
  const f: SimFile = {
    id: `file-${randomBytes(12).toString('hex')}`,
    filename: file.name || 'upload',
    purpose: String(form.get('purpose') ?? 'assistants'),
    bytes,
    mime: sniff(bytes),
    createdAt: now,
    expiresAt: seconds === null ? null : now + seconds * 1000,
    url: null,
  };
  ctx.state.files.set(f.id, f);
  sendJson(ctx.res, 200, fileJson(ctx, f));
}

function activeUrls(ctx: FilesCtx): number {
  const now = ctx.opts.now();
  return [...ctx.state.files.values()].filter((f) => live(f, now) && urlOf(ctx, f) !== null).length;
}

function createUrl(ctx: FilesCtx, f: SimFile): void {
  let body: { expires_after?: unknown } = {};
  try {
    body = ctx.raw.length ? (JSON.parse(ctx.raw.toString('utf8')) as typeof body) : {};
  } catch {
    return invalid(ctx.res, 'Failed to parse the request body as JSON.');
  }
  const now = ctx.opts.now();
  // #87: only PNG, JPEG, MP4 and PDF; at most 50 MiB; at most 1,000 active URLs per team.
  if (!SHAREABLE.has(f.mime)) return invalid(ctx.res, `Public URLs are not supported for files of type ${f.mime}. Supported: image/png, image/jpeg, video/mp4, application/pdf.`);
  if (f.bytes.byteLength > MAX_PUBLIC_BYTES) return invalid(ctx.res, 'Public URLs are limited to files of at most 50 MiB.');
  const already = urlOf(ctx, f) !== null;
  const max = ctx.state.maxActiveUrls;
  if (!already && activeUrls(ctx) >= max) return invalid(ctx.res, `Your team already has ${max} active public URLs. Revoke some first.`);
  const after = body.expires_after;
  let expiresAt: number | null = f.expiresAt; // #84: with no expires_after, a file with a TTL lends the URL its own
  if (after !== undefined) {
    // #85: 1 hour to 30 days, and within the file's remaining life.
    if (typeof after !== 'number' || !Number.isInteger(after) || after < MIN_URL_SECONDS || after > MAX_URL_SECONDS) {
      return invalid(ctx.res, '`expires_after` must be between 3600 and 2592000 seconds.');
    }
    if (after > secondsLeft(f, now)) return invalid(ctx.res, '`expires_after` goes beyond the remaining life of the file.');
    expiresAt = now + after * 1000;
  }
  // #84: one URL per file, create is idempotent; a new expiry updates it in place and keeps the token.
  if (already && f.url) f.url.expiresAt = expiresAt;
  else {
    const token = randomBytes(16).toString('hex');
    ctx.state.tokens.set(token, { fileId: f.id, live: true });
    f.url = { token, expiresAt };
  }
  const url = urlOf(ctx, f);
  sendJson(ctx.res, 200, { public_url: url, ...(expiresAt === null ? {} : { expires_at: Math.floor(expiresAt / 1000) }) });
}

function revoke(ctx: FilesCtx, id: string): void {
  // #86: never an error; `revoked: true` only when a live URL was taken down.
  const f = ctx.state.files.get(id);
  const url = f ? urlOf(ctx, f) : null;
  if (f?.url) {
    const entry = ctx.state.tokens.get(f.url.token);
    if (entry) entry.live = false;
    f.url = null;
  }
  sendJson(ctx.res, 200, url ? { id, revoked: true, public_url: url } : { id, revoked: false });
}

/** Serves a public link: no auth, 404 when revoked, expired or deleted. */
export function serveCdn(ctx: Pick<FilesCtx, 'res' | 'method' | 'path' | 'opts' | 'state'>): boolean {
  const m = /^\/cdn\/([0-9a-f]{32})\/[^/]+$/.exec(ctx.path);
  if (!m) return false;
  const entry = ctx.state.tokens.get(m[1] ?? '');
  const f = entry?.live ? ctx.state.files.get(entry.fileId) : undefined;
  const now = ctx.opts.now();
  const token = f?.url;
  if (!f || !live(f, now) || !token || token.token !== m[1] || (token.expiresAt !== null && token.expiresAt <= now)) {
    send(ctx.res, 404, 'Not found', { 'content-type': 'text/plain' });
    return true;
  }
  ctx.res.writeHead(200, { 'content-type': f.mime, 'content-length': f.bytes.byteLength, 'cache-control': 'public, max-age=60' });
  ctx.res.end(ctx.method === 'HEAD' ? undefined : f.bytes);
  return true;
}

/** Answers `/v1/files…`; returns false for other paths. */
export async function handleFiles(ctx: FilesCtx): Promise<boolean> {
  if (!ctx.path.startsWith('/v1/files')) return false;
  if (!checkAuth(ctx.req, ctx.res, ctx.opts)) return true;
  const now = ctx.opts.now();
  const m = /^\/v1\/files(?:\/([^/]+))?(\/public-url(\/revoke)?)?$/.exec(ctx.path);
  if (!m) {
    sendError(ctx.res, 404, GRPC.notFound, `No route for ${ctx.method} ${ctx.path}`);
    return true;
  }
  const id = m[1] ? decodeURIComponent(m[1]) : undefined;
  const f = id ? ctx.state.files.get(id) : undefined;
  const found = live(f, now) ? f : undefined;
  if (m[3]) {
    if (ctx.method !== 'POST') send(ctx.res, 405, 'Method Not Allowed', { allow: 'POST' });
    else revoke(ctx, id ?? '');
  } else if (m[2]) {
    if (ctx.method !== 'POST') send(ctx.res, 405, 'Method Not Allowed', { allow: 'POST' });
    else if (!found) sendError(ctx.res, 404, GRPC.notFound, `File ${id} not found.`);
    else createUrl(ctx, found);
  } else if (!id) {
    if (ctx.method === 'POST') await upload(ctx);
    else if (ctx.method === 'GET') {
      const all = [...ctx.state.files.values()].filter((x) => live(x, now)).map((x) => fileJson(ctx, x));
      const onlyPublic = (ctx.query.get('filter') ?? '').replace(/\s+/g, '') === 'public_url!=null';
      sendJson(ctx.res, 200, { data: onlyPublic ? all.filter((x) => x.public_url !== null) : all });
    } else send(ctx.res, 405, 'Method Not Allowed', { allow: 'GET, POST' });
  } else if (ctx.method === 'GET') {
    if (!found) sendError(ctx.res, 404, GRPC.notFound, `File ${id} not found.`);
    else sendJson(ctx.res, 200, fileJson(ctx, found));
  } else if (ctx.method === 'DELETE') {
    // Deleting the file revokes its URL.
    if (!found || !id) sendError(ctx.res, 404, GRPC.notFound, `File ${id} not found.`);
    else {
      if (found.url) ctx.state.tokens.set(found.url.token, { fileId: id, live: false });
      ctx.state.files.delete(id);
      sendJson(ctx.res, 200, { id, object: 'file', deleted: true });
    }
  } else send(ctx.res, 405, 'Method Not Allowed', { allow: 'GET, DELETE' });
  return true;
}
