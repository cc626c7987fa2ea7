/**
 * POST /v1/videos/{generations,edits,extensions} → `{request_id}` at once, and GET /v1/videos/{id}: 202 with an
 * empty body first, then `{status:"pending",progress}` rising, then 200 done/failed/expired (reference §7, §13.43–62).
 * Progress is counted in polls (plus an optional minimum time) so tests are deterministic. Per-model rules come from
 * the capability table (updates §1 #12–16, §6 #88–92): modes, ratios, resolutions, 1.5-lite's refusals, and edit and
 * extend on grok-imagine-video only.
 */
import { randomUUID } from 'node:crypto';
import { estimateVideoCost, estimateVideoInputCost } from '../core/xai/cost';
import { LIMITS, findVideoModel, videoPixelSize, type VideoAspectRatio, type VideoModelSpec, type VideoResolution } from '../core/xai/models';
import sharp from 'sharp';
import type { Ctx, VideoJob } from './context';
import { sendOk } from './faults';
import { GRPC, sendError, sendJson } from './http-util';
import { InputError, resolveImage, resolveVideo } from './inputs';
import { nearestAspect } from './render-image';
import { probeVideo, renderVideo } from './render-video';

const VOICES = ['ara', 'eve', 'leo', 'rex', 'sal'];
const invalid = (ctx: Ctx, message: string) => sendError(ctx.res, 400, GRPC.invalid, message);

function modelOr404(ctx: Ctx): VideoModelSpec | null {
  const model = typeof ctx.body.model === 'string' ? ctx.body.model : undefined;
  const caps = findVideoModel(model, ctx.opts.capabilities);
  if (!caps) sendError(ctx.res, 404, GRPC.notFound, `The model ${model} does not exist or your team does not have access to it.`);
  return caps ?? null;
}

const intOf = (v: unknown): number | undefined => (v === undefined || v === null ? undefined : Number(v));

/** Registers a job whose clip renders in the background, and answers `{request_id}`. */
function startJob(ctx: Ctx, j: { caps: VideoModelSpec; width: number; height: number; durationSeconds: number; costTicks: number; failure?: { code: string; message: string } }): void {
  const id = randomUUID();
  const prompt = typeof ctx.body.prompt === 'string' ? ctx.body.prompt : '';
  const job: VideoJob = {
    id, model: j.caps.id, createdAt: ctx.opts.now(), polls: 0, durationSeconds: j.durationSeconds, width: j.width, height: j.height,
    costTicks: j.costTicks, triggers: ctx.triggers, ...(j.failure ? { failure: j.failure } : {}),
    render: Promise.resolve(''),
  };
  if (!j.failure) {
    job.render = renderVideo({ width: j.width, height: j.height, durationSeconds: j.durationSeconds, prompt, fps: ctx.opts.video.fps }).then((bytes) => {
      const { url } = ctx.store.put(ctx.baseUrl, {
        kind: 'vid', bytes, mime: 'video/mp4', width: j.width, height: j.height, durationSeconds: j.durationSeconds,
        expiresAt: ctx.opts.now() + ctx.opts.videoUrlTtlMs, breakFirstDownload: ctx.triggers.has('DOWNLOAD_RESET'),
      });
      job.url = url;
      return url;
    });
    job.render.catch((err: unknown) => {
      job.failure = { code: 'internal_error', message: `Rendering failed: ${(err as Error).message.split('\n')[0]}` };
    });
  }
  ctx.state.videos.set(id, job);
  sendOk(ctx.res, { request_id: id }, ctx.bodyFault);
}

