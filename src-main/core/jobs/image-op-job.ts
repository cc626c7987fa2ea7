/**
 * A journaled image operation whose result is polled for: Stability AI's creative upscale (its POST answers a
 * generation id; the image is collected later from `GET /v2beta/results/{id}`, for 24 hours). The id is the only
 * handle on a result Stability bills, so it lives in a journal row (core/jobs/journal.ts), written the moment it
 * arrives, and a restart resumes polling from the row alone.
 */
import type { StagedMeta } from './result-staging';
import type { JobJournal, JournalRow } from './journal';

export interface StoredImageOpJob extends JournalRow {
  provider: 'stability';
  operation: 'upscale-creative';
  /** The library image it is made from (its `edited-from` parent). */
  sourceItemId: string;
  /** Stability's generation id, once the start call answered. */
  remoteId: string | null;
  /** The HTTP request id of the start call, for support. */
  startRequestId: string | null;
  /** The list price, committed against the budget until the job ends, and recorded once when the result arrives. */
  estimateTicks: number;
  polls: number;
  /** What the result is filed with (its request id, seed and staging time are filled in when it arrives). */
  meta: StagedMeta;
  /** Set before the result is staged: after a crash, the library is searched for this job's item first. */
  ingestAt: number | null;
  itemId: string | null;
  seed: number | null;
}

/** Durable journal of image operations: `<dataDir>/image-op-jobs.db` (adapters/provider-ops), or in memory. */
export type ImageOpJournal = JobJournal<StoredImageOpJob>;
