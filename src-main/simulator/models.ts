/**
 * GET model listings (reference §8): `{models:[…]}` for image and video, OpenAI-style `{object:"list",data}` for
 * /v1/models, built from the capability table. Image entries carry `image_price` and, where prices differ by quality
 * or resolution, `pricing[]`; video entries carry no price (updates §3.5). Retired models are not listed; a look-up
 * by a retired id answers its successor (updates §7 Q2 is open: this is the simulator's choice).
 */
import { XAI_ONLY, allModels, imagePriceTicks, servedQuality, type ImageModelSpec, type ModelSpec, type VideoModelSpec } from '@contract';
import type { Ctx } from './context';
import { GRPC, sendError, sendJson } from './http-util';

const CREATED = 1_769_472_000;

function imageEntry(m: ImageModelSpec) {
  const headline = imagePriceTicks(m, servedQuality(m, 'auto', 'generate'), '1k') ?? 0;
  const varies = new Set(m.prices.map((p) => p.ticks)).size > 1;
  return {
    id: m.id, fingerprint: `fp_${m.id.length.toString(16)}sim`, max_prompt_length: m.promptLimit, created: CREATED,
    object: 'model', owned_by: 'xai', version: '1.0.0', input_modalities: m.maxEditSources > 0 ? ['text', 'image'] : ['text'],
    output_modalities: ['image'], image_price: headline, aliases: [...m.aliases],
    ...(varies ? { pricing: m.prices.map((p) => ({ ...(p.quality ? { quality: p.quality } : {}), resolution: p.resolution, price_per_image: p.ticks })) } : {}),
  };
}

function videoEntry(m: VideoModelSpec) {
  return {
    id: m.id, fingerprint: 'fp_vidsim', created: CREATED, object: 'model', owned_by: 'xai', version: '1.0.0',
    input_modalities: m.pinnedFrames ? ['text', 'image', 'audio'] : ['text', 'image'], output_modalities: ['video'], aliases: [...m.aliases],
  };
}

const entry = (m: ModelSpec) => (m.kind === 'image' ? imageEntry(m) : videoEntry(m));

/** Answers a listing path; returns false when the path is not one. */
export function modelRoutes(ctx: Ctx): boolean {
  const p = ctx.path;
  const listed = allModels(ctx.opts.capabilities, XAI_ONLY).filter((m) => m.status === 'current');
  if (p === '/v1/image-generation-models') sendJson(ctx.res, 200, { models: listed.filter((m) => m.kind === 'image').map(entry) });
  else if (p === '/v1/video-generation-models') sendJson(ctx.res, 200, { models: listed.filter((m) => m.kind === 'video').map(entry) });
  else if (p === '/v1/models') {
    sendJson(ctx.res, 200, { object: 'list', data: listed.map((m) => ({ id: m.id, created: CREATED, object: 'model', owned_by: 'xai', aliases: [...m.aliases] })) });
  } else {
    const m = /^\/v1\/(image|video)-generation-models\/(.+)$/.exec(p);
    if (!m) return false;
    const id = decodeURIComponent(m[2] ?? '');
    const kind = m[1] as 'image' | 'video';
    const found = allModels(ctx.opts.capabilities, XAI_ONLY).find((x) => x.kind === kind && (x.id === id || x.aliases.includes(id)));
    const served = found?.retired?.successor ? listed.find((x) => x.id === found.retired?.successor) : found;
    if (!served || served.status !== 'current') sendError(ctx.res, 404, GRPC.notFound, 'Model not found');
    else sendJson(ctx.res, 200, entry(served));
  }
  return true;
}
