/**
 * Builds MiniMax request bodies (minimax-api.md §3, §4.1) and checks them before sending: prompt limits, `n`, the
 * model/mode pairs and each model's duration × resolution table. For the 01 series `duration` and `resolution`
 * are left out (§4.1: they reportedly refuse them).
 */
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

/** Models per mode (reference §4.1). */
export const VIDEO_MODE_MODELS: Record<MinimaxVideoMode, readonly string[]> = {
  text: ['MiniMax-Hailuo-2.3', 'MiniMax-Hailuo-02', 'T2V-01-Director', 'T2V-01'],
  image: ['MiniMax-Hailuo-2.3', 'MiniMax-Hailuo-2.3-Fast', 'MiniMax-Hailuo-02', 'I2V-01-Director', 'I2V-01-live', 'I2V-01'],
  'first-last': ['MiniMax-Hailuo-02'],
  subject: ['S2V-01'],
};

export const isSeries01 = (model: string) => /^(T2V|I2V|S2V)-01/.test(model);

export function videoModeOf(req: MinimaxVideoRequest): MinimaxVideoMode {
  return req.subject ? 'subject' : req.lastFrame ? 'first-last' : req.firstFrame ? 'image' : 'text';
}

/** Durations per resolution a model takes in a mode (reference §4.1 table). */
export function videoDurations(model: string, mode: MinimaxVideoMode): Partial<Record<NonNullable<MinimaxVideoRequest['resolution']>, readonly number[]>> {
  if (isSeries01(model)) return { '720P': [6] };
  const base = { '768P': [6, 10], '1080P': [6] } as const;
  return model === 'MiniMax-Hailuo-02' && mode === 'image' ? { ...base, '512P': [6, 10] } : base;
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
