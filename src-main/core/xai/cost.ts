/**
 * Money in ticks (1 USD = 1e10 ticks, doc §6.4) and a pre-flight estimator from the §11 price table, preferring the
 * server's own model listing when the app has fetched it.
 */
import type { ImageModelListing, ImageEditRequest, ImageGenerateRequest, VideoGenerateRequest } from './types';
import { EDIT_INPUT_IMAGE_TICKS, VIDEO_INPUT_TICKS_PER_SECOND, LIMITS, findImageModel, findVideoModel, type VideoResolution } from './models';

export const TICKS_PER_USD = 10_000_000_000;

export function ticksToUsd(ticks: number): number {
  return ticks / TICKS_PER_USD;
}

export function usdToTicks(usd: number): number {
  return Math.round(usd * TICKS_PER_USD);
}

/** An estimate, with where the price came from so the UI can say "about". */
export interface CostEstimate {
  ticks: number;
  usd: number;
  source: 'listing' | 'table' | 'unknown';
}

const estimate = (ticks: number, source: CostEstimate['source']): CostEstimate => ({ ticks, usd: ticksToUsd(ticks), source });

/**
 * `image_price` is documented as cents but observed in ticks (doc §14.9): values below a million can only be cents.
 */
function listingPriceTicks(listing: ImageModelListing, req: ImageGenerateRequest): number | undefined {
  const tier = listing.pricing.find(
    (p) => (p.quality ?? 'medium') === (req.quality ?? 'medium') && (p.resolution ?? '1k') === (req.resolution ?? '1k'),
  );
  if (tier) return tier.pricePerImageTicks;
  if (listing.imagePriceTicks === undefined) return undefined;
  return listing.imagePriceTicks < 1_000_000 ? listing.imagePriceTicks * 100_000_000 : listing.imagePriceTicks;
}

/** Estimated cost of an image generation or edit: per-image price × n, plus $0.002 per edit source image. */
export function estimateImageCost(req: ImageGenerateRequest | ImageEditRequest, listings?: readonly ImageModelListing[]): CostEstimate {
  const n = req.n ?? 1;
  const edit = req as ImageEditRequest;
  const inputs = edit.images?.length ?? (edit.image ? 1 : 0);
  const caps = findImageModel(req.model);
  const listing = listings?.find((l) => l.id === (caps?.id ?? req.model) || l.aliases.includes(req.model ?? ''));
  const fromListing = listing ? listingPriceTicks(listing, req) : undefined;
  const perImage = fromListing ?? caps?.pricePerImageTicks;
  if (perImage === undefined) return estimate(0, 'unknown');
  return estimate(perImage * n + inputs * EDIT_INPUT_IMAGE_TICKS, fromListing !== undefined ? 'listing' : 'table');
}

/** Price per output second; unknown resolutions fall back to the model's most expensive known rate. */
function perSecond(model: string | undefined, resolution: VideoResolution): number | undefined {
  const caps = findVideoModel(model);
  if (!caps) return undefined;
  return caps.pricePerSecondTicks[resolution] ?? Math.max(...Object.values(caps.pricePerSecondTicks));
}

/** Estimated cost of a video generation (T2V/I2V/R2V): seconds × rate, plus still-image inputs. */
export function estimateVideoCost(req: VideoGenerateRequest): CostEstimate {
  const rate = perSecond(req.model, req.resolution ?? '480p');
  const caps = findVideoModel(req.model);
  if (rate === undefined || !caps) return estimate(0, 'unknown');
  const images = (req.image ? 1 : 0) + (req.last_frame ? 1 : 0) + (req.reference_images?.length ?? 0);
  return estimate(rate * (req.duration ?? LIMITS.videoDuration.default) + images * caps.imageInputTicks, 'table');
}

/**
 * Estimated cost of a video edit or extension: output seconds at the (≤720p) rate plus $0.01 per input second.
 * An edit outputs as many seconds as it reads; an extension outputs only `extensionSeconds` new ones.
 */
export function estimateVideoInputCost(args: { model?: string; inputSeconds: number; extensionSeconds?: number; resolution?: VideoResolution }): CostEstimate {
  const rate = perSecond(args.model, args.resolution === '480p' ? '480p' : '720p');
  if (rate === undefined) return estimate(0, 'unknown');
  const out = args.extensionSeconds ?? args.inputSeconds;
  return estimate(Math.round(rate * out + VIDEO_INPUT_TICKS_PER_SECOND * args.inputSeconds), 'table');
}
