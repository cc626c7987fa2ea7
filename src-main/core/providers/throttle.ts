/**
 * A client-side request throttle: at most `max` requests within any `windowMs`, counting every call (polls too),
 * and a pause the server can impose after a 429 (Stability times a key out for 60 s: stability-api.md §5, Q8).
 * Pure: time comes from the injected Clock, so tests run on a fake one.
 */
import type { Clock } from '../ports';

export interface Throttle {
  /** Waits until a request may go out, then counts it. */
  take(signal?: AbortSignal): Promise<void>;
  /** No request goes out before `untilMs` (clock time). */
  pauseUntil(untilMs: number): void;
}

export function createWindowThrottle(o: { max: number; windowMs: number; clock: Clock }): Throttle {
  let sent: number[] = [];
  let pausedUntil = 0;
  return {
    async take(signal) {
      for (;;) {
        const now = o.clock.now();
        sent = sent.filter((at) => now - at < o.windowMs);
        const waitPause = pausedUntil - now;
        const waitWindow = sent.length >= o.max ? (sent[0] as number) + o.windowMs - now : 0;
        const wait = Math.max(waitPause, waitWindow);
        if (wait <= 0) {
          sent.push(now);
          return;
        }
        await o.clock.sleep(wait, signal);
      }
    },
    pauseUntil(untilMs) {
      pausedUntil = Math.max(pausedUntil, untilMs);
    },
  };
}
