/**
 * `ImagineApi` over HTTP with global fetch: validates before sending, parses every answer with zod, and returns
 * app-friendly results that carry the request id and the reported cost.
 */
import type { z } from 'zod';
import { fail } from '../../core/app-error';
import {
  assertNoIssues, deferredImagePollSchema, imageEditIssues, imageGenerateIssues, imageModelsSchema, imageResponseSchema,
  normalizeImageResponse, normalizeVideoPoll, startResponseSchema, videoEditIssues, videoExtendIssues,
  videoGenerateIssues, videoModelsSchema, videoPollSchema, type CallOptions, type DeferredImagePoll, type ImageResult,
  type ImagineApi, type VideoStart,
} from '../../core/xai';
import { createDownloader } from './download';
import { createTransport, type RawResponse, type TransportOptions } from './transport';

/** Options of the HTTP client; see `TransportOptions` for the transport half. */
export interface XaiClientOptions extends TransportOptions {
  /** Skip pre-flight validation (tests that want the server's own answer). Default false. */
  skipValidation?: boolean;
}

const opts = (o: CallOptions | undefined): CallOptions => ({
  ...(o?.signal ? { signal: o.signal } : {}),
  ...(o?.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs }),
});

/** Parses a 2xx body; an unreadable one is a protocol error, reported with the request id (never retried). */
function parseBody<S extends z.ZodType>(schema: S, res: RawResponse, what: string): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(res.text);
  } catch {
    return fail({ kind: 'api', status: res.status, code: 'bad-response', message: `xAI sent an unreadable ${what} (not JSON).`, ...rid(res) });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    return fail({ kind: 'api', status: res.status, code: 'bad-response', message: `xAI sent an unexpected ${what}.`, ...rid(res) });
  }
  return parsed.data;
}

const rid = (res: RawResponse) => (res.requestId === undefined ? {} : { requestId: res.requestId });

/** Creates the client. `getApiKey` is called once per call; the key is never stored or logged. */
export function createXaiImagineClient(options: XaiClientOptions): ImagineApi {
  const transport = createTransport(options);
  const download = createDownloader(options);
  const check = (issues: ReturnType<typeof imageGenerateIssues>) => {
    if (!options.skipValidation) assertNoIssues(issues);
  };

  async function images(path: string, body: object, n: number, o?: CallOptions): Promise<ImageResult> {
    const res = await transport.send({ method: 'POST', path, body, ...opts(o) });
    return normalizeImageResponse(parseBody(imageResponseSchema, res, 'image response'), n, res.requestId);
  }

  async function startVideo(path: string, body: object, o?: CallOptions): Promise<VideoStart> {
    const res = await transport.send({ method: 'POST', path, body, ...opts(o) });
    const parsed = parseBody(startResponseSchema, res, 'video start response (no request_id)');
    return { videoRequestId: parsed.request_id, ...rid(res) };
  }

  return {
    async generateImages(req, o) {
      check(imageGenerateIssues(req));
      // `deferred` answers with an id, not images: that flow is startDeferredImages.
      return images('/images/generations', { ...req, deferred: undefined }, req.n ?? 1, o);
    },
    async editImages(req, o) {
      check(imageEditIssues(req));
      return images('/images/edits', { ...req, deferred: undefined }, req.n ?? 1, o);
    },
    async startDeferredImages(req, o) {
      const isEdit = 'image' in req || 'images' in req;
      check(isEdit ? imageEditIssues(req) : imageGenerateIssues(req));
      const res = await transport.send({ method: 'POST', path: isEdit ? '/images/edits' : '/images/generations', body: { ...req, deferred: true, response_format: 'url' }, ...opts(o) });
      return { imageRequestId: parseBody(startResponseSchema, res, 'deferred start response').request_id, ...rid(res) };
    },
    async startVideo(req, o) {
      check(videoGenerateIssues(req));
      return startVideo('/videos/generations', req, o);
    },
    async editVideo(req, o) {
      check(videoEditIssues(req));
      return startVideo('/videos/edits', req, o);
    },
    async extendVideo(req, o) {
      check(videoExtendIssues(req));
      return startVideo('/videos/extensions', req, o);
    },
    async getVideo(id, o) {
      const res = await transport.send({ method: 'GET', path: `/videos/${encodeURIComponent(id)}`, isPoll: true, ...opts(o) });
      // Any 202 is pending whatever its body (doc §13.51); an unreadable 202 body must not fail a billed job.
      if (res.status === 202) return normalizeVideoPoll(202, tryParse(videoPollSchema, res.text), res.requestId);
      return normalizeVideoPoll(res.status, parseBody(videoPollSchema, res, 'video status'), res.requestId);
    },
    async getDeferredImage(id, n, o): Promise<DeferredImagePoll> {
      const res = await transport.send({ method: 'GET', path: `/images/${encodeURIComponent(id)}`, isPoll: true, ...opts(o) });
      const r = rid(res);
      if (res.status === 202) return { status: 'pending', ...r };
      const body = parseBody(deferredImagePollSchema, res, 'image status');
      if (body.status === 'pending') return { status: 'pending', ...r };
      if (body.status === 'expired') return { status: 'expired', ...r };
      if (body.status === 'failed') {
        const code = body.error?.code == null ? 'unknown' : String(body.error.code);
        return { status: 'failed', code, message: body.error?.message ?? 'Image generation failed.', ...r };
      }
      return { status: 'done', ...normalizeImageResponse(body, n, res.requestId) };
    },
    async listImageModels(o) {
      const res = await transport.send({ method: 'GET', path: '/image-generation-models', ...opts(o) });
      return parseBody(imageModelsSchema, res, 'model list').models.map((m) => ({
        id: m.id,
        aliases: m.aliases ?? [],
        ...(m.max_prompt_length == null ? {} : { maxPromptLength: m.max_prompt_length }),
        ...(m.image_price == null ? {} : { imagePriceTicks: m.image_price }),
        pricing: (m.pricing ?? []).map((p) => ({
          ...(p.quality == null ? {} : { quality: p.quality }),
          ...(p.resolution == null ? {} : { resolution: p.resolution }),
          pricePerImageTicks: p.price_per_image,
        })),
      }));
    },
    async listVideoModels(o) {
      const res = await transport.send({ method: 'GET', path: '/video-generation-models', ...opts(o) });
      return parseBody(videoModelsSchema, res, 'model list').models.map((m) => ({
        id: m.id,
        aliases: m.aliases ?? [],
        inputModalities: m.input_modalities ?? [],
      }));
    },
    download,
  };
}

function tryParse<S extends z.ZodType>(schema: S, text: string): z.infer<S> | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
