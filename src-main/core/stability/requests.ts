/**
 * Builds the wire form of a Stability request (reference §2, §6): the path under the base URL, the multipart
 * fields in order, whether it is asynchronous, and what it costs in credits (reference §7). Also the pre-flight
 * checks that fail in our own code before anything is sent — a Stability video request among them (§9).
 */
import type { AppError } from '@contract';
import { fail } from '../app-error';
import type { StabilityImage, StabilityOperation, StabilityRequest } from './types';

export type Part = [name: string, value: string | StabilityImage];

export interface WireRequest {
  path: string;
  parts: Part[];
  async: boolean;
  credits: number;
}

const GENERATE: Record<string, { path: string; credits: number; model?: string }> = {
  'stable-image-ultra': { path: 'generate/ultra', credits: 8 },
  'stable-image-core': { path: 'generate/core', credits: 3 },
  'sd3.5-large': { path: 'generate/sd3', credits: 6.5, model: 'sd3.5-large' },
  'sd3.5-large-turbo': { path: 'generate/sd3', credits: 4, model: 'sd3.5-large-turbo' },
  'sd3.5-medium': { path: 'generate/sd3', credits: 3.5, model: 'sd3.5-medium' },
};
/** Path and credits of every other operation (reference §1, §7). */
export const OPERATION_WIRE: Record<Exclude<StabilityOperation, 'generate'>, { path: string; credits: number; async?: true }> = {
  inpaint: { path: 'edit/inpaint', credits: 5 },
  erase: { path: 'edit/erase', credits: 5 },
  outpaint: { path: 'edit/outpaint', credits: 4 },
  'search-replace': { path: 'edit/search-and-replace', credits: 5 },
  'remove-background': { path: 'edit/remove-background', credits: 5 },
  'upscale-fast': { path: 'upscale/fast', credits: 2 },
  'upscale-conservative': { path: 'upscale/conservative', credits: 40 },
  'upscale-creative': { path: 'upscale/creative', credits: 60, async: true },
};

/** Pixel limits of each operation's main image (reference §6), used to downsize inputs before sending. */
export const IMAGE_LIMITS: Record<StabilityOperation, { maxPixels: number; maxSide?: number; minSide: number }> = {
  generate: { maxPixels: 9_437_184, minSide: 64 },
  inpaint: { maxPixels: 9_437_184, minSide: 64 },
  erase: { maxPixels: 9_437_184, minSide: 64 },
  outpaint: { maxPixels: 9_437_184, minSide: 64 },
  'search-replace': { maxPixels: 9_437_184, minSide: 64 },
  'remove-background': { maxPixels: 4_194_304, minSide: 64 },
  'upscale-fast': { maxPixels: 1_048_576, maxSide: 1536, minSide: 32 },
  'upscale-conservative': { maxPixels: 9_437_184, minSide: 64 },
  'upscale-creative': { maxPixels: 1_048_576, minSide: 64 },
};

const PROMPT_MAX = 10_000;

function invalid(message: string, path: string): never {
  const error: AppError = { kind: 'validation', message, issues: [{ path, message }] };
  return fail(error);
}

function text(parts: Part[], name: string, value: string | number | undefined): void {
  if (value === undefined) return;
  parts.push([name, String(value)]);
}

function prompt(parts: Part[], name: string, value: string | undefined, required: boolean): void {
  if (required && (!value || value.trim() === '')) invalid('Write a prompt first.', name);
  if (value && value.length > PROMPT_MAX) invalid(`The prompt is ${value.length} characters; Stability takes at most ${PROMPT_MAX}.`, name);
  text(parts, name, value);
}

/** The wire request, or a `validation` failure before anything is sent. */
export function toWire(req: StabilityRequest): WireRequest {
  const parts: Part[] = [];
  const common = () => {
    if (req.seed !== undefined && (!Number.isInteger(req.seed) || req.seed < 0 || req.seed > 4_294_967_294)) invalid('The seed must be a whole number from 0 to 4294967294.', 'seed');
    text(parts, 'seed', req.seed);
    text(parts, 'output_format', req.outputFormat);
  };
  if (req.operation === 'generate') {
    const g = GENERATE[req.model];
    if (!g) return invalid(`Stability has no model ${String(req.model)}.`, 'model');
    prompt(parts, 'prompt', req.prompt, true);
    prompt(parts, 'negative_prompt', req.negativePrompt, false);
    if (g.model) text(parts, 'model', g.model);
    if (req.image) {
      if (req.model === 'stable-image-core') invalid('Stable Image Core takes no source image.', 'image');
      if (req.strength === undefined) invalid('Image-to-image needs a strength from 0 to 1.', 'strength');
      if (g.model) text(parts, 'mode', 'image-to-image');
      parts.push(['image', req.image]);
      text(parts, 'strength', req.strength);
    } else text(parts, 'aspect_ratio', req.aspectRatio);
    text(parts, 'style_preset', req.stylePreset);
    common();
    return { path: `/v2beta/stable-image/${g.path}`, parts, async: false, credits: g.credits };
  }
  const wire = OPERATION_WIRE[req.operation];
  parts.push(['image', req.image]);
  switch (req.operation) {
    case 'inpaint':
      prompt(parts, 'prompt', req.prompt, true);
      prompt(parts, 'negative_prompt', req.negativePrompt, false);
      if (req.mask) parts.push(['mask', req.mask]);
      text(parts, 'grow_mask', req.growMask);
      text(parts, 'style_preset', req.stylePreset);
      break;
    case 'erase':
      if (req.mask) parts.push(['mask', req.mask]);
      text(parts, 'grow_mask', req.growMask);
      break;
    case 'outpaint': {
      const sides = { left: req.left ?? 0, right: req.right ?? 0, up: req.up ?? 0, down: req.down ?? 0 };
      if (Object.values(sides).every((v) => v === 0)) invalid('Choose at least one side to extend.', 'left');
      for (const [k, v] of Object.entries(sides)) {
        if (!Number.isInteger(v) || v < 0 || v > 2000) invalid('Each side grows by 0 to 2000 pixels.', k);
        if (v > 0) text(parts, k, v);
      }
      prompt(parts, 'prompt', req.prompt, false);
      text(parts, 'creativity', req.creativity);
      break;
    }
    case 'search-replace':
      prompt(parts, 'prompt', req.prompt, true);
      prompt(parts, 'search_prompt', req.searchPrompt, true);
      prompt(parts, 'negative_prompt', req.negativePrompt, false);
      text(parts, 'grow_mask', req.growMask);
      break;
    case 'upscale-conservative':
    case 'upscale-creative':
      prompt(parts, 'prompt', req.prompt, true);
      prompt(parts, 'negative_prompt', req.negativePrompt, false);
      text(parts, 'creativity', req.creativity);
      break;
    default:
      break;
  }
  common();
  return { path: `/v2beta/stable-image/${wire.path}`, parts, async: Boolean(wire.async), credits: wire.credits };
}

/** Stability offers no video since 2025-07-24 (reference §9): refused here, before the network. */
export function refuseStabilityVideo(): never {
  return fail({ kind: 'validation', message: 'Stability AI offers no video: its video API was discontinued in July 2025. Choose xAI or MiniMax for video.', issues: [{ path: 'provider', message: 'No video for Stability AI.' }] });
}
