/**
 * The journaled video job and the store port it lives in. A job row is written before the start call and updated
 * the moment xAI answers with its id, so a crash at any point leaves enough on disk to resume or explain.
 */
import type { VideoMode, VideoSubmit } from '@contract';
import { FINAL_STATES, InMemoryJournal, isFinal, type JobJournal, type JournalRow } from '../jobs/journal';

/** One video job as the journal keeps it. */
export interface StoredVideoJob extends JournalRow {
  mode: VideoMode;
  /** The submit as the user made it (library ids, not media bytes), enough to explain or redo the job. */
  submit: VideoSubmit;
  /** The wire body as sent, with embedded media replaced by a short marker (it can be tens of MB). */
  request: Record<string, unknown>;
  model: string;
  seconds: number | null;
  progress: number | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  videoRequestId: string | null;
  /** xAI's HTTP request id of the start call, for support. */
  startRequestId: string | null;
  estimateTicks: number;
  costTicks: number | null;
  /** The temporary result URL (valid 24 h) once done, so a restart can download without asking again. */
  resultUrl: string | null;
  /** When xAI reported the job done: the result link is valid for 24 h from about then. */
  resultAt: number | null;
  /** Set just before the library ingest: after a crash, the library is searched for this job's item first. */
  ingestAt?: number | null;
  reason: string | null;
  note: string | null;
  parentId: string | null;
  itemId: string | null;
  polls: number;
}

/** Fields a service may change after insert. */
export type VideoJobPatch = Partial<Omit<StoredVideoJob, 'id' | 'mode' | 'submit' | 'createdAt'>>;

/** Durable journal of video jobs. Adapters: `SqliteVideoJobStore` (`<dataDir>/video-jobs.db`), `InMemoryVideoJobStore`. */
export type VideoJobStore = JobJournal<StoredVideoJob, VideoJobPatch>;

export { FINAL_STATES, isFinal };

/** The in-memory twin, for tests. */
export class InMemoryVideoJobStore extends InMemoryJournal<StoredVideoJob, VideoJobPatch> {}
