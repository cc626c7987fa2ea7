/**
 * MiniMax's Hailuo video (issue 18 §3) as one more provider of the video journal: text→video, image→video,
 * first + last frame and subject reference. What differs from xAI is here — checking a submit against the model's
 * row in the capability table, building the `MinimaxVideoRequest`, and reading a task poll as the journal's
 * `VideoPoll` — while the journal, the runner's poll/download loop, the paid-work pipeline (pacing, the start call,
 * staging, spend once, filing with lineage, start-up recovery) stay the same for both providers.
 *
 * MiniMax reports no cost: a video it finishes is billed at its list price (the estimate), and failed or moderated
 * videos are not charged (minimax-api.md §5). A finished task names a file, not a link: the journal keeps
 * `minimax-file:<id>` as the result, and each download asks for a fresh link (they last an hour).
 */
import { findModel, videoKindOf, videoPricePerSecond, videoResolutionReason, type CapabilityTable, type VideoEstimate, type VideoModelSpec, type VideoSubmit } from '@contract';
import { toAppError } from '../../core/app-error';
import { videoBody } from '../../core/minimax/requests';
import type { MinimaxApi, MinimaxVideoRequest } from '../../core/minimax/types';
import type { CallOptions, Download, VideoPoll } from '../../core/xai/types';
import type { StoredVideoJob } from '../../core/video/video-job';
import type { Issue } from '../../core/xai/validate';

/** The journal's result "link" of a finished MiniMax task: its file id (links are made per download). */
const FILE = 'minimax-file:';

export const minimaxModel = (model: string, table: CapabilityTable): VideoModelSpec | undefined => findModel(model, 'video', table, ['minimax']);

const WIRE_RESOLUTION = { '512p': '512P', '720p': '720P', '768p': '768P', '1080p': '1080P' } as const;

/** The request for a submit, with `still` giving each picture's URL (a data URL, or a placeholder for estimates). */
export function minimaxRequest(submit: VideoSubmit, still: { image?: string; lastImage?: string; references?: string[] }): MinimaxVideoRequest {
  const base = { model: submit.model, ...(submit.prompt.trim() ? { prompt: submit.prompt } : {}) };
  const shape = 'duration' in submit ? { duration: submit.duration, ...('resolution' in submit ? { resolution: WIRE_RESOLUTION[submit.resolution as keyof typeof WIRE_RESOLUTION] } : {}) } : {};
  switch (submit.mode) {
    case 'image':
      return { ...base, ...shape, firstFrame: still.image ?? '', ...(submit.lastImage ? { lastFrame: still.lastImage ?? '' } : {}) };
    case 'reference':
      return { ...base, ...shape, subject: still.references?.[0] ?? '' };
    default:
      return { ...base, ...shape };
  }
}

/** Problems (in words, by field) and the list-price estimate of a MiniMax submit, without reading any media. */
export function inspectMinimax(submit: VideoSubmit, spec: VideoModelSpec, stillIssues: Issue[]): VideoEstimate & { seconds: number | null } {
  const issues: Issue[] = [...stillIssues];
  if (submit.mode === 'edit' || submit.mode === 'extend') {
    issues.push({ path: 'mode', message: `${spec.name} cannot ${submit.mode} a video; MiniMax makes new videos only.` });
    return { ticks: 0, usd: 0, source: 'unknown', issues, seconds: null };
  }
  if (!spec.modes.includes(submit.mode)) issues.push({ path: 'mode', message: `${spec.name} does not make this kind of video.` });
  if (submit.mode === 'image' && submit.lastImage && !spec.pinnedFrames) issues.push({ path: 'lastImage', message: `${spec.name} cannot end on a chosen frame; Hailuo 02 can.` });
  if (submit.mode === 'reference' && submit.references.length > spec.maxReferences) {
    issues.push({ path: 'references', message: `${spec.name} takes ${spec.maxReferences} subject image.` });
  }
  // The capability table's fact, per kind of video (Hailuo 02: 512p for image→video only), in the form's words.
  const unrendered = videoResolutionReason(spec, videoKindOf(submit.mode, submit.mode === 'image' && Boolean(submit.lastImage)), submit.resolution);
  if (unrendered) issues.push({ path: 'resolution', message: unrendered });
  const lengths = spec.durationsByResolution?.[submit.resolution];
  if (lengths && !lengths.includes(submit.duration)) {
    issues.push({ path: 'duration', message: `${spec.name} makes ${lengths.join(' or ')} s videos at ${submit.resolution}.` });
  }
  if (submit.prompt.length > spec.promptLimit) issues.push({ path: 'prompt', message: `The prompt is ${submit.prompt.length} characters; ${spec.name} takes at most ${spec.promptLimit}.` });
  if (issues.length === 0) {
    // The request builder's own checks (mode × model, the duration × resolution table), so the wire never refuses.
    try {
      videoBody(minimaxRequest(submit, { image: 'https://library.invalid/a', lastImage: 'https://library.invalid/b', references: ['https://library.invalid/c'] }));
    } catch (err) {
      issues.push({ path: 'model', message: toAppError(err).message });
    }
  }
  const rate = spec.resolutions.includes(submit.resolution) ? videoPricePerSecond(spec, submit.resolution) : 0;
  const ticks = rate * submit.duration;
  return { ticks, usd: ticks / 1e10, source: 'table', issues, seconds: submit.duration };
}

/** A task poll as the journal reads it. A finished video costs its list price (the job's estimate). */
export async function pollMinimax(api: MinimaxApi, job: StoredVideoJob, opts: CallOptions): Promise<VideoPoll> {
  const poll = await api.pollVideo(job.videoRequestId ?? '', opts);
  const requestId = poll.traceId ? { requestId: poll.traceId } : {};
  switch (poll.status) {
    case 'pending':
      return { status: 'pending', progress: null, ...requestId };
    case 'done':
      return {
        status: 'done', url: `${FILE}${poll.fileId}`, durationSeconds: job.seconds, model: job.model,
        costTicks: job.estimateTicks, costUsd: job.estimateTicks / 1e10, ...requestId,
      };
    case 'failed':
      // Not charged (§5): a moderated video is blocked, anything else failed, each in MiniMax's words.
      return poll.filtered
        ? { status: 'blocked', reason: poll.message, costTicks: null, costUsd: null, ...requestId }
        : { status: 'failed', code: String(poll.code), message: poll.message, ...requestId };
  }
}

/** Whether a journaled result is a MiniMax file. */
export const isMinimaxResult = (url: string) => url.startsWith(FILE);

/** Downloads a finished MiniMax video through a fresh link. */
export async function downloadMinimax(api: MinimaxApi, url: string, opts: CallOptions): Promise<Download> {
  const bytes = await api.downloadVideo(url.slice(FILE.length), opts);
  return { bytes, mime: 'video/mp4', resumes: 0 };
}
