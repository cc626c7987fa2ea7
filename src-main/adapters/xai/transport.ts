/**
 * One JSON request to xAI with the retry rules of core/xai/retry.ts, per-attempt timeouts, cancellation and error
 * mapping. The only place the API key is read; it goes into the Authorization header and nowhere else (every error
 * message passes through `redactAppError` in case a proxy echoes it).
 */
import type { AppError } from '@contract';
import { AppErrorException, fail } from '../../core/app-error';
import type { Clock, Logger } from '../../core/ports';
import {
  DEFAULT_RETRY_POLICY, decideRetry, isBeforeSendError, keyMayGoTo, mapHttpError, parseRetryAfter, redactAppError,
  type AttemptFailure, type CallOptions, type RetryPolicy,
} from '../../core/xai';

/** How to reach xAI. */
export interface TransportOptions {
  /** Default `https://api.x.ai/v1`; the simulator's URL + `/v1` in demo mode and tests. */
  baseUrl?: string;
  /** Injected key source (the keychain); `null` fails with `missing-key` before anything is sent. */
  getApiKey(): Promise<string | null>;
  /** Used only for retry back-off, so tests can run retries on a fake clock. */
  clock: Clock;
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  /** Per-attempt timeouts. Images can take a minute; polls are quick. */
  timeouts?: { postMs?: number; getMs?: number; downloadMs?: number };
  logger?: Logger;
}

/** A 2xx (or 202) answer, body still as text so callers decide how tolerant to be. */
export interface RawResponse {
  status: number;
  text: string;
  requestId?: string;
  headers: Headers;
}

export interface SendArgs extends CallOptions {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  /** A multipart body (file uploads) instead of JSON; fetch writes its content type with the boundary. */
  form?: FormData;
  /** A GET of a poll endpoint: 404 means "gone", mapped to `not-found`. */
  isPoll?: boolean;
}

export const cancelled = (): AppError => ({ kind: 'cancelled', message: 'Cancelled.' });

/** Runs `fn` with a signal that fires on the caller's abort or after `timeoutMs`; tells which one fired. */
export async function withDeadline<T>(
  outer: AbortSignal | undefined,
  timeoutMs: number,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<{ value?: T; error?: unknown; timedOut: boolean }> {
  const ctrl = new AbortController();
  let timedOut = false;
  // Timeouts use a real timer on purpose: they bound real sockets. Back-off sleeps go through the injected Clock.
  const timer = setTimeout(() => {
    timedOut = true;
    ctrl.abort(new Error('timeout'));
  }, timeoutMs);
  const onAbort = () => ctrl.abort(outer?.reason);
  outer?.addEventListener('abort', onAbort, { once: true });
  // An already-aborted signal never fires 'abort' again: propagate it now.
  if (outer?.aborted) onAbort();
  try {
    return { value: await fn(ctrl.signal), timedOut: false };
  } catch (error) {
    return { error, timedOut };
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
}

export function createTransport(options: TransportOptions) {
  const baseUrl = (options.baseUrl ?? 'https://api.x.ai/v1').replace(/\/+$/, '');
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const doFetch = options.fetch ?? globalThis.fetch;

  async function sleepOrCancel(ms: number, signal: AbortSignal | undefined): Promise<void> {
    try {
      await options.clock.sleep(ms, signal);
    } catch {
      fail(cancelled());
    }
    if (signal?.aborted) fail(cancelled());
  }

  async function attempt(args: SendArgs, key: string): Promise<{ res?: RawResponse; failure?: AttemptFailure; error?: AppError }> {
    const timeoutMs = args.timeoutMs ?? (args.method === 'POST' ? options.timeouts?.postMs ?? 180_000 : options.timeouts?.getMs ?? 30_000);
    const headers: Record<string, string> = { authorization: `Bearer ${key}`, accept: 'application/json' };
    if (args.body !== undefined && !args.form) headers['content-type'] = 'application/json';
    const out = await withDeadline(args.signal, timeoutMs, async (signal) => {
      const res = await doFetch(`${baseUrl}${args.path}`, {
        method: args.method,
        headers,
        signal,
        // A redirect is answered as an error, never followed: the key must not ride along to wherever it points.
        redirect: 'manual',
        ...(args.form ? { body: args.form } : args.body === undefined ? {} : { body: JSON.stringify(args.body) }),
      });
      return { status: res.status, headers: res.headers, text: await res.text() };
    });
    if (args.signal?.aborted) return { error: cancelled() };
    if (out.timedOut) {
      return { failure: { type: 'timeout' }, error: { kind: 'timeout', message: `xAI did not answer within ${Math.round(timeoutMs / 1000)} s.` } };
    }
    if (!out.value) {
      const beforeSend = isBeforeSendError(out.error);
      const message = beforeSend ? 'Could not connect to xAI. Check your internet connection.' : 'The connection to xAI broke before an answer arrived.';
      return { failure: { type: 'network', beforeSend }, error: { kind: 'network', message } };
    }
    const { status, headers: h, text } = out.value;
    const requestId = h.get('x-request-id') ?? undefined;
    const res: RawResponse = { status, text, headers: h, ...(requestId === undefined ? {} : { requestId }) };
    if (status >= 200 && status < 300) return { res };
    const nowMs = options.clock.now();
    const retryAfterMs = parseRetryAfter(h.get('retry-after'), nowMs);
    return {
      failure: { type: 'status', status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
      error: mapHttpError({ status, bodyText: text, nowMs, retryAfter: h.get('retry-after'), isPoll: args.isPoll ?? false, ...(requestId === undefined ? {} : { requestId }) }),
    };
  }

  /** Sends with retries; resolves with any 2xx, throws AppErrorException otherwise. */
  async function send(args: SendArgs): Promise<RawResponse> {
    if (args.signal?.aborted) fail(cancelled());
    // The last line of defence if a bad address ever got this far: the key goes to https, or http on loopback only.
    if (!keyMayGoTo(new URL(`${baseUrl}${args.path}`))) {
      fail({ kind: 'internal', message: `The API address ${new URL(baseUrl).origin} is not one the key may be sent to.` });
    }
    const key = await options.getApiKey();
    if (!key) fail({ kind: 'missing-key', message: 'Add your xAI API key in Settings first.' });
    if (args.signal?.aborted) fail(cancelled());
    for (let n = 1; ; n++) {
      const { res, failure, error } = await attempt(args, key);
      options.logger?.info('xai request', { method: args.method, path: args.path, attempt: n, status: res?.status ?? failure?.type, requestId: res?.requestId });
      if (res) return res;
      // DELETE is idempotent: it retries like a GET.
      const method = args.method === 'DELETE' ? 'GET' : args.method;
      const decision = failure ? decideRetry({ method, attempt: n, failure, policy }) : { retry: false as const };
      if (!decision.retry) throw new AppErrorException(redactAppError(error ?? { kind: 'internal', message: 'Unknown failure.' }, key));
      await sleepOrCancel(decision.delayMs, args.signal);
    }
  }

  return { send, baseUrl, policy, fetch: doFetch };
}

export type Transport = ReturnType<typeof createTransport>;
