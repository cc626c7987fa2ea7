/**
 * Pre-flight checks run before any request leaves the app, with messages a person understands. A failure is a
 * `validation` AppError listing every problem at once (not just the first), so a form can mark all fields.
 */
import type { AppError } from '@contract';
import { fail } from '../app-error';
import { inspectDataUri } from './media-sniff';
import { BUILT_IN_TABLE, type CapabilityTable } from '@contract';
import { IMAGE_QUALITIES, LIMITS, findImageModel, findVideoModel, type VideoModelSpec } from './models';
import type {
  ImageEditRequest, ImageGenerateRequest, ImageUrlInput, VideoEditRequest, VideoExtendRequest, VideoGenerateRequest,
} from './types';

/** One problem, addressed by the request field it concerns. */
export interface Issue {
  path: string;
  message: string;
}

const ACCEPTED_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
const MiB = 1024 * 1024;

function checkPrompt(issues: Issue[], prompt: unknown, max: number, required: boolean): void {
  if (prompt === undefined && !required) return;
  if (typeof prompt !== 'string' || prompt.trim() === '') {
    issues.push({ path: 'prompt', message: 'Write a prompt first.' });
  } else if (prompt.length > max) {
    issues.push({ path: 'prompt', message: `The prompt is ${prompt.length} characters; this model takes at most ${max}.` });
  }
}

function checkForbiddenArgs(issues: Issue[], req: object): void {
  for (const key of ['size', 'style']) {
    if (key in req) issues.push({ path: key, message: `xAI does not support "${key}"; use aspect ratio and resolution instead.` });
  }
}

