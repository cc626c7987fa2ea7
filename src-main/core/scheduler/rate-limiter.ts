/**
 * The adaptive half of the scheduler, as pure state: how many requests may be in flight and until when everything
 * waits. AIMD, like TCP congestion control: a 429 halves the limit and pauses all starts (for the server's
 * Retry-After when it gave one, else an exponential back-off with jitter); each run of successes as long as the
 * limit raises it by one, back to the user's cap. A 429 from a request started before the last cut does not cut
 * again: those requests were sent under the old limit, and a storm should cost one halving, not one per request.
 */

/** Tunables; defaults suit xAI's per-team RPS limits. */
export interface BackoffPolicy {
  /** First back-off without Retry-After. */
  baseDelayMs: number;
  /** Longest back-off without Retry-After. */
  maxDelayMs: number;
  /** Longest Retry-After we honour as given; longer asks are clamped (we still never fail the job). */
  maxRetryAfterMs: number;
  /** Random spread added to computed back-offs (0.2 = up to +20%), so clients do not retry in lock-step. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 120_000, jitter: 0.2 };

/** Limiter state; every field is plain data so tests can assert on it. */
export interface LimiterState {
  /** The user's cap (settings: concurrency). */
  cap: number;
  /** What is allowed right now, 1..cap. */
  limit: number;
  /** No request starts before this time (ms). */
  pausedUntil: number;
  /** 429s in a row with no success between: drives the exponential back-off. */
  consecutive: number;
  /** Successes since the limit last changed. */
  successes: number;
  /** When the limit was last cut; 429s of requests started earlier do not cut again. */
  lastCutAt: number;
}

export function initialLimiter(cap: number): LimiterState {
  const c = Math.max(1, Math.floor(cap));
  return { cap: c, limit: c, pausedUntil: 0, consecutive: 0, successes: 0, lastCutAt: -Infinity };
}

/** A new cap from settings: the limit follows it down at once, and up only through successes unless untouched. */
export function withCap(s: LimiterState, cap: number): LimiterState {
  const c = Math.max(1, Math.floor(cap));
  const untouched = s.limit === s.cap;
  return { ...s, cap: c, limit: untouched ? c : Math.min(s.limit, c) };
}

/**
 * A request succeeded (or failed for a reason that is not a rate limit). Only requests sent after the last cut
 * count towards raising the limit: one that was already in flight says nothing about the new limit.
 */
export function onSuccess(s: LimiterState, startedAt = Infinity): LimiterState {
  if (startedAt < s.lastCutAt) return { ...s, consecutive: 0 };
  if (s.limit >= s.cap) return { ...s, consecutive: 0, successes: 0 };
  const successes = s.successes + 1;
  if (successes < s.limit) return { ...s, consecutive: 0, successes };
  return { ...s, consecutive: 0, successes: 0, limit: s.limit + 1 };
}

/**
 * A request was rate limited. `startedAt` is when that request was sent; `random` is in [0, 1).
 * Returns the new state and the pause that was applied (ms from now).
 */
export function onRateLimited(
  s: LimiterState,
  args: { now: number; startedAt: number; retryAfterMs?: number | undefined; random: number; policy?: BackoffPolicy },
): { state: LimiterState; delayMs: number } {
  const policy = args.policy ?? DEFAULT_BACKOFF;
  const stale = args.startedAt < s.lastCutAt;
  const consecutive = stale ? s.consecutive : s.consecutive + 1;
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (consecutive - 1));
  const delayMs =
    args.retryAfterMs !== undefined
      ? Math.min(policy.maxRetryAfterMs, Math.max(0, args.retryAfterMs))
      : Math.round(backoff * (1 + policy.jitter * args.random));
  const pausedUntil = Math.max(s.pausedUntil, args.now + delayMs);
  if (stale) return { state: { ...s, pausedUntil }, delayMs };
  const limit = Math.max(1, Math.floor(s.limit / 2));
  return { state: { ...s, limit, pausedUntil, consecutive, successes: 0, lastCutAt: args.now }, delayMs };
}
