/**
 * Stability's error bodies (reference §5) mapped to the AppError union. v2beta bodies are `{id, name, errors[]}`,
 * v1 `{id, name, message}`; the user sees `errors[0]` (or `message`) and the log keeps the error `id`. A v1 401
 * echoes the key, so every message is redacted with the key before it goes anywhere.
 */
import type { AppError } from '@contract';
import { redactSecret } from '../xai/errors';

export interface StabilityErrorBody {
  id?: string;
  name?: string;
  message: string;
}

export function parseStabilityError(text: string): StabilityErrorBody {
  try {
    const j = JSON.parse(text) as { id?: unknown; name?: unknown; errors?: unknown; message?: unknown };
    const first = Array.isArray(j.errors) && typeof j.errors[0] === 'string' ? j.errors[0] : typeof j.message === 'string' ? j.message : '';
    return { ...(typeof j.id === 'string' ? { id: j.id } : {}), ...(typeof j.name === 'string' ? { name: j.name } : {}), message: first.slice(0, 500) };
  } catch {
    return { message: text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200) };
  }
}

const BILLING = 'https://platform.stability.ai/account/credits';

/** Maps a non-2xx Stability answer; `isPoll`: a GET of a result, where 404 means the result is gone. */
export function mapStabilityError(a: { status: number; bodyText: string; requestId?: string; key?: string | null; isPoll?: boolean }): AppError {
  const body = parseStabilityError(a.bodyText);
  const said = redactSecret(body.message || `HTTP ${a.status}`, a.key);
  const rid = a.requestId === undefined ? {} : { requestId: a.requestId };
  const ref = body.id ? ` (error id ${body.id})` : '';
  const name = body.name ?? '';
  if (a.status === 401) return { kind: 'unauthorized', message: `Stability AI did not accept the API key: ${said}`, ...rid };
  if (a.status === 402) return { kind: 'forbidden', message: `Stability AI: out of credits. Buy more at ${BILLING}. Stability said: ${said}`, ...rid };
  if (a.status === 403 || name === 'public_figure') {
    return { kind: 'moderated', message: `Stability AI's content policy refused this request (nothing was charged): ${said}`, ...rid };
  }
  if (a.status === 429) return { kind: 'rate-limited', message: `Stability AI rate limit reached: ${said}`, retryAfterMs: 60_000, ...rid };
  if (a.status === 404 && a.isPoll) return { kind: 'not-found', message: 'This Stability result no longer exists (unknown id, another key, or older than 24 hours).' };
  const prefix = a.status === 422 && name === 'invalid_language' ? 'Stability AI accepts English prompts only'
    : a.status === 413 ? 'The request was too large for Stability AI (over 10 MiB)'
    : a.status >= 500 ? 'Stability AI had a server error'
    : 'Stability AI rejected the request';
  return { kind: 'api', status: a.status, message: `${prefix}: ${said}${ref}`, ...(name ? { code: name } : {}), ...rid };
}
