/**
 * The adaptive half of the scheduler, as pure state: how many requests may be in flight and until when everything
 * waits.
 *
 * A 429 on its own is not evidence of a team-wide limit (xAI also sheds single requests under load), so an isolated
 * 429 only delays THAT request (for the server's Retry-After when it gave one, else an exponential back-off with
 * jitter, per request) while everything else keeps going. When 429s cluster — `clusterSize` in a row with no success
 * between (20% random refusals make 3 in a row rare; a real limit makes them at once) — the limiter acts as AIMD, like TCP congestion control: it halves
 * the limit and pauses all starts; each run of successes as long as the limit raises it by one, back to the user's
 * cap. A 429 from a request started before the last cut (an older `epoch`) does not cut again: it was sent under the
 * old limit, and a storm should cost one halving, not one per request.
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
  /** 429s in a row (no success between) that mean a real limit rather than isolated refusals. 1 = every 429 cuts. */
  clusterSize: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 120_000, jitter: 0.2, clusterSize: 3 };

/** Limiter state; every field is plain data so tests can assert on it. */
export interface LimiterState {
  /** The user's cap (settings: concurrency). */
  cap: number;
  /** What is allowed right now, 1..cap. */
  limit: number;
  /** No request starts before this time (ms): only set when 429s cluster. */
  pausedUntil: number;
  /** Fresh 429s in a row with no success between, across all requests: detects a cluster. */
  streak: number;
  /** Successes since the limit last changed. */
  successes: number;
  /** Number of cuts so far; a request remembers the epoch it was sent in, and 429s of older epochs do not cut. */
  epoch: number;
}

export function initialLimiter(cap: number): LimiterState {
  const c = Math.max(1, Math.floor(cap));
  return { cap: c, limit: c, pausedUntil: 0, streak: 0, successes: 0, epoch: 0 };
}

/** A new cap from settings: the limit follows it down at once, and up only through successes unless untouched. */
export function withCap(s: LimiterState, cap: number): LimiterState {
  const c = Math.max(1, Math.floor(cap));
  const untouched = s.limit === s.cap;
  return { ...s, cap: c, limit: untouched ? c : Math.min(s.limit, c) };
}

/**
 * A request succeeded (or failed for a reason that is not a rate limit). Only requests sent in the current epoch
 * (after the last cut) count towards raising the limit: one that was already in flight says nothing about the new
 * limit. Any success ends a streak of 429s.
 */
export function onSuccess(s: LimiterState, epoch = s.epoch): LimiterState {
  if (epoch < s.epoch) return { ...s, streak: 0 };
  if (s.limit >= s.cap) return { ...s, streak: 0, successes: 0 };
  const successes = s.successes + 1;
  if (successes < s.limit) return { ...s, streak: 0, successes };
  return { ...s, streak: 0, successes: 0, limit: s.limit + 1 };
}

/** How long one request waits after its `attempt`-th 429 in a row (1-based); `random` is in [0, 1). */
export function retryDelay(args: { attempt: number; retryAfterMs?: number | undefined; random: number; policy?: BackoffPolicy }): number {
  const policy = args.policy ?? DEFAULT_BACKOFF;
  if (args.retryAfterMs !== undefined) return Math.min(policy.maxRetryAfterMs, Math.max(0, args.retryAfterMs));
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (Math.max(1, args.attempt) - 1));
  return Math.round(backoff * (1 + policy.jitter * args.random));
}

/**
 * A request was rate limited. `epoch` is the limiter epoch it was sent in; `attempt` counts this request's 429s in a
 * row (1 for the first). Returns the new state, how long THIS request waits (ms from now) and whether the whole
 * queue was cut and paused (`cut`).
 */
export function onRateLimited(
  s: LimiterState,
  args: { now: number; epoch: number; attempt?: number; retryAfterMs?: number | undefined; random: number; policy?: BackoffPolicy },
): { state: LimiterState; delayMs: number; cut: boolean } {
  const policy = args.policy ?? DEFAULT_BACKOFF;
  const delayMs = retryDelay({ attempt: args.attempt ?? 1, retryAfterMs: args.retryAfterMs, random: args.random, policy });
  if (args.epoch < s.epoch) return { state: s, delayMs, cut: false };
  const streak = s.streak + 1;
  if (streak < Math.max(1, policy.clusterSize)) return { state: { ...s, streak }, delayMs, cut: false };
  const limit = Math.max(1, Math.floor(s.limit / 2));
  const pausedUntil = Math.max(s.pausedUntil, args.now + delayMs);
  return { state: { ...s, limit, pausedUntil, streak: 0, successes: 0, epoch: s.epoch + 1 }, delayMs, cut: true };
}
