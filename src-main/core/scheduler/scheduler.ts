/**
 * A small queue runner with a concurrency cap that adapts to rate limits (see rate-limiter.ts). Pure apart from the
 * injected Clock: no timers of its own, so tests drive it with a fake clock. A rate-limited task is never failed: it
 * goes back to the front of the queue and runs again once the pause is over.
 */
import type { Clock } from '../ports';
import { DEFAULT_BACKOFF, initialLimiter, onRateLimited, onSuccess, withCap, type BackoffPolicy, type LimiterState } from './rate-limiter';

/** How one run of a task ended, from the scheduler's point of view. */
export type TaskOutcome = { kind: 'done' } | { kind: 'rate-limited'; retryAfterMs?: number };

/** What the scheduler tells its owner while it works. */
export interface SchedulerObserver {
  /** A task was rate limited and will run again after `delayMs`. */
  onRequeued?(id: string, delayMs: number): void;
  /** The limiter changed (for diagnostics and tests). */
  onLimiter?(state: LimiterState): void;
}

export interface SchedulerOptions {
  clock: Clock;
  /** The user's concurrency cap; read before each start so a settings change applies at once. */
  concurrency: () => number;
  /**
   * Runs one task. Must resolve (not reject) for rate limits; a rejection counts as done. `release()` frees the slot
   * early, when the remote part is over and only local work (saving results) remains: the cap is about requests at
   * the API, and local work should not hold back the next request.
   */
  execute(id: string, signal: AbortSignal, release: () => void): Promise<TaskOutcome>;
  random?: () => number;
  policy?: BackoffPolicy;
  observer?: SchedulerObserver;
}

/** Counts and limits right now. */
export interface SchedulerSnapshot {
  queued: number;
  running: number;
  limit: number;
  pausedUntil: number;
}

export interface Scheduler {
  /** Adds a task at the back of the queue; ignored if the id is already queued or running. */
  enqueue(id: string): void;
  /** Removes a queued task or aborts a running one. Returns false when the id is unknown. */
  cancel(id: string): boolean;
  has(id: string): boolean;
  snapshot(): SchedulerSnapshot;
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>;
  /** Stops starting tasks and aborts running ones. */
  dispose(): void;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { clock } = options;
  const random = options.random ?? Math.random;
  const policy = options.policy ?? DEFAULT_BACKOFF;
  /** Waiting ids in submission order; `seq` keeps a requeued task ahead of everything submitted after it. */
  const queue: { id: string; seq: number }[] = [];
  const running = new Map<string, { ctrl: AbortController; startedAt: number; seq: number }>();
  let nextSeq = 0;
  /** Tasks that released their slot and are finishing local work; `idle()` waits for them too. */
  const tails = new Set<string>();
  const life = new AbortController();
  let limiter = initialLimiter(options.concurrency());
  let waking = false;
  let idleWaiters: (() => void)[] = [];

  const setLimiter = (next: LimiterState) => {
    limiter = next;
    options.observer?.onLimiter?.(limiter);
  };

  function settleIdle() {
    if (queue.length > 0 || running.size > 0 || tails.size > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  }

  /** Sleeps until the pause ends, once, then pumps again. */
  function wakeLater(ms: number) {
    if (waking) return;
    waking = true;
    clock.sleep(ms, life.signal).then(
      () => {
        waking = false;
        pump();
      },
      () => (waking = false),
    );
  }

  function pump() {
    if (life.signal.aborted) return;
    const cap = options.concurrency();
    if (cap !== limiter.cap) setLimiter(withCap(limiter, cap));
    const now = clock.now();
    if (queue.length > 0 && now < limiter.pausedUntil) return wakeLater(limiter.pausedUntil - now);
    while (queue.length > 0 && running.size < limiter.limit) start(queue.shift() as { id: string; seq: number }, now);
    settleIdle();
  }

  function start({ id, seq }: { id: string; seq: number }, now: number) {
    const ctrl = new AbortController();
    const entry = { ctrl, startedAt: now, seq };
    running.set(id, entry);
    const release = () => {
      if (running.get(id) !== entry) return;
      running.delete(id);
      tails.add(id);
      setLimiter(onSuccess(limiter, entry.startedAt));
      pump();
    };
    void options
      .execute(id, ctrl.signal, release)
      .catch((): TaskOutcome => ({ kind: 'done' }))
      .then((outcome) => finish(id, outcome));
  }

  function finish(id: string, outcome: TaskOutcome) {
    if (tails.delete(id)) return settleIdle();
    const entry = running.get(id);
    running.delete(id);
    if (!entry) return pump();
    if (outcome.kind === 'rate-limited' && !entry.ctrl.signal.aborted && !life.signal.aborted) {
      const { state, delayMs } = onRateLimited(limiter, {
        now: clock.now(), startedAt: entry.startedAt, retryAfterMs: outcome.retryAfterMs, random: random(), policy,
      });
      setLimiter(state);
      const at = queue.findIndex((q) => q.seq > entry.seq);
      queue.splice(at < 0 ? queue.length : at, 0, { id, seq: entry.seq });
      options.observer?.onRequeued?.(id, delayMs);
    } else {
      setLimiter(onSuccess(limiter, entry.startedAt));
    }
    pump();
  }

  return {
    enqueue(id) {
      if (queue.some((q) => q.id === id) || running.has(id)) return;
      queue.push({ id, seq: nextSeq++ });
      pump();
    },
    cancel(id) {
      const i = queue.findIndex((q) => q.id === id);
      if (i >= 0) {
        queue.splice(i, 1);
        settleIdle();
        return true;
      }
      const entry = running.get(id);
      if (!entry) return false;
      entry.ctrl.abort(new DOMException('Cancelled', 'AbortError'));
      return true;
    },
    has: (id) => queue.some((q) => q.id === id) || running.has(id),
    snapshot: () => ({ queued: queue.length, running: running.size, limit: limiter.limit, pausedUntil: limiter.pausedUntil }),
    idle: () =>
      queue.length === 0 && running.size === 0 && tails.size === 0 ? Promise.resolve() : new Promise<void>((r) => idleWaiters.push(r)),
    dispose() {
      life.abort();
      queue.length = 0;
      for (const { ctrl } of running.values()) ctrl.abort(new DOMException('Shutting down', 'AbortError'));
    },
  };
}

export { DEFAULT_BACKOFF, type BackoffPolicy, type LimiterState } from './rate-limiter';
