/**
 * Stability AI's creative upscale as journaled paid work (issue 18 §2): its POST answers a generation id and the
 * image is collected later from `GET /v2beta/results/{id}` (Stability keeps it 24 hours and bills it either way). The
 * id goes into the image-operations journal the moment it arrives — before anything else — and the shared journal
 * lifecycle (services/paid-work/journal-runner.ts, the video journal's own) follows the row: poll at most once per
 * 10 s, then stage, record the spend once and file the result as an edit of its source through the paid-work
 * pipeline. A quit or a crash while it polls loses nothing: at start every unfinished row resumes polling, with no
 * second start call. A result Stability no longer has (404 after 24 h) or refuses to give ends the job in words.
 */
import type { LibraryRecord } from '@contract';
import { fail, toAppError } from '../../core/app-error';
import type { ImageOpJournal, StoredImageOpJob } from '../../core/jobs/image-op-job';
import type { JournalPatch } from '../../core/jobs/journal';
import type { StabilityApi } from '../../core/stability/types';
import type { PaidWork } from '../paid-work/paid-work';
import { writeJob, type JournalLoop, type JournalSteps } from '../paid-work/journal-runner';

/** Stability asks clients to poll a result no more than once per 10 s (stability-api.md §4). */
export const CREATIVE_POLL_MS = 10_000;

type Patch = JournalPatch<StoredImageOpJob>;

export interface CreativeDeps extends JournalLoop<StoredImageOpJob> {
  store: ImageOpJournal;
  stability: () => StabilityApi;
  work: PaidWork;
  /** The image a job already filed (by `sourceJobId`), among items created since `since`; for crash recovery. */
  findBySourceJob(jobId: string, since: number): LibraryRecord | undefined;
  /** Delay between polls of a pending result (default 10 s; tests shorten it). */
  pollMs?: number;
}

/** The job's own words: what happened to this creative upscale, and that the source image is untouched. */
export const creativeWords = {
  lostAtStart: (ticks: number) => `Imagine Studio stopped while starting this creative upscale, before Stability AI answered with its id, so its result cannot be collected. Stability may still have run and billed it (${Math.round(ticks / 1e6) / 100} credits); check your Stability AI account. The source image is unchanged.`,
  expired: 'Stability AI no longer has this creative upscale: it keeps results for 24 hours and this one was not collected in time (or was made with another API key). Nothing was added to your library; the source image is unchanged.',
  failed: (message: string) => `Stability AI could not finish this creative upscale: ${message.trim().replace(/[.\s]+$/u, '')}. Nothing was added to your library; the source image is unchanged.`,
  blocked: 'Stability AI\'s content filter blurred the result of this creative upscale, so it was not saved. Stability bills filtered results.',
  startFailed: (message: string) => `Stability AI did not start this creative upscale: ${message.trim().replace(/[.\s]+$/u, '')}.`,
  stopped: 'Imagine Studio is closing: this creative upscale goes on at Stability AI and will be collected when the app starts again.',
};

/** One step of a started job: collect the result if it is ready, else wait. */
async function step(d: CreativeDeps, job: StoredImageOpJob, signal: AbortSignal): Promise<number> {
  // A crash after staging (filed by start-up recovery) or between the library row and this journal write.
  const found = job.ingestAt !== null ? d.findBySourceJob(job.id, job.ingestAt - 60_000) : undefined;
  if (found) {
    writeJob(d, job.id, { state: 'done', itemId: found.id });
    return 0;
  }
  let poll;
  try {
    poll = await d.stability().poll(job.remoteId ?? '', { signal });
  } catch (err) {
    const e = toAppError(err);
    // A refusal with an answer (a 4xx, or a 5xx after the client's retries) is Stability's last word on this result;
    // no answer at all (network, timeout), a missing key or 429 is waited out by the loop.
    if (e.kind === 'api' && !signal.aborted) {
      writeJob(d, job.id, { state: 'failed', reason: creativeWords.failed(e.message) });
      return 0;
    }
    throw err;
  }
  if (signal.aborted) return 0;
  if (poll.status === 'in-progress') {
    writeJob(d, job.id, { polls: job.polls + 1, note: null });
    return d.pollMs ?? CREATIVE_POLL_MS;
  }
  const demo = job.meta.demo === true;
  if (poll.filtered) {
    d.work.record('edit', job.id, job.estimateTicks, { once: true, demo });
    writeJob(d, job.id, { state: 'blocked', reason: creativeWords.blocked });
    return 0;
  }
  const now = d.clock.now();
  const meta = { ...job.meta, requestId: poll.requestId ?? null, stagedAt: now, ...(poll.seed !== null ? { seed: poll.seed } : {}) };
  // Durable before the bytes are staged, so a restart looks in the library before collecting the result again.
  d.store.update(job.id, { ingestAt: now, seed: poll.seed });
  const slots = [{ slot: 'image' as const, bytes: poll.bytes, mime: poll.mime }];
  const staged = await d.work.stage(meta, slots);
  d.work.record('edit', job.id, job.estimateTicks, { once: true, demo });
  const filed = await d.work.file(meta, 0, poll.bytes, staged, 'edited image');
  if (filed.state === 'done') writeJob(d, job.id, { state: 'done', itemId: filed.record.id });
  // A full disk is not the result's fault: the loop backs off and collects it again (Stability keeps it 24 h).
  else if (filed.storage) fail({ kind: 'storage', message: `The upscaled image could not be saved: ${filed.problem}.` });
  else writeJob(d, job.id, { state: 'failed', reason: filed.reason });
  return 0;
}

/** The creative upscale's steps in the shared journal loop. */
export const creativeSteps = (d: CreativeDeps): JournalSteps<StoredImageOpJob, Patch> => ({
  area: 'image-op',
  step: (job, signal) => step(d, job, signal),
  lostAtStart: (job) => ({ state: 'lost', reason: creativeWords.lostAtStart(job.estimateTicks) }),
  gone: () => ({ state: 'expired', reason: creativeWords.expired }),
});
