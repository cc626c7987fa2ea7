/**
 * One ledger and one budget for all paid work (image batches, edits, videos). The ledger rows live in the job store
 * (`<dataDir>/jobs.db`, table `ledger`, with a `kind` per row) so the session / day / all-time totals outlive cleared
 * batches and library switches; the cap comes from settings and is compared against what this session has spent plus
 * what is committed (queued or in flight) by every kind of work.
 *
 * Image batches (the queue), edits and videos all pay through it; demo mode's costs are recorded as simulated
 * (`demo` rows), kept out of the real totals and never held against the cap.
 *
 * ## The port, for any paid feature
 *
 * ```ts
 * const cost = estimateTicks;                       // list price of what is about to be sent
 * spend.assertWithinBudget('video', cost);          // throws `validation` (path "budget") with the estimate in words
 * const hold = spend.hold(cost);                    // counts as committed while the request is in flight
 * try {
 *   const answer = await api.startVideo(...);
 *   // …later, when xAI reports the cost:
 *   spend.record({ kind: 'video', ref: jobId, ticks: reportedTicks });  // ledger row + 'ledger:changed' event
 * } finally {
 *   hold.release();                                 // idempotent
 * }
 * ```
 * Work that stays queued for long (the image queue, unfinished videos) registers a live `committed` source instead of
 * holding; work whose cost may be reported again after a crash (a video polled again, a staged edit filed at start)
 * uses `recordOnce`.
 */
import type { Ledger } from '@contract';
import { fail } from '../../core/app-error';
import type { JobStore, SpendKindName } from '../../core/jobs/job-store';
import type { Clock, EventSink } from '../../core/ports';
import { ticksToUsd, validationError } from '../../core/xai';
import { capTicks, ledgerOf } from './ledger';

/** What a ledger row was paid for. */
export type SpendKind = SpendKindName;

/** The budget verdict for one piece of work, as the estimate views show it. */
export interface BudgetCheck {
  budgetCapUsd: number | null;
  /** Spent this session plus everything queued or in flight, in ticks. */
  committedTicks: number;
  exceedsBudget: boolean;
}

/** One billed amount. `demo` (default: whether demo mode is on now) marks a simulated cost, kept out of the real totals. */
export interface SpendRecord {
  kind: SpendKind;
  ref: string;
  ticks: number;
  demo?: boolean;
  /** What the work was estimated at before it was sent, when known (the ledger reconciles the two, issue 15.5). */
  estimateTicks?: number;
}

/** Recording what xAI billed (the paid-work pipeline's step). */
export type SpendRecorder = Pick<SpendPort, 'record' | 'recordOnce'>;

/** The part every paid feature uses. */
export interface SpendPort {
  /** What `ticks` more would do to the budget (never over it in demo mode: the simulator bills nothing). */
  check(ticks: number): BudgetCheck;
  /** Throws a `validation` error (path `budget`) naming the estimate when `ticks` more would pass the cap. */
  assertWithinBudget(what: SpendKind, ticks: number): void;
  /** Counts `ticks` as committed until `release()` (a request in flight whose cost is not reported yet). */
  hold(ticks: number): { release(): void };
  /** Appends a billed amount to the ledger and tells the renderer. */
  record(entry: SpendRecord): void;
  /** `record` unless the ledger already holds a row of this kind for `ref` (work found again after a crash); true if it wrote. */
  recordOnce(entry: SpendRecord): boolean;
  /** True while demo mode is on: costs are simulated. */
  isDemo(): boolean;
  ledger(): Ledger;
}

export interface SpendLedger extends SpendPort {
  /** Adds a live source of committed ticks (e.g. the image queue's queued and running jobs); returns a remover. */
  addCommitted(source: () => number): () => void;
  /** When this session started (its spend is what the cap is about). */
  readonly sessionStart: number;
}

const usd = (t: number) => `$${ticksToUsd(t).toFixed(2)}`;
const WHAT: Record<SpendKind, string> = { image: 'This batch', edit: 'This edit', video: 'This video', text: 'Enhancing this prompt' };

/** The refusal in words, shared by every kind of work. */
export function budgetRefusal(what: SpendKind, ticks: number, check: BudgetCheck): string {
  return `${WHAT[what]} would cost about ${usd(ticks)}. With ${usd(check.committedTicks)} already spent or queued this session, that is over your budget cap of $${(check.budgetCapUsd ?? 0).toFixed(2)}.`;
}

export function createSpendLedger(deps: {
  store: JobStore;
  clock: Clock;
  events: EventSink;
  budgetCapUsd: () => number | null;
  /** Demo mode on (default never): what is recorded then is simulated, and the budget is not in play. */
  demo?: () => boolean;
}): SpendLedger {
  const { store, clock, events } = deps;
  const isDemo = deps.demo ?? (() => false);
  const sessionStart = clock.now();
  const sources = new Set<() => number>();
  const holds = new Set<{ ticks: number }>();

  const ledger = (): Ledger => ledgerOf(store, clock.now(), sessionStart, deps.budgetCapUsd());
  const committed = () => {
    let sum = store.spentSince(sessionStart);
    for (const s of sources) sum += s();
    for (const h of holds) sum += h.ticks;
    return sum;
  };

  function record({ kind, ref, ticks, demo, estimateTicks }: SpendRecord): void {
    store.recordSpend({ jobId: ref, at: clock.now(), ticks, kind, demo: demo ?? isDemo(), ...(estimateTicks === undefined ? {} : { estimateTicks }) });
    events.emit('ledger:changed', ledger());
  }

  function check(ticks: number): BudgetCheck {
    const cap = deps.budgetCapUsd();
    // Demo mode spends nothing: its simulated costs never reach the cap (and the real work of the session is not its business).
    if (isDemo()) return { budgetCapUsd: cap, committedTicks: store.spentSince(sessionStart, { demo: true }), exceedsBudget: false };
    const committedTicks = committed();
    const limit = capTicks(cap);
    return { budgetCapUsd: cap, committedTicks, exceedsBudget: limit !== null && committedTicks + ticks > limit };
  }

  return {
    sessionStart,
    check,
    assertWithinBudget(what, ticks) {
      const verdict = check(ticks);
      if (verdict.exceedsBudget) fail(validationError([{ path: 'budget', message: budgetRefusal(what, ticks, verdict) }]));
    },
    hold(ticks) {
      const h = { ticks: isDemo() ? 0 : Math.max(0, ticks) };
      holds.add(h);
      return { release: () => void holds.delete(h) };
    },
    record,
    recordOnce(entry) {
      if (store.hasSpend(entry.ref, entry.kind)) return false;
      record(entry);
      return true;
    },
    isDemo,
    ledger,
    addCommitted(source) {
      sources.add(source);
      return () => void sources.delete(source);
    },
  };
}
