/**
 * POST /v1/images/generations, POST /v1/images/edits and GET /v1/images/{id} (deferred), following reference §3–§5
 * and the §16 validation order (content type, JSON, deserialization and auth already passed in server.ts), with the
 * December changes of xai-imagine-api-updates.md: retired slugs served by their successor at a fixed quality (§1 #1–3),
 * `quality` on 2.0 only (§6 #72–75), per-model ratios and edit sources (§6 #76–79), `model` on every answer.
 */
import { randomUUID } from 'node:crypto';
import { imagePriceTicks, servedQuality, type ImageQuality, type ServedQuality } from '@contract';
import { LIMITS, findImageModel, imagePixelSize, type ImageAspectRatio, type ImageModelSpec, type ImageResolution } from '../core/xai/models';
import sharp from 'sharp';
import type { Ctx } from './context';
import { sendOk } from './faults';
import { GRPC, sendError, sendJson } from './http-util';
import { InputError, resolveImage } from './inputs';
import { nearestAspect, renderImage, renderImageCached } from './render-image';

const invalid = (ctx: Ctx, message: string) => sendError(ctx.res, 400, GRPC.invalid, message);

/** The model that serves a request and the quality it bills: a retired slug is served by its successor (updates §1 #1). */
interface Served {
  caps: ImageModelSpec;
  quality: ServedQuality | undefined;
}

/** Model (404), then `size`/`style`/`quality` (400 code "400"), then ranges (reference §16). Null when answered. */
function commonChecks(ctx: Ctx, call: 'generate' | 'edit'): Served | null {
  const b = ctx.body;
  const model = typeof b.model === 'string' ? b.model : undefined;
  const asked = findImageModel(model, ctx.opts.capabilities);
  const successor = asked?.retired?.successor;
  const caps = successor ? findImageModel(successor, ctx.opts.capabilities) : asked;
  if (!asked || !caps || (asked.retired && !successor)) {
    sendError(ctx.res, 404, GRPC.notFound, `The model ${model} does not exist or your team does not have access to it.`);
    return null;
  }
  for (const arg of ['size', 'style']) {
    if (b[arg] !== undefined) {
      sendError(ctx.res, 400, '400', `Argument not supported: ${arg}`);
      return null;
    }
  }
  // `quality` "is only supported for grok-imagine-image-2.0" (updates §3.1); a retired slug keeps its fixed quality.
  if (b.quality !== undefined && b.quality !== null && asked.qualities.length === 0 && !asked.retired) {
    sendError(ctx.res, 400, '400', 'Argument not supported: quality');
    return null;
  }
  const n = (b.n as number | null | undefined) ?? 1;
  const prompt = b.prompt as string;
  const ratio = b.aspect_ratio as ImageAspectRatio | undefined;
  const images = (b.images as unknown[] | null | undefined)?.length ?? 0;
  const problem =
    n < LIMITS.minImages || n > LIMITS.maxImages ? `n must be between ${LIMITS.minImages} and ${LIMITS.maxImages}, got ${n}`
    : prompt.trim() === '' ? 'Prompt cannot be empty. Please provide a prompt.'
    : prompt.length > caps.promptLimit ? `Prompt is too long: ${prompt.length} characters, the maximum is ${caps.promptLimit}`
    : b.resolution && !caps.resolutions.includes(b.resolution as ImageResolution) ? `Resolution ${String(b.resolution)} is not supported by ${caps.id}`
    : ratio && !caps.ratios.includes(ratio) ? `Aspect ratio ${ratio} is not supported by ${caps.id}`
    : images > caps.maxEditSources && caps.maxEditSources > 0 ? `At most ${caps.maxEditSources} images can be edited together, got ${images}`
    : b.deferred === true && b.response_format === 'b64_json' ? 'Only url response_format is supported for deferred requests'
    : b.output && (b.output as { upload_urls?: unknown[] }).upload_urls?.length !== n ? 'output.upload_urls must contain exactly n URLs'
    : (b.storage_options as { expires_after?: number } | undefined)?.expires_after !== undefined && ((b.storage_options as { expires_after: number }).expires_after > 2_592_000)
      ? 'storage_options.expires_after must be at most 2592000 seconds'
    : null;
  if (problem) {
    invalid(ctx, problem);
    return null;
  }
  const quality = asked.retired?.quality ?? servedQuality(caps, b.quality as ImageQuality | undefined, call);
  return { caps, quality };
}

interface Produce extends Served {
  aspect: ImageAspectRatio | undefined;
  sources: Uint8Array[];
}

