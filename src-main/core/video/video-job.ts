/**
 * The journaled video job and the store port it lives in. A job row is written before the start call and updated
 * the moment xAI answers with its id, so a crash at any point leaves enough on disk to resume or explain.
 */
import type { VideoJobState, VideoMode, VideoSubmit } from '@contract';

/** One video job as the journal keeps it. */
export interface StoredVideoJob {
  id: string;
  mode: VideoMode;
  state: VideoJobState;
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
export interface VideoJobStore {
  insert(job: StoredVideoJob): void;
  /** Applies a patch and returns the updated job; undefined when the id is unknown. */
  update(id: string, patch: VideoJobPatch): StoredVideoJob | undefined;
  get(id: string): StoredVideoJob | undefined;
  /** Newest first. */
  list(): StoredVideoJob[];
  /** Jobs whose state is not final (`submitting`, `pending`, `downloading`), oldest first. */
  unfinished(): StoredVideoJob[];
  /** Deletes jobs in a final state; returns how many. */
  removeFinished(): number;
  close(): void;
}

export const FINAL_STATES: readonly VideoJobState[] = ['done', 'failed', 'expired', 'blocked', 'lost', 'cancelled'];
export const isFinal = (state: VideoJobState): boolean => FINAL_STATES.includes(state);

/** The in-memory twin, for tests; same behaviour as the SQLite store (one shared suite runs against both). */
export class InMemoryVideoJobStore implements VideoJobStore {
  private jobs = new Map<string, StoredVideoJob>();

  insert(job: StoredVideoJob): void {
    if (this.jobs.has(job.id)) throw new Error(`duplicate video job ${job.id}`);
    this.jobs.set(job.id, structuredClone(job));
  }

  update(id: string, patch: VideoJobPatch): StoredVideoJob | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    const next = { ...job, ...structuredClone(patch) };
    this.jobs.set(id, next);
    return structuredClone(next);
  }

  get(id: string): StoredVideoJob | undefined {
    const job = this.jobs.get(id);
    return job && structuredClone(job);
  }

  list(): StoredVideoJob[] {
    return [...this.jobs.values()].reverse().map((j) => structuredClone(j));
  }

  unfinished(): StoredVideoJob[] {
    return [...this.jobs.values()].filter((j) => !isFinal(j.state)).map((j) => structuredClone(j));
  }

  removeFinished(): number {
    let n = 0;
    for (const [id, job] of this.jobs) if (isFinal(job.state) && this.jobs.delete(id)) n++;
    return n;
  }

  close(): void {}
}
