/**
 * What the app asks Stability for, as typed requests (one per operation the studio offers), and what comes back.
 * The wire form (multipart fields, paths) is built from these by ./requests.ts.
 */
import type { CallOptions } from '../xai/types';

export type StabilityOutputFormat = 'png' | 'jpeg' | 'webp';
/** Text-to-image models (reference §6): Ultra, Core and the SD 3.5 family. */
export type StabilityGenerateModel = 'stable-image-ultra' | 'stable-image-core' | 'sd3.5-large' | 'sd3.5-large-turbo' | 'sd3.5-medium';

/** An image part: bytes and their type. */
export interface StabilityImage {
  bytes: Uint8Array;
  mime: 'image/png' | 'image/jpeg' | 'image/webp';
}

interface Common {
  seed?: number;
  outputFormat?: StabilityOutputFormat;
}

export type StabilityRequest =
  | (Common & { operation: 'generate'; model: StabilityGenerateModel; prompt: string; negativePrompt?: string; aspectRatio?: string; stylePreset?: string; image?: StabilityImage; strength?: number })
  | (Common & { operation: 'inpaint'; image: StabilityImage; mask?: StabilityImage; prompt: string; negativePrompt?: string; growMask?: number; stylePreset?: string })
  | (Common & { operation: 'erase'; image: StabilityImage; mask?: StabilityImage; growMask?: number })
  | (Common & { operation: 'outpaint'; image: StabilityImage; left?: number; right?: number; up?: number; down?: number; prompt?: string; creativity?: number })
  | (Common & { operation: 'search-replace'; image: StabilityImage; prompt: string; searchPrompt: string; negativePrompt?: string; growMask?: number })
  | (Common & { operation: 'remove-background'; image: StabilityImage; outputFormat?: 'png' | 'webp' })
  | (Common & { operation: 'upscale-fast'; image: StabilityImage })
  | (Common & { operation: 'upscale-conservative'; image: StabilityImage; prompt: string; negativePrompt?: string; creativity?: number })
  | (Common & { operation: 'upscale-creative'; image: StabilityImage; prompt: string; negativePrompt?: string; creativity?: number });

export type StabilityOperation = StabilityRequest['operation'];

/** A finished image: bytes, the seed Stability used, and whether the output was content-filtered (blurred). */
export interface StabilityAsset {
  bytes: Uint8Array;
  mime: string;
  seed: number | null;
  /** `CONTENT_FILTERED`: the image is blurred and must not be shown as a normal result (reference §8). */
  filtered: boolean;
  requestId?: string;
}

/** One poll of an async result. */
export type StabilityPoll = { status: 'in-progress'; requestId?: string } | ({ status: 'done' } & StabilityAsset);

/** The port services use for Stability. Failures throw `AppErrorException`; content filtering is a flag, not a failure. */
export interface StabilityApi {
  /** Runs a synchronous operation (all but Creative Upscale). */
  run(req: StabilityRequest, opts?: CallOptions): Promise<StabilityAsset>;
  /** Starts an async operation (Creative Upscale); the id must be persisted to collect the result later. */
  start(req: StabilityRequest, opts?: CallOptions): Promise<{ id: string; requestId?: string }>;
  poll(id: string, opts?: CallOptions): Promise<StabilityPoll>;
  /** Polls no more than once per 10 s until done; gives up after 24 h (reference §4). */
  waitResult(id: string, opts?: CallOptions & { onPending?: () => void }): Promise<StabilityAsset>;
  /** Credits left (`GET /v1/user/balance`): the free call that tests a key. */
  balance(opts?: CallOptions): Promise<number>;
}
