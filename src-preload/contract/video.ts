import { z } from 'zod';
import { Empty } from './common';
import { LibraryId, LibraryRecord } from './library';
import {
  API_LIMITS, MAX_VIDEO_REFERENCES, VIDEO_DURATIONS, VIDEO_RESOLUTIONS, VideoAspectRatio, VideoMode,
  VideoResolution, currentModels, findModel, type VideoModelSpec, type VideoModeName, type VideoRatio,
  type VideoResolution as VideoRes, type VideoResolutionMode, videoResolutionsFor,
} from './capabilities';

/*
 * Video jobs. Every video call is asynchronous on xAI's side: main journals each job in SQLite before and right after
 * the start call, polls until it settles, downloads the result at once (the link lives 24 h) and files it in the
 * library. The renderer mirrors the journal: rehydrate with `video:list`, then follow `video:progress`.
 */

export type VideoAspect = VideoRatio;
export type { VideoRes };

/** The video models offered for new work, as pickers list them (from the capability table). */
export const videoModelOptions = (): VideoModelSpec[] => currentModels('video');

/** A still: a library item, or a dropped/pasted image as a data URL (≤ ~10 MiB decoded). */
export const StillSource = z.union([
  z.object({ itemId: LibraryId }).strict(),
  z.object({ dataUrl: z.string().regex(/^data:image\/(png|jpeg|webp);base64,/, 'Use a PNG, JPEG or WebP image.').max(14_000_000) }).strict(),
]);
export type StillSource = z.infer<typeof StillSource>;

/** A transport cap only: each model's own prompt limit is checked in main. */
const Prompt = z.string().max(4096);
/**
 * The prompt as the user wrote it, when the one sent is a rewrite they accepted ("Enhance prompt", issue 19): kept
 * in the journal with the submit and on the video it produces, beside the prompt sent, and searched too. Never sent
 * to xAI (the wire body is built field by field in core/video/plan).
 */
const OriginalPrompt = z.string().trim().min(1).max(10_000).optional();
const Model = z.string().trim().min(1).max(100);
const Duration = z.number().int().min(VIDEO_DURATIONS.min).max(VIDEO_DURATIONS.max);
const Shape = { aspectRatio: VideoAspectRatio, resolution: VideoResolution };

/** What one submit asks for. Edit and extend inherit shape and resolution from their source video. */
export const VideoSubmit = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('text'), prompt: Prompt, originalPrompt: OriginalPrompt, model: Model, duration: Duration, ...Shape }).strict(),
  z.object({
    mode: z.literal('image'), prompt: Prompt, originalPrompt: OriginalPrompt, model: Model, duration: Duration, resolution: Shape.resolution, image: StillSource,
    /** The frame the video ends on (first + last frame), for models that pin frames (`pinnedFrames` in the table). */
    lastImage: StillSource.optional(),
  }).strict(),
  z.object({
    mode: z.literal('reference'), prompt: Prompt, originalPrompt: OriginalPrompt, model: Model, duration: Duration, ...Shape,
    references: z.array(StillSource).min(1).max(MAX_VIDEO_REFERENCES),
  }).strict(),
  z.object({ mode: z.literal('edit'), prompt: Prompt, originalPrompt: OriginalPrompt, model: Model, videoId: LibraryId }).strict(),
  z.object({
    mode: z.literal('extend'), prompt: Prompt, originalPrompt: OriginalPrompt, model: Model, videoId: LibraryId,
    extendSeconds: z.number().int().min(API_LIMITS.extension.min).max(API_LIMITS.extension.max),
  }).strict(),
]);
export type VideoSubmit = z.infer<typeof VideoSubmit>;

/**
 * A job's life: `submitting` (journaled, start call in flight) → `pending` (xAI has it; polling) → `downloading` →
 * `done`; or `failed`, `expired`, `blocked` (moderated), `lost` (xAI no longer knows the id, or the app stopped
 * before it learned the id), `cancelled` (we stopped waiting; the server job may still finish and be billed).
 */
export const VideoJobState = z.enum(['submitting', 'pending', 'downloading', 'done', 'failed', 'expired', 'blocked', 'lost', 'cancelled']);
export type VideoJobState = z.infer<typeof VideoJobState>;

export const VideoJobView = z.object({
  id: z.string(),
  mode: VideoMode,
  state: VideoJobState,
  prompt: z.string(),
  model: z.string(),
  /** Requested output length in seconds (for an extension: source + added seconds), when known. */
  seconds: z.number().nullable(),
  /** 0–100 as xAI reports it; null before xAI says anything (its first answers are empty). */
  progress: z.number().nullable(),
  createdAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
  /** xAI's id of the video job, once the start call answered. */
  videoRequestId: z.string().nullable(),
  estimateTicks: z.number().int(),
  costTicks: z.number().int().nullable(),
  /** Why it ended the way it did, in words. */
  reason: z.string().nullable(),
  /** Transient state in words ("xAI is unreachable; checking again in 40 s"). */
  note: z.string().nullable(),
  /** The source library item (start image, edited or extended video). */
  parentId: z.string().nullable(),
  /** The library item once ingested, with its file and poster relative to the media base. */
  itemId: z.string().nullable(),
  file: z.string().nullable(),
  poster: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  /** The submit, to fill the form again ("use these settings"); null when it embedded a file that was not kept. */
  again: VideoSubmit.nullable(),
});
export type VideoJobView = z.infer<typeof VideoJobView>;

