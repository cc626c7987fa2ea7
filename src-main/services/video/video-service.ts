/**
 * Video jobs with a crash-safe journal. Submit journals the job (`submitting`) before the start call and records
 * xAI's id the moment it arrives, then a runner per job polls, downloads and ingests. On start every unfinished job
 * resumes; a job caught mid-start is explained, never silently dropped.
 *
 * Videos pay through the shared ledger and budget (`SpendLedger`, see services/ledger/spend.ts): a submit over
 * the cap is refused with its estimate, unfinished jobs count as committed at their estimate, and the cost xAI
 * reports for a finished (or blocked but billed) video is recorded once, with kind `video`.
 */
import { VideoSubmit, type VideoJobView } from '@contract';
import { AppErrorException, fail } from '../../core/app-error';
import { InMemoryResultStaging } from '../../core/jobs/result-staging';
import { mayHaveBeenBilled } from '../../core/paid-work/billed-failure';
import type { Clock, EventSink, Logger } from '../../core/ports';
import { DEFAULT_POLL_TIMING, reasons, redact, sourcesOf, type PollTiming, type WireCall } from '../../core/video/plan';
import type { FrameExtractor } from '../../core/video/frame';
import { isFinal, type StoredVideoJob, type VideoJobStore } from '../../core/video/video-job';
import type { ImagineApi, VideoStart } from '../../core/xai/types';
import type { MinimaxApi } from '../../core/minimax/types';
import { validationError } from '../../core/xai/validate';
import { inspectSubmit, resolveSubmit, type VideoLibrary } from './video-inputs';
import { useFrame } from './use-frame';
import { budgetRefusal, type SpendLedger } from '../ledger/spend';
import { videoSteps, writeJob, type RunnerDeps } from './video-runner';
import { createFollower } from '../paid-work/journal-runner';
import type { CapabilitySource } from '../models/capability-service';
import { createPaidWork, type PaidWork } from '../paid-work/paid-work';
import { BUILT_IN_TABLE } from '@contract';

/** Ports of the video service. `api` is asked per call so demo mode and key changes apply at once. */
export interface VideoServiceDeps {
  api: () => ImagineApi;
  /** MiniMax's client for Hailuo video, asked per call (its key is main's keychain account for MiniMax). */
  minimax?: () => MinimaxApi;
  store: VideoJobStore;
  library: VideoLibrary;
  clock: Clock;
  events: EventSink;
  logger: Logger;
  /** Frame grabs for "use this frame". */
  extractFrame: FrameExtractor;
  timing?: Partial<PollTiming>;
  newId?: () => string;
  /** The ledger and budget shared with image batches and edits. Without it, videos are neither capped nor recorded. */
  spend?: SpendLedger;
  /** The capability table in effect; default: the built-in table. */
  capabilities?: CapabilitySource;
  /**
   * The paid-work pipeline shared with image batches and edits: paces and sends the start call (a 429 waited out and
   * sent again), words a failure that may have been billed, records the cost once, and stages, files and drops the
   * downloaded video. By default one of its own on `spend` (no pacing, staging in memory). Video keeps its own
   * journal between start and result (a video's bytes are minutes away; the journal holds the handle meanwhile); its
   * part in start-up recovery is ./video-recovery.ts.
   */
  work?: PaidWork;
}

/** The journaled submit if it can be sent again as is (dropped files were redacted from the journal). */
function repeatable(submit: VideoSubmit): VideoSubmit | null {
  const parsed = VideoSubmit.safeParse(submit);
  return parsed.success ? parsed.data : null;
}

const randomId = () => crypto.randomUUID().replaceAll('-', '');

/** Errors with no answer from xAI: if the call may have reached it (see `mayHaveBeenBilled`), the job is lost. */
const UNANSWERED = new Set(['network', 'timeout', 'internal']);

async function start(xai: () => ImagineApi, minimax: (() => MinimaxApi) | undefined, call: WireCall): Promise<VideoStart> {
  if (call.endpoint === 'minimax') {
    const client = minimax?.() ?? fail({ kind: 'internal', message: 'MiniMax video is not available in this build.' });
    const { taskId, traceId } = await client.startVideo(call.body);
    return { videoRequestId: taskId, ...(traceId ? { requestId: traceId } : {}) };
  }
  const api = xai();
  if (call.endpoint === 'generate') return api.startVideo(call.body);
  return call.endpoint === 'edit' ? api.editVideo(call.body) : api.extendVideo(call.body);
}

