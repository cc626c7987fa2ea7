/**
 * A small queue runner with a concurrency cap that adapts to rate limits (see rate-limiter.ts). Pure apart from the
 * injected Clock: no timers of its own, so tests drive it with a fake clock. A rate-limited task is never failed: it
 * goes back to its place in the queue and runs again once its own delay (Retry-After or back-off) is over; other
 * tasks keep starting meanwhile unless 429s cluster, which pauses and halves everything (see rate-limiter.ts).
 */
import type { Clock } from '../ports';
import type { Pacer } from '../paid-work/pacer';
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
  /**
   * Pacing to published per-model limits: a task starts only when its bucket (`key(id)`, read once when it is
   * queued; undefined: unpaced) has a token, so a big batch is spread out instead of running into 429s. Tasks of
   * other buckets go past one that waits.
   */
  pace?: { pacer: Pacer; key(id: string): string | undefined };
}

/** Counts and limits right now. */
export interface SchedulerSnapshot {
  queued: number;
  running: number;
  limit: number;
  /** Every start waits until then (only after a cluster of 429s). */
  pausedUntil: number;
  /** Queued tasks waiting out their own Retry-After or back-off. */
  delayed: number;
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
  /**
   * Paused (the user's "Pause queue"): nothing new starts; running tasks finish. `idle()` then resolves once nothing
   * runs, since nothing more will happen until `setPaused(false)`.
   */
  setPaused(paused: boolean): void;
  /** Puts these waiting tasks first, in this order; the others keep their order after them (move, run next, drag). */
  reorder(ids: readonly string[]): void;
  /** Stops starting tasks and aborts running ones. */
  dispose(): void;
}

/** A waiting task: `seq` keeps a requeued task ahead of everything submitted after it; `notBefore` delays it alone. */
interface Waiting {
  id: string;
  seq: number;
  /** This task may not start before this time (its own Retry-After or back-off). */
  notBefore: number;
  /** 429s in a row for this task: drives its exponential back-off. */
  strikes: number;
  /** Its pacing bucket (the model it calls). */
  key: string | undefined;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { clock } = options;
  const random = options.random ?? Math.random;
  const policy = options.policy ?? DEFAULT_BACKOFF;
  /** Waiting tasks in `seq` order. */
  const queue: Waiting[] = [];
  const running = new Map<string, { ctrl: AbortController; epoch: number; waiting: Waiting }>();
  let nextSeq = 0;
  /** Tasks that released their slot and are finishing local work; `idle()` waits for them too. */
  const tails = new Set<string>();
  const life = new AbortController();
  let limiter = initialLimiter(options.concurrency());
  /** The one pending wake-up: when, and how to cancel it for an earlier one. */
  let wake: { at: number; ctrl: AbortController } | null = null;
  let idleWaiters: (() => void)[] = [];
  let paused = false;

  const setLimiter = (next: LimiterState) => {
    limiter = next;
    options.observer?.onLimiter?.(limiter);
  };

