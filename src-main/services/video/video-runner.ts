/**
 * Video's steps in the shared journal loop (services/paid-work/journal-runner.ts): poll until xAI or MiniMax settles
 * the job, download the result at once, and hand the bytes to the paid-work pipeline (staged, filed with lineage,
 * staged copy dropped: the same steps as every paid result).
 */
import { providerOf, type OperationName, type VideoSubmit } from '@contract';
import { fail } from '../../core/app-error';
import type { StagedMeta } from '../../core/jobs/result-staging';
import type { Clock, Logger } from '../../core/ports';
import { pendingDelay, reasons, sourcesOf, type PollTiming } from '../../core/video/plan';
import type { StoredVideoJob, VideoJobPatch, VideoJobStore } from '../../core/video/video-job';
import type { ImagineApi } from '../../core/xai/types';
import type { MinimaxApi } from '../../core/minimax/types';
import type { PaidWork } from '../paid-work/paid-work';
import { writeJob, type JournalLoop, type JournalSteps } from '../paid-work/journal-runner';
import { downloadMinimax, isMinimaxResult, pollMinimax } from './minimax-video';
import type { VideoLibrary } from './video-inputs';

/** What a runner needs; `publish` tells the renderer (and settles notifications). */
export interface RunnerDeps extends JournalLoop<StoredVideoJob, VideoJobPatch> {
  api: () => ImagineApi;
  /** MiniMax's client (its key from main's keychain account for MiniMax), for jobs of a MiniMax model. */
  minimax?: () => MinimaxApi;
  store: VideoJobStore;
  library: VideoLibrary;
  clock: Clock;
  logger: Logger;
  timing: PollTiming;
  /** The paid-work pipeline: stages, files and drops the downloaded video like any paid result. */
  work: PaidWork;
  publish(job: StoredVideoJob): void;
  /** xAI reported what the video cost (finished, or blocked but billed): into the ledger, once. */
  spent?(job: StoredVideoJob, ticks: number): void;
}

export { writeJob };

const minimaxOf = (d: RunnerDeps): MinimaxApi => d.minimax?.() ?? fail({ kind: 'internal', message: 'MiniMax video is not available in this build.' });

/** One poll; returns the delay before the next step (0: go on at once). */
async function pollOnce(d: RunnerDeps, job: StoredVideoJob, signal: AbortSignal): Promise<number> {
  const poll = providerOf(job.model) === 'minimax'
    ? await pollMinimax(minimaxOf(d), job, { signal })
    : await d.api().getVideo(job.videoRequestId ?? '', { signal });
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

/** The operation a video submit is (issue 18 §7); edits and extensions of a video have no name of their own. */
const OPERATION: Partial<Record<VideoSubmit['mode'], OperationName>> = { text: 'text-video', image: 'image-video', reference: 'subject-video' };
const operationOf = (s: VideoSubmit): OperationName | undefined => (s.mode === 'image' && s.lastImage ? 'first-last-video' : OPERATION[s.mode]);

/** What the library needs to file a finished video, from the journal row alone (so a restart can file it too). */
export function videoMeta(job: StoredVideoJob, live: (id: string) => boolean, now: number): StagedMeta {
  const s = job.submit;
  const operation = operationOf(s);
  return {
    ...(operation ? { operation } : {}),
    // An accepted "Enhance prompt" rewrite was sent; the user's own words stay on the item (and in search).
    ...(s.originalPrompt ? { originalPrompt: s.originalPrompt } : {}),
    jobId: job.id, attempt: 1, requestId: job.videoRequestId, costTicks: job.costTicks, share: job.costTicks, prompt: s.prompt ?? '',
    model: job.model, params: { mode: s.mode, ...job.request }, aspectRatio: null, slots: ['video'], stagedAt: now, kind: 'video',
    // Lineage only to items still there: a parent deleted meanwhile must not fail the ingest of a paid video.
    video: { edited: s.mode === 'edit', parents: sourcesOf(s).filter((p) => live(p.parentId)) },
  };
}

/** Downloads the finished video and files it in the library. */
async function fetchResult(d: RunnerDeps, job: StoredVideoJob, signal: AbortSignal): Promise<number> {
  if (!job.resultUrl || (job.resultAt !== null && d.clock.now() - job.resultAt > d.timing.resultTtlMs)) {
    writeJob(d, job.id, { state: 'expired', reason: reasons.linkExpired });
    return 0;
  }
  // A crash between the ingest and the journal write would otherwise file the same paid video twice.
  const found = job.ingestAt ? d.library.findBySourceJob(job.id, job.ingestAt - 60_000) : undefined;
  if (found) {
    writeJob(d, job.id, { state: 'done', itemId: found.id, progress: 100 });
    return 0;
  }
  const { bytes, mime } = isMinimaxResult(job.resultUrl)
    ? await downloadMinimax(minimaxOf(d), job.resultUrl, { signal })
    : await d.api().download(job.resultUrl, { signal });
  if (signal.aborted) return 0;
  const meta = d.work.stamped(videoMeta(job, (id) => d.library.record(id) !== undefined, d.clock.now()));
  const staged = await d.work.stage(meta, [{ slot: 'video', bytes, mime: mime ?? '' }]);
  d.store.update(job.id, { ingestAt: d.clock.now() });
  const filed = await d.work.file(meta, 0, bytes, staged, 'video');
  if (filed.state === 'done') writeJob(d, job.id, { state: 'done', itemId: filed.record.id, progress: 100 });
  // A full or read-only disk is not the video's fault, and its link lives 24 h: keep the job and try again later
  // (the loop backs off and says why), rather than fail a paid video the user can no longer get back.
  else if (filed.storage) fail({ kind: 'storage', message: `The finished video could not be saved: ${filed.problem}.` });
  // Otherwise the pipeline's words: kept staged for the next start (which files it and completes the job), or gone.
  else writeJob(d, job.id, { state: 'failed', reason: filed.reason });
  return 0;
}

/** Video's steps in the shared journal loop: poll until the provider settles the job, then download and file it. */
export const videoSteps = (d: RunnerDeps): JournalSteps<StoredVideoJob, VideoJobPatch> => ({
  area: 'video',
  step: (job, signal) => (job.state === 'downloading' ? fetchResult(d, job, signal) : pollOnce(d, job, signal)),
  lostAtStart: () => ({ state: 'lost', reason: reasons.lostAtStart }),
  gone: (job) => (job.state === 'downloading' ? { state: 'expired', reason: reasons.linkExpired } : { state: 'lost', reason: reasons.lost }),
});
