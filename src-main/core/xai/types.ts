/**
 * Request and result shapes of the Imagine client. Requests are the wire bodies (snake_case, doc §15) so nothing is
 * lost in translation; results are app-friendly and always carry the request id and the reported cost.
 */
import type { ImageAspectRatio, ImageQuality, ImageResolution, VideoAspectRatio, VideoResolution } from './models';

/** An image input: a public http(s) URL or a `data:image/...;base64,` URI, or a Files API id. */
export type ImageUrlInput = { url: string } | { image_url: string } | { file_id: string };
/** A video input: public URL or `data:video/mp4;base64,` URI, or a Files API id. */
export type VideoUrlInput = { url: string } | { file_id: string };

/** Body of POST /v1/images/generations. `size` and `style` are deliberately absent: the server rejects them. */
export interface ImageGenerateRequest {
  prompt: string;
  model?: string;
  n?: number;
  response_format?: 'url' | 'b64_json';
  aspect_ratio?: ImageAspectRatio;
  resolution?: ImageResolution;
  quality?: ImageQuality;
  user?: string;
  /** Answer `{request_id}` at once and poll `getDeferredImage` (url format only). */
  deferred?: boolean;
}

/** Body of POST /v1/images/edits: exactly one of `image` / `images`. */
export interface ImageEditRequest extends ImageGenerateRequest {
  image?: ImageUrlInput;
  images?: ImageUrlInput[];
}

/** Body of POST /v1/videos/generations (T2V, I2V with `image`, R2V with `reference_images`). */
export interface VideoGenerateRequest {
  prompt?: string;
  model?: string;
  duration?: number;
  aspect_ratio?: VideoAspectRatio;
  resolution?: VideoResolution;
  image?: ImageUrlInput;
  last_frame?: ImageUrlInput;
  reference_images?: ImageUrlInput[];
  generate_audio?: boolean;
  user?: string;
}

/** Body of POST /v1/videos/edits. */
export interface VideoEditRequest {
  prompt: string;
  video: VideoUrlInput;
  model?: string;
  user?: string;
}

/** Body of POST /v1/videos/extensions; `duration` is the length of the added part only. */
export interface VideoExtendRequest {
  prompt: string;
  video: VideoUrlInput;
  duration?: number;
  model?: string;
}

/** Options every call takes. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's default timeout for this call. */
  timeoutMs?: number;
}

/** Cost as reported by the server (`usage.cost_in_usd_ticks`); null when the server did not say. */
export interface ReportedCost {
  costTicks: number | null;
  costUsd: number | null;
}

/** One output slot of an image call: an image, or a slot the content policy withheld. */
export type ImageItem =
  | { ok: true; mime: string; url?: string; bytes?: Uint8Array; revisedPrompt?: string }
  | { ok: false; blocked: true; reason: string };

/** Result of an image generation or edit: one item per requested output, in order. */
export interface ImageResult extends ReportedCost {
  items: ImageItem[];
  requestId?: string;
  /** The model that served, when the response names it (xai-imagine-api-updates.md §1 #3, §7 Q3). */
  model?: string;
  created?: number;
  /** The seed the provider reports (Stability's `seed` header); xAI reports none. */
  seed?: number;
}

/** Answer of a video start call. */
export interface VideoStart {
  videoRequestId: string;
  requestId?: string;
}

/** One poll of GET /v1/videos/{id}, normalised. */
export type VideoPoll =
  | { status: 'pending'; progress: number | null; requestId?: string }
  | ({ status: 'done'; url: string; durationSeconds: number | null; model?: string; requestId?: string } & ReportedCost)
  | ({ status: 'blocked'; reason: string; requestId?: string } & ReportedCost)
  | { status: 'failed'; code: string; message: string; requestId?: string }
  | { status: 'expired'; requestId?: string };

/** One poll of GET /v1/images/{id} (deferred images). */
export type DeferredImagePoll =
  | { status: 'pending'; requestId?: string }
  | ({ status: 'done' } & ImageResult)
  | { status: 'failed'; code: string; message: string; requestId?: string }
  | { status: 'expired'; requestId?: string };

/** An entry of GET /v1/image-generation-models. */
export interface ImageModelListing {
  id: string;
  aliases: string[];
  maxPromptLength?: number;
  imagePriceTicks?: number;
  pricing: { quality?: string; resolution?: string; pricePerImageTicks: number }[];
}

/** An entry of GET /v1/video-generation-models. */
export interface VideoModelListing {
  id: string;
  aliases: string[];
  inputModalities: string[];
}

/** Downloaded bytes of a temporary result URL. */
export interface Download {
  bytes: Uint8Array;
  mime: string | null;
  /** How many times the transfer resumed with a Range request after a broken connection. */
  resumes: number;
}

export interface DownloadOptions extends CallOptions {
  /** Refuse bodies larger than this (default 512 MiB). */
  maxBytes?: number;
}

/**
 * The port services depend on: every Imagine endpoint, typed. Failures are thrown as `AppErrorException` carrying an
 * `AppError`; moderation is never a failure but a per-item `blocked` result.
 */
export interface ImagineApi {
  generateImages(req: ImageGenerateRequest, opts?: CallOptions): Promise<ImageResult>;
  editImages(req: ImageEditRequest, opts?: CallOptions): Promise<ImageResult>;
  startVideo(req: VideoGenerateRequest, opts?: CallOptions): Promise<VideoStart>;
  editVideo(req: VideoEditRequest, opts?: CallOptions): Promise<VideoStart>;
  extendVideo(req: VideoExtendRequest, opts?: CallOptions): Promise<VideoStart>;
  getVideo(videoRequestId: string, opts?: CallOptions): Promise<VideoPoll>;
  /** Sends with `deferred:true` (to /edits when `image`/`images` are present) and returns the id to poll. */
  startDeferredImages(req: ImageGenerateRequest | ImageEditRequest, opts?: CallOptions): Promise<{ imageRequestId: string; requestId?: string }>;
  getDeferredImage(imageRequestId: string, n: number, opts?: CallOptions): Promise<DeferredImagePoll>;
  listImageModels(opts?: CallOptions): Promise<ImageModelListing[]>;
  listVideoModels(opts?: CallOptions): Promise<VideoModelListing[]>;
  /** Fetches a temporary result URL (no API key is sent), resuming with Range after a broken connection. */
  download(url: string, opts?: DownloadOptions): Promise<Download>;
}