  function settleIdle() {
    if ((queue.length > 0 && !paused) || running.size > 0 || tails.size > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  }

  /** Pumps again at `at`; an earlier request replaces a later pending one, a later one is ignored. */
  function wakeAt(at: number) {
    if (wake && wake.at <= at) return;
    wake?.ctrl.abort();
    const ctrl = new AbortController();
    const mine = { at, ctrl };
    wake = mine;
    const onLife = () => ctrl.abort();
    life.signal.addEventListener('abort', onLife, { once: true });
    clock.sleep(Math.max(0, at - clock.now()), ctrl.signal).then(
      () => {
        life.signal.removeEventListener('abort', onLife);
        if (wake === mine) wake = null;
        pump();
      },
      () => {
        life.signal.removeEventListener('abort', onLife);
        if (wake === mine) wake = null;
      },
    );
  }

  function pump() {
    if (life.signal.aborted) return;
    if (paused) return settleIdle();
    const cap = options.concurrency();
    if (cap !== limiter.cap) setLimiter(withCap(limiter, cap));
    const now = clock.now();
    if (queue.length > 0 && now < limiter.pausedUntil) return wakeAt(limiter.pausedUntil);
    let nextAt = Infinity;
    /** Buckets found empty in this pass: their other tasks are skipped without asking again. */
    const empty = new Set<string>();
    for (let i = 0; i < queue.length && running.size < limiter.limit; ) {
      const w = queue[i] as Waiting;
      const paceAt = w.key === undefined || !options.pace ? now : empty.has(w.key) ? Infinity : options.pace.pacer.nextAt(w.key, now);
      if (w.notBefore > now || paceAt > now) {
        if (w.key !== undefined && paceAt > now && !empty.has(w.key)) {
          empty.add(w.key);
          nextAt = Math.min(nextAt, paceAt);
        }
        if (w.notBefore > now) nextAt = Math.min(nextAt, w.notBefore);
        i++;
        continue;
      }
      if (w.key !== undefined) options.pace?.pacer.take(w.key, now);
      queue.splice(i, 1);
      start(w);
    }
    // Only tasks waiting out their own delay need a wake-up; a full house is woken by the next finish.
    if (running.size < limiter.limit && nextAt < Infinity) wakeAt(nextAt);
    settleIdle();
  }

  function start(waiting: Waiting) {
    const { id } = waiting;
    const ctrl = new AbortController();
    const entry = { ctrl, epoch: limiter.epoch, waiting };
    running.set(id, entry);
    const release = () => {
      if (running.get(id) !== entry) return;
      running.delete(id);
      tails.add(id);
      setLimiter(onSuccess(limiter, entry.epoch));
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
      const strikes = entry.waiting.strikes + 1;
      const now = clock.now();
      const { state, delayMs } = onRateLimited(limiter, {
        now, epoch: entry.epoch, attempt: strikes, retryAfterMs: outcome.retryAfterMs, random: random(), policy,
      });
      setLimiter(state);
      const waiting: Waiting = { ...entry.waiting, notBefore: now + delayMs, strikes };
      const at = queue.findIndex((q) => q.seq > waiting.seq);
      queue.splice(at < 0 ? queue.length : at, 0, waiting);
      options.observer?.onRequeued?.(id, delayMs);
    } else {
      setLimiter(onSuccess(limiter, entry.epoch));
    }
    pump();
  }

  return {
    enqueue(id) {
      if (queue.some((q) => q.id === id) || running.has(id)) return;
      queue.push({ id, seq: nextSeq++, notBefore: 0, strikes: 0, key: options.pace?.key(id) });
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
    snapshot: () => {
      const now = clock.now();
      return {
        queued: queue.length, running: running.size, limit: limiter.limit, pausedUntil: limiter.pausedUntil,
        delayed: queue.filter((q) => q.notBefore > now).length,
      };
    },
    idle: () =>
      (queue.length === 0 || paused) && running.size === 0 && tails.size === 0 ? Promise.resolve() : new Promise<void>((r) => idleWaiters.push(r)),
    setPaused(next) {
      paused = next;
      pump();
    },
    reorder(ids) {
      const rank = new Map(ids.map((id, i) => [id, i]));
      const first = queue.filter((q) => rank.has(q.id)).sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
      const rest = queue.filter((q) => !rank.has(q.id));
      // Fresh sequence numbers in the new order: a rate-limited task put back later lands by its own number.
      const base = Math.min(0, ...queue.map((q) => q.seq)) - queue.length;
      queue.splice(0, queue.length, ...[...first, ...rest].map((q, i) => ({ ...q, seq: base + i })));
      pump();
    },
    dispose() {
      life.abort();
      queue.length = 0;
      for (const { ctrl } of running.values()) ctrl.abort(new DOMException('Shutting down', 'AbortError'));
    },
  };
}

export { DEFAULT_BACKOFF, type BackoffPolicy, type LimiterState } from './rate-limiter';