function checkImageInput(issues: Issue[], input: ImageUrlInput | undefined, path: string): void {
  const limitMiB = LIMITS.maxInputImageBytes / MiB;
  if (!input || typeof input !== 'object') {
    issues.push({ path, message: 'Missing image.' });
    return;
  }
  if ('file_id' in input) return;
  const url = 'url' in input ? input.url : input.image_url;
  if (typeof url !== 'string' || url === '') {
    issues.push({ path, message: 'Missing image.' });
    return;
  }
  if (/^https?:\/\//i.test(url)) return;
  const info = inspectDataUri(url);
  if (!info || !info.base64) {
    issues.push({ path, message: 'Images must be a web address or embedded image data.' });
    return;
  }
  const type = info.sniffed ?? info.declaredMime;
  if (!ACCEPTED_IMAGE_TYPES.includes(type)) {
    issues.push({ path, message: `This image is ${type.replace('image/', '').toUpperCase() || 'of an unknown type'}; xAI accepts PNG, JPEG or WebP.` });
  }
  if (info.byteLength > LIMITS.maxInputImageBytes) {
    issues.push({ path, message: `This image is ${(info.byteLength / MiB).toFixed(1)} MiB; the limit is ${limitMiB} MiB.` });
  }
}

function checkN(issues: Issue[], n: unknown): void {
  if (n === undefined) return;
  if (!Number.isInteger(n) || (n as number) < LIMITS.minImages || (n as number) > LIMITS.maxImages) {
    issues.push({ path: 'n', message: `Choose between ${LIMITS.minImages} and ${LIMITS.maxImages} images.` });
  }
}

function checkImageCommon(issues: Issue[], req: ImageGenerateRequest, table: CapabilityTable): ReturnType<typeof findImageModel> {
  checkForbiddenArgs(issues, req);
  const caps = findImageModel(req.model, table);
  if (!caps) issues.push({ path: 'model', message: `Unknown image model "${req.model}".` });
  checkPrompt(issues, req.prompt, caps?.promptLimit ?? 1024, true);
  checkN(issues, req.n);
  if (req.response_format !== undefined && !['url', 'b64_json'].includes(req.response_format)) {
    issues.push({ path: 'response_format', message: 'Response format must be "url" or "b64_json".' });
  }
  if (req.aspect_ratio !== undefined && caps && !caps.ratios.includes(req.aspect_ratio)) {
    issues.push({ path: 'aspect_ratio', message: `${caps.name} does not take the ${req.aspect_ratio} aspect ratio.` });
  }
  if (req.resolution !== undefined && caps && !caps.resolutions.includes(req.resolution)) {
    issues.push({ path: 'resolution', message: `${caps.id} renders at ${caps.resolutions.join(' or ')}, not ${req.resolution}.` });
  }
  if (req.deferred && req.response_format === 'b64_json') {
    issues.push({ path: 'response_format', message: 'Deferred requests can only return URLs.' });
  }
  if (req.quality !== undefined) {
    // `quality` is only for models that take it (updates §6 #75); `high` is not in the documented set (#74).
    if (!IMAGE_QUALITIES.includes(req.quality)) issues.push({ path: 'quality', message: `Quality must be ${IMAGE_QUALITIES.join(', ')}.` });
    else if (caps && !caps.qualities.includes(req.quality)) issues.push({ path: 'quality', message: `${caps.name} has no quality setting.` });
  }
  return caps;
}

/** Issues for POST /v1/images/generations. */
export function imageGenerateIssues(req: ImageGenerateRequest, table: CapabilityTable = BUILT_IN_TABLE): Issue[] {
  const issues: Issue[] = [];
  checkImageCommon(issues, req, table);
  return issues;
}

/** Issues for POST /v1/images/edits. */
export function imageEditIssues(req: ImageEditRequest, table: CapabilityTable = BUILT_IN_TABLE): Issue[] {
  const issues: Issue[] = [];
  const caps = checkImageCommon(issues, req, table);
  if (caps && caps.maxEditSources === 0) issues.push({ path: 'model', message: `${caps.id} cannot edit images.` });
  const max = caps?.maxEditSources || 1;
  if (req.image && req.images) issues.push({ path: 'images', message: 'Give one image or a list of images, not both.' });
  else if (!req.image && (!req.images || req.images.length === 0)) issues.push({ path: 'images', message: 'Add an image to edit.' });
  if (req.images && req.images.length > max) issues.push({ path: 'images', message: `${caps?.name ?? 'This model'} edits at most ${max} images at once; you gave ${req.images.length}.` });
  if (req.image) checkImageInput(issues, req.image, 'image');
  req.images?.forEach((img, i) => checkImageInput(issues, img, `images.${i}`));
  return issues;
}

function checkDuration(issues: Issue[], d: unknown, range: { min: number; max: number }, what: string): void {
  if (d === undefined) return;
  if (!Number.isInteger(d) || (d as number) < range.min || (d as number) > range.max) {
    issues.push({ path: 'duration', message: `${what} must be ${range.min}–${range.max} seconds.` });
  }
}

/** Why a model cannot do a mode of video, or null. */
function modeIssue(caps: VideoModelSpec | undefined, mode: VideoModelSpec['modes'][number], what: string): Issue | null {
  return caps && !caps.modes.includes(mode) ? { path: 'model', message: `${caps.name} cannot ${what}; choose another video model.` } : null;
}

/** Issues for POST /v1/videos/generations (T2V, I2V, R2V). */
export function videoGenerateIssues(req: VideoGenerateRequest, table: CapabilityTable = BUILT_IN_TABLE): Issue[] {
  const issues: Issue[] = [];
  checkForbiddenArgs(issues, req);
  const caps = findVideoModel(req.model, table);
  if (!caps) issues.push({ path: 'model', message: `Unknown video model "${req.model}".` });
  const refs = req.reference_images;
  const mode = refs ? 'reference' : req.image ? 'image' : 'text';
  const modeProblem = modeIssue(caps, mode, mode === 'reference' ? 'use reference images' : mode === 'image' ? 'animate an image' : 'turn text into video');
  if (modeProblem) issues.push(modeProblem);
  // A prompt is needed only when nothing else drives the video (updates §3.4).
  checkPrompt(issues, req.prompt, caps?.promptLimit ?? 1024, !req.image && !req.last_frame && !refs);
  checkDuration(issues, req.duration, caps?.durations ?? { min: 1, max: 15 }, 'Video length');
  if (refs && caps?.referenceMaxSeconds && (req.duration ?? caps.durations.default) > caps.referenceMaxSeconds) {
    issues.push({ path: 'duration', message: `${caps.name} makes reference videos of at most ${caps.referenceMaxSeconds} seconds.` });
  }
  if (req.aspect_ratio !== undefined && caps && !caps.ratios.includes(req.aspect_ratio)) {
    issues.push({ path: 'aspect_ratio', message: `${caps.name} does not take the ${req.aspect_ratio} aspect ratio.` });
  }
  const maxRefs = caps?.maxReferences ?? 0;
  if (refs !== undefined && maxRefs > 0 && (refs.length < 1 || refs.length > maxRefs)) {
    issues.push({ path: 'reference_images', message: `Use 1–${maxRefs} reference images.` });
  }
  if (refs && req.image && caps && !caps.pinnedFrames) issues.push({ path: 'reference_images', message: 'Use either a start image or reference images, not both.' });
  if (req.resolution !== undefined && caps) {
    if (!caps.resolutions.includes(req.resolution)) {
      issues.push({ path: 'resolution', message: `${caps.id} does not render ${req.resolution}; it offers ${caps.resolutions.join(', ')}.` });
    } else if ((refs || req.last_frame) && req.resolution === '1080p') {
      issues.push({ path: 'resolution', message: `Reference-to-video is limited to ${LIMITS.r2vMaxResolution}.` });
    }
  }
  if (req.last_frame && caps && !caps.pinnedFrames) issues.push({ path: 'last_frame', message: `${caps.id} cannot pin a last frame.` });
  if (req.image) checkImageInput(issues, req.image, 'image');
  if (req.last_frame) checkImageInput(issues, req.last_frame, 'last_frame');
  refs?.forEach((img, i) => checkImageInput(issues, img, `reference_images.${i}`));
  return issues;
}

function checkVideoInput(issues: Issue[], req: VideoEditRequest | VideoExtendRequest, mode: 'edit' | 'extend', table: CapabilityTable): void {
  checkForbiddenArgs(issues, req);
  const caps = findVideoModel(req.model, table);
  if (!caps) issues.push({ path: 'model', message: `Unknown video model "${req.model}".` });
  // Edit and extend are documented for grok-imagine-video only (updates §1 #16).
  const problem = modeIssue(caps, mode, mode === 'edit' ? 'edit videos' : 'extend videos');
  if (problem) issues.push(problem);
  checkPrompt(issues, req.prompt, caps?.promptLimit ?? 1024, true);
  const v = req.video as { url?: unknown; file_id?: unknown } | undefined;
  if (!v || (typeof v.url !== 'string' && typeof v.file_id !== 'string')) issues.push({ path: 'video', message: 'Choose a video.' });
  else if (typeof v.url === 'string' && !/^https?:\/\//i.test(v.url) && !/^data:video\/mp4[;,]/i.test(v.url)) {
    issues.push({ path: 'video', message: 'The video must be an MP4 (web address or embedded data).' });
  }
}

export function videoEditIssues(req: VideoEditRequest, table: CapabilityTable = BUILT_IN_TABLE): Issue[] {
  const issues: Issue[] = [];
  checkVideoInput(issues, req, 'edit', table);
  for (const key of ['duration', 'aspect_ratio', 'resolution']) {
    if (key in req) issues.push({ path: key, message: `Video edits keep the input's ${key.replace('_', ' ')}; remove it.` });
  }
  return issues;
}

export function videoExtendIssues(req: VideoExtendRequest, table: CapabilityTable = BUILT_IN_TABLE): Issue[] {
  const issues: Issue[] = [];
  checkVideoInput(issues, req, 'extend', table);
  checkDuration(issues, req.duration, LIMITS.extensionDuration, 'An extension');
  return issues;
}

/** The AppError for a list of issues; the message names the first problem so a toast alone is still useful. */
export function validationError(issues: Issue[]): AppError {
  const first = issues[0]?.message ?? 'Invalid request.';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return { kind: 'validation', message: `${first}${more}`, issues };
}

/** Throws a `validation` AppErrorException when there are issues. */
export function assertNoIssues(issues: Issue[]): void {
  if (issues.length > 0) fail(validationError(issues));
}
