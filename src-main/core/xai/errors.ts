/**
 * Turns xAI error responses into `AppError`s. Several body shapes coexist on the wire (doc §9.2): `{code, error}`,
 * OpenAI-style `{error:{message,code}}`, `{error:"..."}` and plain text from the HTTP framework. The parsing rule
 * follows xai-sdk-ts `errorFromResponse`.
 *
 * Mapping choices (documented for the UI):
 * - 400 whose message says the key is wrong → `unauthorized`: xAI reports a bad key as 400, not 401 (doc §9.1).
 * - 404 on a POST (unknown model or endpoint) → `api` with status 404: it is a configuration problem to show with
 *   details, whereas `not-found` is kept for "this result/id no longer exists" (404 on GET polls), which the UI
 *   treats as terminal and expected.
 */
import type { AppError } from '@contract';

/** Message and code pulled out of any documented error body. */
export interface ParsedErrorBody {
  message: string;
  code?: string;
}

const MAX_MESSAGE = 500;

/** Strips HTML to its title/text so an upstream proxy page does not flood the UI. */
function fromHtml(text: string): string {
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
  return plain || 'The server returned an HTML error page.';
}

/** Parses an error body of any documented shape; never throws. */
export function parseErrorBody(text: string): ParsedErrorBody {
  const trimmed = text.trim();
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    if (/^<(!doctype|html)/i.test(trimmed)) return { message: fromHtml(trimmed) };
    return { message: trimmed.slice(0, MAX_MESSAGE) };
  }
  if (typeof json === 'string') return { message: json.slice(0, MAX_MESSAGE) };
  if (json === null || typeof json !== 'object') return { message: trimmed.slice(0, MAX_MESSAGE) };
  const body = json as { error?: unknown; code?: unknown; message?: unknown };
  const codeOf = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  if (body.error && typeof body.error === 'object') {
    const inner = body.error as { message?: unknown; code?: unknown };
    const message = typeof inner.message === 'string' ? inner.message : JSON.stringify(inner);
    return withCode(message, codeOf(inner.code) ?? codeOf(body.code));
  }
  if (typeof body.error === 'string') return withCode(body.error, codeOf(body.code));
  if (typeof body.message === 'string') return withCode(body.message, codeOf(body.code));
  return withCode(trimmed.slice(0, MAX_MESSAGE), codeOf(body.code));
}

function withCode(message: string, code: string | undefined): ParsedErrorBody {
  return code === undefined ? { message: message.slice(0, MAX_MESSAGE) } : { message: message.slice(0, MAX_MESSAGE), code };
}

/**
 * Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). Undefined when absent or garbage.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** Everything the mapper needs to know about a failed HTTP response. */
export interface HttpFailure {
  status: number;
  bodyText: string;
  requestId?: string;
  retryAfter?: string | null;
  nowMs: number;
  /** GET of a poll endpoint: a 404 there means the id is unknown or the result expired. */
  isPoll?: boolean;
}

const looksLikeBadKey = (m: string) => /api key|incorrect.*key|invalid.*key|authentication/i.test(m);

/** Maps a non-2xx response to the AppError the UI shows. */
export function mapHttpError(f: HttpFailure): AppError {
  const { message, code } = parseErrorBody(f.bodyText);
  const rid = f.requestId === undefined ? {} : { requestId: f.requestId };
  const detail = message || `HTTP ${f.status}`;
  if (f.status === 401 || (f.status === 400 && looksLikeBadKey(detail))) {
    return { kind: 'unauthorized', message: `xAI did not accept the API key: ${detail}`, ...rid };
  }
  if (f.status === 403) {
    return { kind: 'forbidden', message: `xAI refused the request (no credits, or the key or team is blocked): ${detail}`, ...rid };
  }
  if (f.status === 429) {
    const retryAfterMs = parseRetryAfter(f.retryAfter, f.nowMs);
    return {
      kind: 'rate-limited',
      message: `xAI rate limit reached. ${retryAfterMs === undefined ? 'Try again shortly.' : `Try again in ${Math.ceil(retryAfterMs / 1000)} s.`}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...rid,
    };
  }
  if (f.status === 404 && f.isPoll) {
    return { kind: 'not-found', message: 'This result is no longer on xAI\'s servers (unknown id or expired).' };
  }
  const prefix =
    f.status === 404 ? 'Not found on xAI (unknown model or endpoint)'
    : f.status >= 500 ? 'xAI had a server error'
    : f.status === 415 || f.status === 405 ? 'The request was malformed (a bug in Imagine Studio)'
    : 'xAI rejected the request';
  return { kind: 'api', status: f.status, message: `${prefix}: ${detail}`, ...(code === undefined ? {} : { code }), ...rid };
}

/** Removes every occurrence of the secret from a message, so a key echoed by a proxy never reaches a log or the UI. */
export function redactSecret(message: string, secret: string | null | undefined): string {
  if (!secret || secret.length < 4) return message;
  return message.split(secret).join('[redacted key]');
}

/** Redacts the secret inside every string field of an AppError. */
export function redactAppError(error: AppError, secret: string | null | undefined): AppError {
  return { ...error, message: redactSecret(error.message, secret) } as AppError;
}