/** Semantic checks of a generation body; returns an error message or null. */
function generationProblem(b: Record<string, unknown>, caps: VideoModelSpec): string | null {
  const duration = intOf(b.duration ?? b.seconds) ?? caps.durations.default;
  const refs = b.reference_images as unknown[] | undefined;
  const audios = b.reference_audios as { voice_id?: string }[] | undefined;
  const r2v = Boolean(refs?.length || audios?.length);
  const keyframes = b.keyframes as { timestamp_s?: number }[] | undefined;
  const pinned = Boolean(b.last_frame || keyframes);
  const unknownVoice = audios?.find((a) => a.voice_id !== undefined && !VOICES.includes(a.voice_id.toLowerCase()));
  // 1.5-lite takes text or an image only (updates §6 #89, the error text observed by a third party).
  for (const field of ['reference_images', 'reference_audios', 'last_frame', 'keyframes']) {
    if (b[field] !== undefined && caps.maxReferences === 0 && !caps.pinnedFrames) return `\`${field}\` is not supported for this model`;
  }
  if (duration < caps.durations.min || duration > caps.durations.max) return `duration must be between ${caps.durations.min} and ${caps.durations.max} seconds, got ${duration}`;
  if (b.resolution && !caps.resolutions.includes(b.resolution as VideoResolution)) return `Resolution ${String(b.resolution)} is not supported by ${caps.id}`;
  if (b.aspect_ratio && !caps.ratios.includes(b.aspect_ratio as VideoAspectRatio)) return `Aspect ratio ${String(b.aspect_ratio)} is not supported by ${caps.id}`;
  if ((r2v || (pinned && b.image)) && b.resolution === '1080p') return 'Reference-to-video supports at most 720p';
  if (refs && (refs.length < 1 || refs.length > caps.maxReferences)) return `reference_images must contain between 1 and ${caps.maxReferences} images`;
  if (r2v && caps.referenceMaxSeconds && duration > caps.referenceMaxSeconds) return `Reference-to-video on ${caps.id} supports at most ${caps.referenceMaxSeconds} seconds`;
  if (refs && b.image && !caps.pinnedFrames) return `image and reference_images cannot be combined on ${caps.id}`;
  if (audios && audios.length > LIMITS.referenceAudios) return 'At most 3 reference_audios are allowed';
  if (unknownVoice) return `Unknown voice_id "${unknownVoice.voice_id}". Available voices: ${VOICES.join(', ')}`;
  if (pinned && !caps.pinnedFrames) return `last_frame and keyframes are not supported by ${caps.id}`;
  if (keyframes && keyframes.length > LIMITS.keyframes) return 'At most 4 keyframes are allowed';
  if (keyframes?.some((k) => !(typeof k.timestamp_s === 'number' && k.timestamp_s > 0 && k.timestamp_s < duration))) return 'keyframe timestamp_s must be inside (0, duration)';
  return null;
}

export async function videoGenerations(ctx: Ctx): Promise<void> {
  const caps = modelOr404(ctx);
  if (!caps) return;
  const b = ctx.body;
  const problem = generationProblem(b, caps);
  if (problem) return invalid(ctx, problem);
  const start = b.image ?? b.input_reference;
  let aspect = (b.aspect_ratio as VideoAspectRatio | undefined) ?? '16:9';
  try {
    for (const [i, ref] of ((b.reference_images as unknown[] | undefined) ?? []).entries()) await resolveImage(ref, `reference_images[${i}]`, ctx.store);
    if (b.last_frame) await resolveImage(b.last_frame, 'last_frame', ctx.store);
    if (start) {
      // I2V ignores aspect_ratio: the output takes the start image's shape (doc §13.48).
      const meta = await sharp(await resolveImage(start, 'image', ctx.store)).metadata();
      aspect = nearestAspect(meta.width ?? 16, meta.height ?? 9, caps.ratios);
    }
  } catch (err) {
    if (err instanceof InputError) return sendError(ctx.res, err.status, err.code, err.message);
    throw err;
  }
  const resolution = (b.resolution as VideoResolution | undefined) ?? '480p';
  const durationSeconds = intOf(b.duration ?? b.seconds) ?? caps.durations.default;
  const { width, height } = videoPixelSize(aspect, resolution);
  const prompt = typeof b.prompt === 'string' ? b.prompt : '';
  // An empty T2V prompt passes synchronous validation and fails in the poll (doc §13.54).
  // A prompt is required only for pure T2V (updates §3.4, §6 #91).
  const driven = Boolean(start || b.last_frame || b.keyframes || b.reference_images || b.reference_audios);
  const failure = !driven && prompt.trim() === '' ? { code: 'invalid_argument', message: 'Prompt cannot be empty. Please provide a prompt.' } : undefined;
  const costTicks = estimateVideoCost({
    model: caps.id, duration: durationSeconds, resolution,
    ...(start ? { image: { url: '' } } : {}),
    ...(b.last_frame ? { last_frame: { url: '' } } : {}),
    ...(b.reference_images ? { reference_images: b.reference_images as { url: string }[] } : {}),
  }, ctx.opts.capabilities).ticks;
  startJob(ctx, { caps, width, height, durationSeconds, costTicks, ...(failure ? { failure } : {}) });
}

/** Caps a size at 720p on its short side, keeping the ratio and even dimensions (edits/extensions, doc §7.2). */
function cap720(w: number, h: number): { width: number; height: number } {
  const short = Math.min(w, h);
  if (short <= 720) return { width: w - (w % 2), height: h - (h % 2) };
  const k = 720 / short;
  const even = (v: number) => Math.round((v * k) / 2) * 2;
  return { width: even(w), height: even(h) };
}

