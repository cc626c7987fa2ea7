/**
 * Follows one journaled video job to its end: poll until xAI settles it, download the result at once, ingest it.
 * Every step re-reads the journal first and writes its outcome before moving on, so the loop can be killed at any
 * await and restarted from the row alone. Errors other than "not found" never end a job: a paid video is worth
 * waiting for, so the loop backs off and keeps asking.
 */
import { fail, toAppError } from '../../core/app-error';
import { describeStorageError } from '../../core/storage-error';
import type { Clock, Logger } from '../../core/ports';
import { errorDelay, pendingDelay, reasons, sourcesOf, type PollTiming } from '../../core/video/plan';
import { isFinal, type StoredVideoJob, type VideoJobPatch, type VideoJobStore } from '../../core/video/video-job';
import type { ImagineApi } from '../../core/xai/types';
import type { IngestInput } from '../library/ingest';
import type { VideoLibrary } from './video-inputs';

/** What a runner needs; `publish` tells the renderer (and settles notifications). */
export interface RunnerDeps {
  api: () => ImagineApi;
  store: VideoJobStore;
  library: VideoLibrary;
  clock: Clock;
  logger: Logger;
  timing: PollTiming;
  publish(job: StoredVideoJob): void;
  /** xAI reported what the video cost (finished, or blocked but billed): into the ledger, once. */
  spent?(job: StoredVideoJob, ticks: number): void;
}

/** Writes a patch unless the job already ended (a cancel may have won the race), then publishes it. */
export function writeJob(d: Pick<RunnerDeps, 'store' | 'clock' | 'publish'>, id: string, patch: VideoJobPatch): StoredVideoJob | undefined {
  const current = d.store.get(id);
  if (!current || isFinal(current.state)) return undefined;
  const now = d.clock.now();
  const final = patch.state !== undefined && isFinal(patch.state);
  const job = d.store.update(id, { ...patch, updatedAt: now, ...(final ? { finishedAt: now, note: null } : {}) });
  if (job) d.publish(job);
  return job;
}

/** One poll; returns the delay before the next step (0: go on at once). */
async function pollOnce(d: RunnerDeps, job: StoredVideoJob, signal: AbortSignal): Promise<number> {
  const poll = await d.api().getVideo(job.videoRequestId ?? '', { signal });
  if (signal.aborted) return 0;
  switch (poll.status) {
    case 'pending': {
      const polls = job.polls + 1;
      writeJob(d, job.id, { polls, progress: poll.progress ?? job.progress, note: null });
      return pendingDelay(d.timing, polls);
    }
    case 'done': {
      const written = writeJob(d, job.id, {
        state: 'downloading', progress: 100, resultUrl: poll.url, resultAt: d.clock.now(), costTicks: poll.costTicks,
        model: poll.model ?? job.model, note: null,
      });
      if (written && poll.costTicks !== null) d.spent?.(written, poll.costTicks);
      return 0;
    }
    case 'blocked': {
      const written = writeJob(d, job.id, { state: 'blocked', reason: reasons.blocked(poll.reason, job.submit.mode), costTicks: poll.costTicks });
      if (written && poll.costTicks !== null) d.spent?.(written, poll.costTicks);
      return 0;
    }
    case 'failed':
      writeJob(d, job.id, { state: 'failed', reason: reasons.failed(poll.code, poll.message, job.submit.mode) });
      return 0;
    case 'expired':
      writeJob(d, job.id, { state: 'expired', reason: reasons.expired });
      return 0;
  }
}

function ingestInput(d: RunnerDeps, job: StoredVideoJob, bytes: Uint8Array): IngestInput {
  const s = job.submit;
  return {
    bytes,
    kind: 'video',
    origin: s.mode === 'edit' ? 'edited' : 'generated',
    prompt: s.prompt,
    // An accepted "Enhance prompt" rewrite was sent; the user's own words stay on the item (and in search).
    ...(s.originalPrompt ? { originalPrompt: s.originalPrompt } : {}),
    editInstruction: s.mode === 'edit' ? s.prompt : null,
    model: job.model,
    params: { mode: s.mode, ...job.request },
    costTicks: job.costTicks,
    requestId: job.videoRequestId,
    moderation: 'passed',
    sourceJobId: job.id,
    // Lineage only to items still there: a parent deleted meanwhile must not fail the ingest of a paid video.
    parents: sourcesOf(s).filter((p) => d.library.record(p.parentId) !== undefined),
  };
}

/** Downloads the finished video and files it in the library. */
async function fetchResult(d: RunnerDeps, job: StoredVideoJob, signal: AbortSignal): Promise<number> {
  if (!job.resultUrl || (job.resultAt !== null && d.clock.now() - job.resultAt > d.timing.resultTtlMs)) {
    writeJob(d, job.id, { state: 'expired', reason: reasons.linkExpired });
    return 0;
  }
  // A crash between the ingest and the journal write would otherwise file the same paid video twice.
  const filed = job.ingestAt ? d.library.findBySourceJob(job.id, job.ingestAt - 60_000) : undefined;
  if (filed) {
    writeJob(d, job.id, { state: 'done', itemId: filed.id, progress: 100 });
    return 0;
  }
  const { bytes } = await d.api().download(job.resultUrl, { signal });
  if (signal.aborted) return 0;
  try {
    d.store.update(job.id, { ingestAt: d.clock.now() });
    const record = await d.library.ingest(ingestInput(d, job, bytes));
    writeJob(d, job.id, { state: 'done', itemId: record.id, progress: 100 });
  } catch (err) {
    // A full or read-only disk is not the video's fault, and its link lives 24 h: keep the job and try again later
    // (the loop backs off and says why), rather than fail a paid video the user can no longer get back.
    const storage = describeStorageError(err);
    if (storage) fail({ kind: 'storage', message: `The finished video could not be saved: ${storage}.` });
    writeJob(d, job.id, { state: 'failed', reason: reasons.ingestFailed(toAppError(err).message) });
  }
  return 0;
}

/** Runs a job until it ends or `signal` aborts (app closing, or the user cancelled). */
export async function runVideoJob(d: RunnerDeps, id: string, signal: AbortSignal): Promise<void> {
  let errors = 0;
  for (;;) {
    const job = d.store.get(id);
    if (!job || isFinal(job.state) || signal.aborted) return;
    let delay = 0;
    try {
      if (job.state === 'submitting') writeJob(d, id, { state: 'lost', reason: reasons.lostAtStart });
      else delay = job.state === 'downloading' ? await fetchResult(d, job, signal) : await pollOnce(d, job, signal);
      errors = 0;
    } catch (err) {
      if (signal.aborted) return;
      const e = toAppError(err);
      if (e.kind === 'not-found') {
        const ending = job.state === 'downloading' ? reasons.linkExpired : reasons.lost;
        writeJob(d, id, { state: job.state === 'downloading' ? 'expired' : 'lost', reason: ending });
        continue;
      }
      errors++;
      delay = errorDelay(d.timing, errors);
      d.logger.warn('video: step failed, will retry', { id, state: job.state, kind: e.kind, attempt: errors });
      writeJob(d, id, { note: reasons.unreachable(e.message, delay) });
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