export const VideoEstimate = z.object({
  ticks: z.number().int(),
  usd: z.number(),
  source: z.enum(['listing', 'table', 'unknown']),
  /** What would stop a submit, by field, in words. Empty when the request is fine. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
  /** The budget cap from settings (shared with image batches and edits), if any. */
  budgetCapUsd: z.number().nullable().optional(),
  /** Spent this session plus everything queued or in flight, in ticks: what the cap is compared against. */
  committedTicks: z.number().int().optional(),
  /** A submit would be refused: this video on top of `committedTicks` passes the cap (also listed in `issues`). */
  exceedsBudget: z.boolean().optional(),
});
export type VideoEstimate = z.infer<typeof VideoEstimate>;

export const videoChannels = {
  /** Validates, journals and starts a video job; answers the journaled job (state `pending` once xAI took it). */
  'video:submit': { input: VideoSubmit, output: VideoJobView },
  /** Every journaled job, newest first: what the renderer rehydrates from. */
  'video:list': { input: Empty, output: z.object({ jobs: z.array(VideoJobView) }) },
  /** Stops waiting for a job locally. xAI cannot cancel: the job may still finish on its side and be billed. */
  'video:cancel': { input: z.object({ id: z.string().max(64) }).strict(), output: VideoJobView },
  /** Removes finished jobs from the list (their videos stay in the library). */
  'video:clear-finished': { input: Empty, output: z.object({ count: z.number().int() }) },
  /** Cost before submitting, and the problems a submit would report. */
  'video:estimate': { input: VideoSubmit, output: VideoEstimate },
  /** Saves the frame at `seconds` of a library video as a library image (`frame-of` lineage). */
  'video:use-frame': { input: z.object({ itemId: LibraryId, seconds: z.number().min(0).max(3600) }).strict(), output: LibraryRecord },
} as const;

export const videoEvents = {
  /** A job changed state or progress. */
  'video:progress': z.object({ job: VideoJobView }),
  /** A job reached a final state (for notifications). */
  'video:settled': z.object({ job: VideoJobView }),
} as const;

const MODE_WORDS: Record<VideoModeName, string> = {
  text: 'text to video', image: 'image to video', reference: 'reference images', edit: 'video edits', extend: 'extensions',
};

/** Why a mode is unavailable on a model (null: available). */
export function videoModeReason(mode: VideoMode, model: string): string | null {
  const spec = findModel(model, 'video');
  if (!spec || spec.modes.includes(mode)) return null;
  return `${spec.name} does not do ${MODE_WORDS[mode]}.`;
}

/** Why a model does not render `r`: above its top resolution, or a gap in its list (MiniMax: 512p, 768p, 1080p). */
function notOffered(name: string, offered: readonly VideoRes[], r: VideoRes): string {
  const above = VIDEO_RESOLUTIONS.indexOf(r) > VIDEO_RESOLUTIONS.indexOf(offered[offered.length - 1] as VideoRes);
  return above ? `${name} renders at most ${offered[offered.length - 1]}.` : `${name} renders ${offered.join(', ')}.`;
}

const KIND_WORDS: Record<VideoResolutionMode, string> = {
  text: 'text to video', image: 'image to video', 'first-last': 'first and last frame', reference: 'reference images', edit: 'video edits', extend: 'extensions',
};

/** The kind of video a submit or form is, for per-mode facts (image→video ending on a chosen frame apart). */
export const videoKindOf = (mode: VideoMode, lastFrame = false): VideoResolutionMode => (mode === 'image' && lastFrame ? 'first-last' : mode);

/**
 * Why a model does not render resolution `r` for this kind of video (null: it does), from the capability table: the
 * Video form disables the option with these words and main refuses a submit with them.
 */
export function videoResolutionReason(spec: VideoModelSpec, kind: VideoResolutionMode, r: VideoRes): string | null {
  if (!spec.resolutions.includes(r)) return notOffered(spec.name, spec.resolutions, r);
  const forKind = videoResolutionsFor(spec, kind);
  return forKind.includes(r) ? null : `${spec.name} renders ${forKind.join(', ')} for ${KIND_WORDS[kind]}.`;
}

/** Why each option is unavailable for a mode and model (null: available). Pure, shared by the form and its tests. */
export function videoOptionReasons(mode: VideoMode, model: string, opts: { lastFrame?: boolean } = {}): {
  resolution: Record<VideoRes, string | null>;
  aspectRatio: string | null;
  duration: string | null;
} {
  const spec = findModel(model, 'video');
  const offered: readonly VideoRes[] = spec?.resolutions ?? ['480p', '720p'];
  const inherit = mode === 'edit' ? `An edit keeps the source video’s shape and resolution (at most ${API_LIMITS.editMaxResolution}).`
    : mode === 'extend' ? `An extension keeps the source video’s shape and resolution (at most ${API_LIMITS.editMaxResolution}).` : null;
  const resolution = {} as Record<VideoRes, string | null>;
  const kind = videoKindOf(mode, opts.lastFrame);
  for (const r of VIDEO_RESOLUTIONS) {
    resolution[r] = inherit
      ?? (!offered.includes(r) ? notOffered(spec?.name ?? model, offered, r)
        : (spec ? videoResolutionReason(spec, kind, r) : null)
          ?? (mode === 'reference' && VIDEO_RESOLUTIONS.indexOf(r) > VIDEO_RESOLUTIONS.indexOf(API_LIMITS.referenceMaxResolution)
            ? `Reference→video is limited to ${API_LIMITS.referenceMaxResolution}.` : null));
  }
  return {
    resolution,
    aspectRatio: inherit ?? (mode === 'image' ? 'Image→video takes its shape from the start image.' : null),
    duration: mode === 'edit' ? 'An edit keeps the source video’s length.' : null,
  };
}
