/** GET model listings (doc §8): `{models:[…]}` for image and video, OpenAI-style `{object:"list",data}` for /v1/models. */
import { IMAGE_MODELS, VIDEO_MODELS, type ImageModelCaps, type VideoModelCaps } from '../core/xai/models';
import type { Ctx } from './context';
import { GRPC, sendError, sendJson } from './http-util';

const CREATED = 1_769_472_000;

function imageEntry(m: ImageModelCaps) {
  return {
    id: m.id, fingerprint: `fp_${m.id.length.toString(16)}sim`, max_prompt_length: m.maxPromptLength, created: CREATED,
    object: 'model', owned_by: 'xai', version: '1.0.0', input_modalities: m.supportsEdit ? ['text', 'image'] : ['text'],
    output_modalities: ['image'], image_price: m.pricePerImageTicks, aliases: [...m.aliases],
    ...(m.qualityTiers
      ? { pricing: m.resolutions.flatMap((resolution) => (['low', 'medium'] as const).map((quality) => ({ quality, resolution, price_per_image: m.pricePerImageTicks * (quality === 'low' ? 0.5 : 1) * (resolution === '2k' ? 2 : 1) }))) }
      : {}),
  };
}

function videoEntry(m: VideoModelCaps) {
  return {
    id: m.id, fingerprint: 'fp_vidsim', created: CREATED, object: 'model', owned_by: 'xai', version: '1.0.0',
    input_modalities: m.supportsLastFrame ? ['text', 'image', 'audio'] : ['text', 'image'], output_modalities: ['video'], aliases: [...m.aliases],
  };
}

/** Answers a listing path; returns false when the path is not one. */
export function modelRoutes(ctx: Ctx): boolean {
  const p = ctx.path;
  if (p === '/v1/image-generation-models') sendJson(ctx.res, 200, { models: IMAGE_MODELS.map(imageEntry) });
  else if (p === '/v1/video-generation-models') sendJson(ctx.res, 200, { models: VIDEO_MODELS.map(videoEntry) });
  else if (p === '/v1/models') {
    sendJson(ctx.res, 200, { object: 'list', data: [...IMAGE_MODELS, ...VIDEO_MODELS].map((m) => ({ id: m.id, created: CREATED, object: 'model', owned_by: 'xai', aliases: [...m.aliases] })) });
  } else {
    const m = /^\/v1\/(image|video)-generation-models\/(.+)$/.exec(p);
    if (!m) return false;
    const id = decodeURIComponent(m[2] ?? '');
    const found = m[1] === 'image' ? IMAGE_MODELS.find((x) => x.id === id || x.aliases.includes(id)) : VIDEO_MODELS.find((x) => x.id === id || x.aliases.includes(id));
    if (!found) sendError(ctx.res, 404, GRPC.notFound, 'Model not found');
    else sendJson(ctx.res, 200, m[1] === 'image' ? imageEntry(found as ImageModelCaps) : videoEntry(found as VideoModelCaps));
  }
  return true;
}
