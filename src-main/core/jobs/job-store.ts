import type { BatchWithJobs, StoredBatch, StoredJob } from './types';

/** What a ledger row was paid for: images, edits, videos, or text (the prompt enhancer's chat calls). */
export type SpendKindName = 'image' | 'edit' | 'video' | 'text';

/** One row of the spend ledger. */
export interface SpendEntry {
  jobId: string;
  at: number;
  ticks: number;
  /** What was paid for; `image` when omitted. */
  kind?: SpendKindName;
  /** Made in demo mode (the simulator): simulated, never part of the real totals or the budget. */
  demo?: boolean;
  /** What the work was estimated at before it was sent (issue 15.5: the ledger reconciles estimates with bills). */
  estimateTicks?: number | null;
}

/** Billed work that had an estimate, summed: what reconciling estimates with bills reads. */
export interface Reconciliation {
  /** Ledger rows with an estimate. */
  count: number;
  estimateTicks: number;
  billedTicks: number;
}

/** Which rows a sum covers: real ones unless `demo`, of every kind unless `kind`. */
export interface SpendFilter {
  demo?: boolean;
  kind?: SpendKindName;
}

/** A prompt as the history keeps it. */
export interface PromptHistoryEntry {
  text: string;
  lastUsedAt: number;
  uses: number;
}

/** Most prompts the history keeps; the least recently used go first. */
export const PROMPT_HISTORY_MAX = 1000;

/**
 * Where the queue is persisted. Every write is durable when it returns, so a crash at any point leaves a state
 * `recoverInterrupted` can explain. Implemented by `SqliteJobStore` (adapters/jobs) and `InMemoryJobStore` (tests);
 * one shared suite runs against both.
 */
export interface JobStore {
  /** Inserts a batch and all its jobs atomically. */
  insertBatch(batch: StoredBatch, jobs: StoredJob[]): void;
  /** Replaces a job's mutable fields (state, times, cost, request id, error, tiles, attempts). */
  updateJob(job: StoredJob): void;
  getJob(id: string): StoredJob | undefined;
  getBatch(id: string): BatchWithJobs | undefined;
  /** The batch alone, without loading its jobs (the queue asks once per request; a batch may hold hundreds). */
  getBatchMeta(id: string): StoredBatch | undefined;
  /**
   * Rewrites the model and quality a batch sends (a retired model moved to its successor, issue 15.2), so its queued
   * jobs and retries go out with the current one. `quality` null: none.
   */
  setBatchModel(id: string, model: string, quality: string | null): void;
  /** How many of the batch's jobs are queued or running (0: the batch has settled). */
  unfinishedJobs(batchId: string): number;
  /** Every batch, newest first, with jobs in queue order. */
  listBatches(): BatchWithJobs[];
  /** Ids of queued jobs in queue order: as submitted (oldest batch first) unless `setQueueOrder` rearranged them. */
  queuedJobIds(): string[];
  /**
   * Puts these queued jobs first, in this order (issue 19: move up/down, run next, drag); other queued jobs keep
   * their order after them, and jobs queued later go to the end. Durable when it returns.
   */
  setQueueOrder(ids: readonly string[]): void;
  /** Whether the user paused the queue (it stays paused across restarts until resumed). */
  queuePaused(): boolean;
  setQueuePaused(paused: boolean): void;
  /**
   * Jobs left `running` by a previous process become `interrupted` with `message` (or the message for that job, which
   * names the provider it was with); returns their ids.
   */
  markInterrupted(message: string | ((job: StoredJob) => string), now: number): string[];
  /** Deletes batches (and their jobs). */
  deleteBatches(ids: readonly string[]): number;
  /**
   * Appends to the spend ledger, which outlives cleared batches (the day's total must not drop on a clear). Every
   * paid feature writes here (`kind`, default `image`); `jobId` is the reference of the work (job, edit, video).
   */
  recordSpend(entry: SpendEntry): void;
  /** Sum of the real (or, with `demo`, the simulated) ledger entries at or after `since` (ms), of every kind unless `kind`. */
  spentSince(since: number, filter?: SpendFilter): number;
  /** Estimates against bills of the real (or, with `demo`, simulated) rows at or after `since` that carry an estimate. */
  reconcileSince(since: number, filter?: Pick<SpendFilter, 'demo'>): Reconciliation;
  /** Whether the ledger holds a row of `kind` for `ref` (paid work recorded once, even across a crash). */
  hasSpend(ref: string, kind: SpendKindName): boolean;
  /** Remembers prompts as used at `at` (an older use of the same text moves to the front). */
  rememberPrompts(prompts: readonly string[], at: number): void;
  /** Prompts, most recently used first; with `query`, only those containing it (case-insensitive). */
  promptHistory(args: { query?: string; limit: number }): PromptHistoryEntry[];
  close(): void;
}