async function videoInput(ctx: Ctx, extension: boolean): Promise<void> {
  const caps = modelOr404(ctx);
  if (!caps) return;
  // Edit and extend are documented for grok-imagine-video only (updates §1 #16, §6 #92).
  if (!caps.modes.includes(extension ? 'extend' : 'edit')) {
    return sendError(ctx.res, 400, GRPC.invalid, `${extension ? 'Video extension' : 'Video editing'} is not available for ${caps.id}`);
  }
  const ext = extension ? intOf(ctx.body.duration) ?? LIMITS.extensionDuration.default : 0;
  if (extension && (ext < LIMITS.extensionDuration.min || ext > LIMITS.extensionDuration.max)) {
    return invalid(ctx, `duration must be between ${LIMITS.extensionDuration.min} and ${LIMITS.extensionDuration.max} seconds, got ${ext}`);
  }
  let input;
  try {
    input = await resolveVideo(ctx.body.video, ctx.store);
  } catch (err) {
    if (err instanceof InputError) return sendError(ctx.res, err.status, err.code, err.message);
    throw err;
  }
  const meta = input.known ?? (await probeVideo(input.bytes));
  const size = meta ? cap720(meta.width, meta.height) : { width: 848, height: 480 };
  const inSeconds = meta ? Math.round(meta.durationSeconds * 10) / 10 : 0;
  const range = LIMITS.extensionInput;
  const failure =
    !meta ? { code: 'invalid_argument', message: 'The input video could not be decoded.' }
    : !extension && meta.durationSeconds > LIMITS.editInputMaxSeconds ? { code: 'invalid_argument', message: `Input video must be at most ${LIMITS.editInputMaxSeconds} seconds long.` }
    : extension && (meta.durationSeconds < range.min || meta.durationSeconds > range.max) ? { code: 'invalid_argument', message: `Input video must be ${range.min}-${range.max} seconds long.` }
    : undefined;
  const durationSeconds = Math.max(1, Math.round(inSeconds + ext));
  const costTicks = estimateVideoInputCost({ model: caps.id, inputSeconds: inSeconds, resolution: size.height <= 480 || size.width <= 480 ? '480p' : '720p', ...(extension ? { extensionSeconds: ext } : {}) }, ctx.opts.capabilities).ticks;
  startJob(ctx, { caps, ...size, durationSeconds, costTicks, ...(failure ? { failure } : {}) });
}

export const videoEdits = (ctx: Ctx) => videoInput(ctx, false);
export const videoExtensions = (ctx: Ctx) => videoInput(ctx, true);

/** GET /v1/videos/{id}. */
export function videoPoll(ctx: Ctx, id: string): void {
  const job = ctx.state.videos.get(id);
  if (!job) return sendError(ctx.res, 404, GRPC.notFound, `Video request ${id} not found`);
  job.polls++;
  const v = ctx.opts.video;
  const pending = (progress: number | null) => {
    ctx.res.writeHead(202, progress === null ? {} : { 'content-type': 'application/json' });
    ctx.res.end(progress === null ? '' : JSON.stringify({ status: 'pending', progress }));
  };
  if (job.polls <= v.emptyPolls) return pending(null);
  if (job.failure || job.triggers.has('VIDEO_FAIL')) {
    const error = job.failure ?? { code: 'internal_error', message: 'Video generation failed due to an internal error.' };
    return sendOk(ctx.res, { status: 'failed', error }, ctx.bodyFault);
  }
  const waited = ctx.opts.now() - job.createdAt;
  if (job.polls <= v.emptyPolls + v.pendingPolls || !job.url || waited < v.minMs) {
    const step = job.polls - v.emptyPolls;
    return pending(Math.min(99, Math.round((100 * step) / (v.pendingPolls + 1))));
  }
  if (job.triggers.has('VIDEO_EXPIRE')) {
    if (v.expiredAs === '404') return sendError(ctx.res, 404, GRPC.notFound, `Video request ${id} not found or expired`);
    return sendJson(ctx.res, 200, { status: 'expired' });
  }
  const blocked = job.triggers.has('BLOCKED') || job.triggers.has('BLOCKED_ALL');
  sendOk(ctx.res, {
    status: 'done',
    progress: 100,
    model: job.model,
    video: { url: blocked ? '' : job.url, duration: job.durationSeconds, respect_moderation: !blocked },
    usage: { cost_in_usd_ticks: job.costTicks },
  }, ctx.bodyFault);
}
