/**
 * Pacing to xAI's published per-model limits (updates §4: images 6 requests/s, video 10/s at the first tier, 429
 * beyond, no headers): a token bucket per model, pure state on an injected time. The bucket holds `burst` tokens
 * (default 1) and refills at `rate` per second, so with the default requests leave evenly spaced, at least 1/rate s
 * apart. Even spacing rather than a burst of `rate` at once because xAI counts in a window we cannot see: a burst
 * that fills one second and a steady flow in the next both stay under the limit in any one-second window only when
 * no two requests come closer than 1/rate. `headroom` (default 0.95) paces a little under the published figure so
 * the timing noise of the network never pushes one request into the next second's allowance.
 *
 * The adaptive 429 handling (scheduler/rate-limiter.ts) stays in place for when the real limit is lower than paced.
 */

export interface PaceRule {
  /** Requests per second allowed (the published figure). */
  rate: number;
  /** Tokens the bucket holds when full. */
  burst?: number;
}

export interface Pacer {
  /** Earliest time (ms) a request for `key` may go; `now` or earlier when it may go at once. */
  nextAt(key: string, now: number): number;
  /** Takes a token for `key` at `now` (call only when `nextAt(key, now) <= now`). */
  take(key: string, now: number): void;
  /** Waits for a token and takes it (for work outside the queue: edits, video starts). */
  acquire(key: string, clock: { now(): number; sleep(ms: number, signal?: AbortSignal): Promise<void> }, signal?: AbortSignal): Promise<void>;
}

export const PACE_HEADROOM = 0.95;

/** `rule(key)` is read at every decision, so a changed tier in Settings applies to the next request. Undefined: unpaced. */
export function createPacer(rule: (key: string) => PaceRule | undefined, headroom = PACE_HEADROOM): Pacer {
  const buckets = new Map<string, { tokens: number; at: number }>();

  function state(key: string, now: number, r: PaceRule) {
    const burst = Math.max(1, r.burst ?? 1);
    const perMs = (r.rate * headroom) / 1000;
    const b = buckets.get(key) ?? { tokens: burst, at: now };
    const tokens = Math.min(burst, b.tokens + Math.max(0, now - b.at) * perMs);
    return { tokens, perMs, b };
  }

  const pacer: Pacer = {
    nextAt(key, now) {
      const r = rule(key);
      if (!r || !(r.rate > 0)) return now;
      const { tokens, perMs } = state(key, now, r);
      return tokens >= 1 ? now : now + Math.ceil((1 - tokens) / perMs);
    },
    take(key, now) {
      const r = rule(key);
      if (!r || !(r.rate > 0)) return;
      const { tokens, b } = state(key, now, r);
      b.tokens = tokens - 1;
      b.at = now;
      buckets.set(key, b);
    },
    async acquire(key, clock, signal) {
      for (;;) {
        const now = clock.now();
        const at = pacer.nextAt(key, now);
        if (at <= now) return pacer.take(key, now);
        await clock.sleep(at - now, signal);
      }
    },
  };
  return pacer;
}
