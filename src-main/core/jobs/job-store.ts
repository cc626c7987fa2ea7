import type { BatchWithJobs, StoredBatch, StoredJob } from './types';

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
  /** Every batch, newest first, with jobs in queue order. */
  listBatches(): BatchWithJobs[];
  /** Ids of queued jobs in queue order (oldest batch first). */
  queuedJobIds(): string[];
  /** Jobs left `running` by a previous process become `interrupted` with `message`; returns their ids. */
  markInterrupted(message: string, now: number): string[];
  /** Deletes batches (and their jobs). */
  deleteBatches(ids: readonly string[]): number;
  /** Appends to the spend ledger, which outlives cleared batches (the day's total must not drop on a clear). */
  recordSpend(entry: { jobId: string; at: number; ticks: number }): void;
  /** Sum of the ledger entries at or after `since` (ms). */
  spentSince(since: number): number;
  close(): void;
}