/** Renders n images, applies moderation triggers, bills, and answers (or stores a deferred job). */
async function produce(ctx: Ctx, p: Produce): Promise<void> {
  const b = ctx.body;
  const n = (b.n as number | null | undefined) ?? 1;
  const resolution = (b.resolution as ImageResolution | undefined) ?? '1k';
  const { width, height } = imagePixelSize(p.aspect, resolution);
  const asB64 = b.response_format === 'b64_json';
  const storage = b.storage_options as { filename?: string; expires_after?: number } | undefined;
  const nowS = Math.floor(ctx.opts.now() / 1000);
  const data = [];
  for (let i = 0; i < n; i++) {
    if (ctx.triggers.has('BLOCKED') && i === 0) {
      data.push({ url: null, b64_json: null, mime_type: 'image/jpeg', revised_prompt: '', respect_moderation: false });
      continue;
    }
    const args = { width, height, prompt: b.prompt as string, caption: `image ${i + 1} of ${n} · ${p.caps.id} · ${width}×${height}`, sources: p.sources };
    const jpeg = await (ctx.opts.renderCache ? renderImageCached(args) : renderImage(args));
    const payload = asB64
      ? { b64_json: jpeg.toString('base64') }
      : { url: ctx.store.put(ctx.baseUrl, { kind: 'img', bytes: jpeg, mime: 'image/jpeg', width, height, expiresAt: ctx.opts.now() + ctx.opts.imageUrlTtlMs, breakFirstDownload: ctx.triggers.has('DOWNLOAD_RESET') }).url };
    const fileOutput = storage?.filename
      ? { file_output: { file_id: `file_${randomUUID()}`, filename: storage.filename, expires_at: storage.expires_after ? nowS + storage.expires_after : null }, storage_error: null }
      : {};
    data.push({ ...payload, mime_type: 'image/jpeg', revised_prompt: '', respect_moderation: true, ...fileOutput });
  }
  const perImage = imagePriceTicks(p.caps, p.quality, resolution) ?? 0;
  const response = {
    created: nowS,
    // The model that served the request (updates §1 #3: a retired slug answers with its successor).
    model: p.caps.id,
    data: ctx.triggers.has('BLOCKED_ALL') ? [] : data,
    usage: { cost_in_usd_ticks: perImage * n + p.sources.length * p.caps.inputImageTicks },
  };
  if (b.deferred === true) {
    const id = randomUUID();
    ctx.state.deferredImages.set(id, { id, polls: 0, response });
    sendJson(ctx.res, 200, { request_id: id });
    return;
  }
  sendOk(ctx.res, response, ctx.bodyFault);
}

export async function imageGenerations(ctx: Ctx): Promise<void> {
  const served = commonChecks(ctx, 'generate');
  if (!served) return;
  await produce(ctx, { ...served, aspect: ctx.body.aspect_ratio as ImageAspectRatio | undefined, sources: [] });
}

export async function imageEdits(ctx: Ctx): Promise<void> {
  const served = commonChecks(ctx, 'edit');
  if (!served) return;
  const { caps } = served;
  const b = ctx.body;
  const single = b.image ?? null;
  const many = (b.images as unknown[] | null | undefined) ?? null;
  if (caps.maxEditSources === 0) return invalid(ctx, `Model ${caps.id} does not support image editing`);
  if (single && many) return invalid(ctx, 'image and images are mutually exclusive; provide only one');
  if (!single && (!many || many.length === 0)) return invalid(ctx, 'Provide either image or images');
  let sources: Uint8Array[];
  try {
    sources = single ? [await resolveImage(single, 'image', ctx.store)] : await Promise.all((many ?? []).map((img, i) => resolveImage(img, `images[${i}]`, ctx.store)));
  } catch (err) {
    if (err instanceof InputError) return sendError(ctx.res, err.status, err.code, err.message);
    throw err;
  }
  const firstMeta = await sharp(sources[0] as Uint8Array).metadata().catch(() => null);
  if (!firstMeta?.width || !firstMeta.height) return invalid(ctx, 'Could not decode the input image');
  const choices = caps.ratios.filter((r) => r !== 'auto');
  const fromInput = nearestAspect(firstMeta.width, firstMeta.height, choices);
  // Single edits ignore aspect_ratio and follow the input; multi edits honour it, defaulting to the first image.
  const requested = b.aspect_ratio as ImageAspectRatio | undefined;
  const aspect = single || !requested || requested === 'auto' ? fromInput : requested;
  await produce(ctx, { ...served, aspect, sources });
}

/** GET /v1/images/{id}: 202 while pending, 200 done, 404 unknown (doc §5). */
export function imagePoll(ctx: Ctx, id: string): void {
  const job = ctx.state.deferredImages.get(id);
  if (!job) return sendError(ctx.res, 404, GRPC.notFound, `Deferred request ${id} not found or expired`);
  job.polls++;
  if (job.polls <= ctx.opts.deferredImagePolls) {
    ctx.res.setHeader('content-type', 'application/json');
    ctx.res.writeHead(202).end(job.polls === 1 ? '' : JSON.stringify({ status: 'pending' }));
    return;
  }
  sendOk(ctx.res, { request_id: id, status: 'done', ...(job.response as object) }, ctx.bodyFault);
}
