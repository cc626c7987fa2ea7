/**
 * Builds MiniMax request bodies (minimax-api.md §3, §4.1) and checks them before sending: prompt limits, `n`, the
 * model/mode pairs and each model's duration × resolution table (both read from the capability table). For the 01 series `duration` and `resolution`
 * are left out (§4.1: they reportedly refuse them).
 */
import { BUILT_IN_TABLE, findModel, findOperation, videoResolutionsFor, type OperationName, type VideoResolutionMode } from '@contract';
import { fail } from '../app-error';
import type { MinimaxImageRequest, MinimaxVideoMode, MinimaxVideoRequest } from './types';

const invalid = (message: string, path: string): never => fail({ kind: 'validation', message, issues: [{ path, message }] });

export function imageBody(req: MinimaxImageRequest): Record<string, unknown> {
  if (!req.prompt.trim()) invalid('Write a prompt first.', 'prompt');
  if (req.prompt.length > 1500) invalid(`The prompt is ${req.prompt.length} characters; MiniMax image-01 takes at most 1500.`, 'prompt');
  const n = req.n ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > 9) invalid('MiniMax makes 1 to 9 images per request.', 'n');
  if (req.aspectRatio === '21:9' && req.model !== 'image-01') invalid('21:9 is only available on image-01.', 'aspectRatio');
  return {
    model: req.model, prompt: req.prompt, n, response_format: 'url',
    ...(req.aspectRatio ? { aspect_ratio: req.aspectRatio } : {}),
    ...(req.seed === undefined ? {} : { seed: req.seed }),
    ...(req.promptOptimizer === undefined ? {} : { prompt_optimizer: req.promptOptimizer }),
    ...(req.subjectReference ? { subject_reference: [{ type: 'character', image_file: req.subjectReference }] } : {}),
  };
}

/** The capability table's operation of each MiniMax video mode. */
const OPERATION_OF: Record<MinimaxVideoMode, OperationName> = { text: 'text-video', image: 'image-video', 'first-last': 'first-last-video', subject: 'subject-video' };
/** The table's kind of video of each mode (for its per-kind resolutions). */
const KIND_OF: Record<MinimaxVideoMode, VideoResolutionMode> = { text: 'text', image: 'image', 'first-last': 'first-last', subject: 'reference' };

/** Models per mode (reference §4.1), from the capability table's operations: the form, main and the wire read one fact. */
export const VIDEO_MODE_MODELS = Object.fromEntries(
  (Object.keys(OPERATION_OF) as MinimaxVideoMode[]).map((mode) => [mode, findOperation('minimax', OPERATION_OF[mode], BUILT_IN_TABLE)?.models ?? []]),
) as Record<MinimaxVideoMode, readonly string[]>;

export const isSeries01 = (model: string) => /^(T2V|I2V|S2V)-01/.test(model);

export function videoModeOf(req: MinimaxVideoRequest): MinimaxVideoMode {
  return req.subject ? 'subject' : req.lastFrame ? 'first-last' : req.firstFrame ? 'image' : 'text';
}

/**
 * Durations per resolution a model takes in a mode (reference §4.1 table), in the wire's spelling (`768P`), from the
 * capability table: its resolutions for that kind of video (Hailuo 02's 512p for image→video only) and their lengths.
 */
export function videoDurations(model: string, mode: MinimaxVideoMode): Partial<Record<NonNullable<MinimaxVideoRequest['resolution']>, readonly number[]>> {
  const spec = findModel(model, 'video', BUILT_IN_TABLE, ['minimax']);
  const out: Partial<Record<NonNullable<MinimaxVideoRequest['resolution']>, readonly number[]>> = {};
  for (const r of spec ? videoResolutionsFor(spec, KIND_OF[mode]) : []) {
    const lengths = spec?.durationsByResolution?.[r];
    if (lengths) out[r.toUpperCase() as NonNullable<MinimaxVideoRequest['resolution']>] = lengths;
  }
  return out;
}

export function videoBody(req: MinimaxVideoRequest): Record<string, unknown> {
  const mode = videoModeOf(req);
  if (!VIDEO_MODE_MODELS[mode].includes(req.model)) invalid(`${req.model} cannot make ${mode === 'first-last' ? 'first/last-frame' : mode}-to-video.`, 'model');
  if (mode === 'text' && !req.prompt?.trim()) invalid('Write a prompt first.', 'prompt');
  if (mode === 'first-last' && !req.firstFrame) invalid('A first/last-frame video needs both frames.', 'firstFrame');
  if ((req.prompt?.length ?? 0) > 2000) invalid(`The prompt is ${req.prompt?.length} characters; MiniMax video takes at most 2000.`, 'prompt');
  const series01 = isSeries01(req.model);
  if (!series01) {
    const table = videoDurations(req.model, mode);
    const res = req.resolution ?? '768P';
    const allowed = table[res];
    if (!allowed) invalid(`${req.model} does not render ${res}.`, 'resolution');
    if (req.duration !== undefined && !allowed?.includes(req.duration)) invalid(`${req.model} renders ${res} at ${allowed?.join(' or ')} s.`, 'duration');
  }
  return {
    model: req.model,
    ...(req.prompt ? { prompt: req.prompt } : {}),
    ...(req.promptOptimizer === undefined ? {} : { prompt_optimizer: req.promptOptimizer }),
    ...(series01 ? {} : { ...(req.duration === undefined ? {} : { duration: req.duration }), ...(req.resolution ? { resolution: req.resolution } : {}) }),
    ...(req.firstFrame ? { first_frame_image: req.firstFrame } : {}),
    ...(req.lastFrame ? { last_frame_image: req.lastFrame } : {}),
    ...(req.subject ? { subject_reference: [{ type: 'character', image: [req.subject] }] } : {}),
  };
}
