/**
 * When to try a request again. Generations are billed, so a POST is retried only when the server certainly did not
 * start work: a 429 (rejected before generation, doc §13.24) or a connection that never opened. GETs are
 * idempotent and are also retried on 5xx and network errors (xai-sdk-ts retries 500/502/503/504/529 on GET only).
 */

/** How a single attempt ended, as seen by the transport. */
export type AttemptFailure =
  | { type: 'status'; status: number; retryAfterMs?: number }
  /** `beforeSend`: DNS/refused/unreachable, the request never left. Otherwise it may have reached the server. */
  | { type: 'network'; beforeSend: boolean }
  | { type: 'timeout' };

/** Tunables, all overridable per client. */
export interface RetryPolicy {
  /** Total attempts including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After we honour; beyond it we give up and surface `rate-limited` to the user. */
  retryAfterCapMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 30_000, retryAfterCapMs: 60_000 };

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

const RETRYABLE_GET_STATUS = new Set([500, 502, 503, 504, 529]);

/** `attempt` is 1-based: the attempt that just failed. */
export function decideRetry(args: { method: 'GET' | 'POST'; attempt: number; failure: AttemptFailure; policy: RetryPolicy }): RetryDecision {
  const { method, attempt, failure, policy } = args;
  if (attempt >= policy.maxAttempts) return { retry: false };
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  if (failure.type === 'status' && failure.status === 429) {
    if (failure.retryAfterMs === undefined) return { retry: true, delayMs: backoff };
    if (failure.retryAfterMs > policy.retryAfterCapMs) return { retry: false };
    return { retry: true, delayMs: failure.retryAfterMs };
  }
  if (failure.type === 'network' && failure.beforeSend) return { retry: true, delayMs: backoff };
  if (method === 'POST') return { retry: false };
  if (failure.type === 'status') return RETRYABLE_GET_STATUS.has(failure.status) ? { retry: true, delayMs: backoff } : { retry: false };
  return { retry: true, delayMs: backoff };
}

/** undici/Node error codes that mean the connection was never established, so nothing was sent. */
const BEFORE_SEND_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT',
]);

/** Classifies a fetch rejection's cause chain (fetch wraps the socket error in `TypeError('fetch failed')`). */
export function isBeforeSendError(err: unknown): boolean {
  let cur: unknown = err;
  for (let depth = 0; depth < 5 && cur && typeof cur === 'object'; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && BEFORE_SEND_CODES.has(code)) return true;
    const errors = (cur as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((e) => isBeforeSendError(e))) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}
