/**
 * The journal of paid work whose result is minutes or hours away (a video, Stability's creative upscale): one row
 * per job, written before the start call and updated the moment the provider answers with its id, so a crash at any
 * point leaves enough on disk to resume or explain. Adapters: `SqliteJournal` (one SQLite file per kind of work),
 * `InMemoryJournal` (tests). The loop that follows a row to its end is services/paid-work/journal-runner.ts.
 */
import type { VideoJobState } from '@contract';

/** The states of a journaled job (the video contract's names, shared by every kind). */
export type JournalState = VideoJobState;

/** What every journaled job has. */
export interface JournalRow {
  id: string;
  state: JournalState;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  reason: string | null;
  note: string | null;
}

/** Fields a service may change after insert. */
export type JournalPatch<J extends JournalRow> = Partial<Omit<J, 'id' | 'createdAt'>>;

/** Durable journal of one kind of job. */
export interface JobJournal<J extends JournalRow, P = JournalPatch<J>> {
  insert(job: J): void;
  /** Applies a patch and returns the updated job; undefined when the id is unknown. */
  update(id: string, patch: P): J | undefined;
  get(id: string): J | undefined;
  /** Newest first. */
  list(): J[];
  /** Jobs whose state is not final (`submitting`, `pending`, `downloading`), oldest first. */
  unfinished(): J[];
  /** Deletes jobs in a final state; returns how many. */
  removeFinished(): number;
  close(): void;
}

export const FINAL_STATES: readonly JournalState[] = ['done', 'failed', 'expired', 'blocked', 'lost', 'cancelled'];
export const isFinal = (state: JournalState): boolean => FINAL_STATES.includes(state);

/** The in-memory twin, for tests; same behaviour as the SQLite store (one shared suite runs against both). */
export class InMemoryJournal<J extends JournalRow, P = JournalPatch<J>> implements JobJournal<J, P> {
  private jobs = new Map<string, J>();

  insert(job: J): void {
    if (this.jobs.has(job.id)) throw new Error(`duplicate journaled job ${job.id}`);
    this.jobs.set(job.id, structuredClone(job));
  }

  update(id: string, patch: P): J | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    const next = { ...job, ...structuredClone(patch) };
    this.jobs.set(id, next);
    return structuredClone(next);
  }

  get(id: string): J | undefined {
    const job = this.jobs.get(id);
    return job && structuredClone(job);
  }

  list(): J[] {
    return [...this.jobs.values()].reverse().map((j) => structuredClone(j));
  }

  unfinished(): J[] {
    return [...this.jobs.values()].filter((j) => !isFinal(j.state)).map((j) => structuredClone(j));
  }

  removeFinished(): number {
    let n = 0;
    for (const [id, job] of this.jobs) if (isFinal(job.state) && this.jobs.delete(id)) n++;
    return n;
  }

  close(): void {}
}
