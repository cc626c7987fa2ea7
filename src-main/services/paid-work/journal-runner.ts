/**
 * The one lifecycle of journaled paid work (core/jobs/journal.ts) — a video of xAI or MiniMax, Stability's creative
 * upscale: follow a started job to its end, step by step, re-reading the row before every step and writing each
 * outcome before moving on, so the loop can be killed at any await and restarted from the row alone; at start every
 * unfinished row resumes. A row still `submitting` (killed before the provider answered with an id) is explained,
 * never silently dropped. Errors other than "not found" never end a job: a paid result is worth waiting for, so the
 * loop backs off and keeps asking. A kind of work supplies only its step (poll, fetch, stage and file through the
 * paid-work pipeline) and its words.
 */
import { toAppError } from '../../core/app-error';
import { isFinal, type JobJournal, type JournalPatch, type JournalRow } from '../../core/jobs/journal';
import type { Clock, Logger } from '../../core/ports';
import { errorDelay, reasons, type PollTiming } from '../../core/video/plan';

/** What the loop needs; `publish` tells the renderer (and settles notifications). */
export interface JournalLoop<J extends JournalRow, P = JournalPatch<J>> {
  store: JobJournal<J, P>;
  clock: Clock;
  logger: Logger;
  /** The error back-off (its interval and ceiling). */
  timing: PollTiming;
  publish(job: J): void;
}

/** What one kind of journaled work adds to the loop. */
export interface JournalSteps<J extends JournalRow, P = JournalPatch<J>> {
  /** Log area ("video", "image-op"). */
  area: string;
  /** One step of a started, unfinished job; returns the delay before the next (0: go on at once). */
  step(job: J, signal: AbortSignal): Promise<number>;
  /** The row was still `submitting`: the process died before the provider answered with an id. */
  lostAtStart(job: J): P;
  /** The provider no longer knows the job ("not found"). */
  gone(job: J): P;
}

/** Writes a patch unless the job already ended (a cancel may have won the race), then publishes it. */
export function writeJob<J extends JournalRow, P>(d: Pick<JournalLoop<J, P>, 'store' | 'clock' | 'publish'>, id: string, patch: P & Partial<JournalRow>): J | undefined {
  const current = d.store.get(id);
  if (!current || isFinal(current.state)) return undefined;
  const now = d.clock.now();
  const final = patch.state !== undefined && isFinal(patch.state);
  const job = d.store.update(id, { ...patch, updatedAt: now, ...(final ? { finishedAt: now, note: null } : {}) });
  if (job) d.publish(job);
  return job;
}

/** Runs a job until it ends or `signal` aborts (app closing, or the user cancelled). */
export async function runJournaled<J extends JournalRow, P>(d: JournalLoop<J, P>, steps: JournalSteps<J, P>, id: string, signal: AbortSignal): Promise<void> {
  let errors = 0;
  for (;;) {
    const job = d.store.get(id);
    if (!job || isFinal(job.state) || signal.aborted) return;
    let delay = 0;
    try {
      if (job.state === 'submitting') writeJob(d, id, steps.lostAtStart(job) as P & Partial<JournalRow>);
      else delay = await steps.step(job, signal);
      errors = 0;
    } catch (err) {
      if (signal.aborted) return;
      const e = toAppError(err);
      if (e.kind === 'not-found') {
        writeJob(d, id, steps.gone(job) as P & Partial<JournalRow>);
        continue;
      }
      errors++;
      delay = errorDelay(d.timing, errors);
      d.logger.warn(`${steps.area}: step failed, will retry`, { id, state: job.state, kind: e.kind, attempt: errors });
      writeJob(d, id, { note: reasons.unreachable(e.message, delay) } as P & Partial<JournalRow>);
    }
    if (delay > 0) {
      try {
        await d.clock.sleep(delay, signal);
      } catch {
        return;
      }
    }
  }
}

/** The runners of one journal: one per unfinished job, stoppable one at a time or all at once. */
export function createFollower<J extends JournalRow, P>(d: JournalLoop<J, P>, steps: JournalSteps<J, P>) {
  const running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  return {
    /** Follows a job (once); resolves when its runner stops (the job ended, was stopped, or the app is closing). */
    follow(id: string): Promise<void> {
      const current = running.get(id);
      if (current) return current.done;
      const abort = new AbortController();
      const done = runJournaled(d, steps, id, abort.signal)
        .catch((err: unknown) => d.logger.error(`${steps.area}: runner crashed`, { id, error: String(err) }))
        .finally(() => running.delete(id));
      running.set(id, { abort, done });
      return done;
    },
    stop(id: string): void {
      running.get(id)?.abort.abort();
    },
    /** Picks up every unfinished job of the journal (call once at start); how many. */
    resume(): number {
      const jobs = d.store.unfinished();
      for (const job of jobs) void this.follow(job.id);
      if (jobs.length > 0) d.logger.info(`${steps.area}: resumed jobs`, { count: jobs.length });
      return jobs.length;
    },
    /** Stops every runner (jobs stay unfinished in the journal and resume next start). */
    async stopAll(): Promise<void> {
      const all = [...running.values()];
      for (const r of all) r.abort.abort();
      await Promise.all(all.map((r) => r.done));
    },
  };
}

export type Follower = ReturnType<typeof createFollower>;