export function createVideoService(deps: VideoServiceDeps) {
  const { store, library, clock, events, logger } = deps;
  const timing: PollTiming = { ...DEFAULT_POLL_TIMING, ...deps.timing };
  const newId = deps.newId ?? randomId;
  const table = () => deps.capabilities?.current() ?? BUILT_IN_TABLE;

  function view(job: StoredVideoJob): VideoJobView {
    const record = job.itemId ? library.record(job.itemId) : undefined;
    return {
      id: job.id, mode: job.mode, state: job.state, prompt: job.submit.prompt, model: job.model, seconds: job.seconds,
      progress: job.progress, createdAt: job.createdAt, finishedAt: job.finishedAt, videoRequestId: job.videoRequestId,
      estimateTicks: job.estimateTicks, costTicks: job.costTicks, reason: job.reason, note: job.note, parentId: job.parentId,
      itemId: job.itemId, file: record?.file ?? null, poster: record?.thumb ?? null, durationMs: record?.durationMs ?? null,
      again: repeatable(job.submit),
    };
  }

  function publish(job: StoredVideoJob): void {
    const v = view(job);
    events.emit('video:progress', { job: v });
    if (isFinal(job.state)) events.emit('video:settled', { job: v });
  }

  const spend = deps.spend;
  const work = deps.work ?? createPaidWork({
    staging: new InMemoryResultStaging(), library, clock, logger,
    spend: spend ?? { record() {}, recordOnce: () => false },
  });
  /** Records what xAI reported for a video, once (a poll repeated after a crash must not bill it twice). */
  const spent = (job: StoredVideoJob, ticks: number) => work.record('video', job.id, ticks, { once: true, estimate: job.estimateTicks });
  const runner: RunnerDeps = { api: deps.api, ...(deps.minimax ? { minimax: deps.minimax } : {}), store, library, clock, logger, timing, work, publish, spent };
  // Unfinished videos count against the budget at their estimate until xAI reports what they cost.
  const removeCommitted = spend?.addCommitted(() =>
    store.unfinished().reduce((sum, j) => sum + (j.costTicks === null ? j.estimateTicks : 0), 0),
  );

  /** The budget verdict for a video of `ticks`, as the estimate shows it. */
  function budget(ticks: number) {
    if (!spend) return { issues: [] };
    const check = spend.check(ticks);
    const issues = check.exceedsBudget ? [{ path: 'budget', message: budgetRefusal('video', ticks, check) }] : [];
    return { ...check, issues };
  }

  // The shared journal lifecycle (services/paid-work/journal-runner.ts) with video's steps.
  const follower = createFollower(runner, videoSteps(runner));
  const follow = (id: string) => void follower.follow(id);

  function journal(submit: VideoSubmit, call: WireCall, est: { ticks: number; seconds: number | null }): StoredVideoJob {
    const now = clock.now();
    const job: StoredVideoJob = {
      id: newId(), mode: submit.mode, state: 'submitting', submit: redact(submit) as VideoSubmit,
      request: redact(call.body) as Record<string, unknown>, model: submit.model, seconds: est.seconds, progress: null,
      createdAt: now, updatedAt: now, finishedAt: null, videoRequestId: null, startRequestId: null,
      estimateTicks: est.ticks, costTicks: null, resultUrl: null, resultAt: null, reason: null, note: null,
      parentId: sourcesOf(submit)[0]?.parentId ?? null, itemId: null, polls: 0,
    };
    store.insert(job);
    publish(job);
    return job;
  }

  async function submit(input: VideoSubmit): Promise<VideoJobView> {
    const inspected = inspectSubmit(library, input, table());
    if (inspected.issues.length > 0) fail(validationError(inspected.issues));
    spend?.assertWithinBudget('video', inspected.ticks);
    const call = await resolveSubmit(library, input, table());
    const job = journal(input, call, inspected);
    const called = await work.callDirect('video', () => start(deps.api, deps.minimax, call), {
      pace: input.model, ...(call.endpoint === 'minimax' ? { provider: 'MiniMax' } : {}),
    });
    if (!called.ok) {
      // `error` carries the billed-failure words when the call may have reached xAI (a timeout, a broken connection,
      // a 5xx, an unreadable answer). With no answer at all the job is lost; with an answer (a 5xx, unreadable) xAI
      // may have started the video all the same: failed, saying so. A connection that never opened, or a refusal
      // (4xx, a 429 past its retries), was not billed: failed, and says xAI did not start it.
      const e = called.failure.error;
      const billed = mayHaveBeenBilled(e);
      const unsure = billed || e.kind === 'internal';
      const provider = call.endpoint === 'minimax' ? 'MiniMax' : 'xAI';
      const reason = billed ? e.message : unsure ? reasons.startUnsure(e.message, provider) : reasons.startFailed(e.message, provider);
      writeJob(runner, job.id, unsure && UNANSWERED.has(e.kind) ? { state: 'lost', reason } : { state: 'failed', reason });
      throw new AppErrorException(unsure ? { ...e, message: reason } : e);
    }
    const started: VideoStart = called.value;
    // The id is the only handle on a billed job: journal it before anything else happens, even if the user already
    // stopped waiting (the row then still says which xAI job it was).
    store.update(job.id, { videoRequestId: started.videoRequestId, startRequestId: started.requestId ?? null });
    const updated = writeJob(runner, job.id, { state: 'pending' });
    follow(job.id);
    return view(updated ?? job);
  }

  return {
    submit,
    estimate(input: VideoSubmit) {
      const { seconds: _seconds, ...estimate } = inspectSubmit(library, input, table());
      const verdict = budget(estimate.ticks);
      return { ...estimate, ...verdict, issues: [...estimate.issues, ...verdict.issues] };
    },
    list: (): VideoJobView[] => store.list().map(view),
    cancel(id: string): VideoJobView {
      const job = store.get(id) ?? fail({ kind: 'not-found', message: 'This video job is no longer in the list.' });
      if (isFinal(job.state)) return view(job);
      const updated = writeJob(runner, id, { state: 'cancelled', reason: reasons.cancelled });
      follower.stop(id);
      return view(updated ?? job);
    },
    clearFinished: (): number => store.removeFinished(),
    /** Jobs still being started, polled or downloaded (a library switch waits for these). */
    busyCount: (): number => store.unfinished().length,
    useFrame: (itemId: string, seconds: number) => useFrame({ library, extract: deps.extractFrame }, itemId, seconds),
    /** Picks up every unfinished job from the journal (call once at start). */
    resume(): number {
      // A crash between xAI's report of the cost and its ledger row: record it now (once).
      for (const job of store.list()) if (job.costTicks !== null) spent(job, job.costTicks);
      return follower.resume();
    },
    /** Stops following (jobs stay unfinished in the journal and resume next start) and closes the journal. */
    async dispose(): Promise<void> {
      removeCommitted?.();
      await follower.stopAll();
      store.close();
    },
  };
}

export type VideoService = ReturnType<typeof createVideoService>;
