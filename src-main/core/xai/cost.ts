/**
 * Money in ticks (1 USD = 1e10 ticks, reference §6.4) and pre-flight estimates from the capability table in effect
 * (the built-in prices, or those xAI's listing published merged over them: `table.priceSource`).
 */
import { BUILT_IN_TABLE, imagePriceTicks, servedQuality, videoPricePerSecond, type CapabilityTable } from '@contract';
import type { ImageEditRequest, ImageGenerateRequest, VideoGenerateRequest } from './types';
import { findImageModel, findVideoModel, type ServedQuality, type VideoResolution } from './models';

export const TICKS_PER_USD = 10_000_000_000;

export function ticksToUsd(ticks: number): number {
  return ticks / TICKS_PER_USD;
}

export function usdToTicks(usd: number): number {
  return Math.round(usd * TICKS_PER_USD);
}

/** An estimate, with where the price came from so the UI can say "about" (and "built-in prices"). */
export interface CostEstimate {
  ticks: number;
  usd: number;
  source: 'listing' | 'table' | 'unknown';
  /** The quality the estimate is for (what the server would serve and bill); absent for models without one. */
  quality?: ServedQuality;
  /** Of `ticks`, what the input images or input video seconds cost. */
  inputTicks?: number;
}

const sourceOf = (table: CapabilityTable): CostEstimate['source'] => (table.priceSource === 'listing' ? 'listing' : 'table');
const estimate = (ticks: number, source: CostEstimate['source'], extra: Partial<CostEstimate> = {}): CostEstimate =>
  ({ ticks, usd: ticksToUsd(ticks), source, ...extra });

/**
 * Estimated cost of an image generation or edit: the price of the quality that would be served × n, plus the model's
 * charge per source image. A retired model is priced as what serves it (updates §1 #4).
 */
export function estimateImageCost(req: ImageGenerateRequest | ImageEditRequest, table: CapabilityTable = BUILT_IN_TABLE): CostEstimate {
  const n = req.n ?? 1;
  const edit = req as ImageEditRequest;
  const inputs = edit.images?.length ?? (edit.image ? 1 : 0);
  const asked = findImageModel(req.model, table);
  const fixed = asked?.retired;
  const caps = fixed?.successor ? findImageModel(fixed.successor, table) : asked;
  if (!caps) return estimate(0, 'unknown');
  const call = inputs > 0 ? 'edit' : 'generate';
  const quality = fixed?.quality ?? servedQuality(caps, req.quality, call);
  const perImage = imagePriceTicks(caps, quality, req.resolution ?? '1k');
  if (perImage === undefined) return estimate(0, 'unknown');
  const inputTicks = inputs * caps.inputImageTicks;
  return estimate(perImage * n + inputTicks, sourceOf(table), { ...(quality ? { quality } : {}), inputTicks });
}

/** Estimated cost of a video generation (T2V/I2V/R2V): seconds × rate, plus still-image inputs. */
export function estimateVideoCost(req: VideoGenerateRequest, table: CapabilityTable = BUILT_IN_TABLE): CostEstimate {
  const caps = findVideoModel(req.model, table);
  if (!caps) return estimate(0, 'unknown');
  const rate = videoPricePerSecond(caps, req.resolution ?? '480p');
  const images = (req.image ? 1 : 0) + (req.last_frame ? 1 : 0) + (req.reference_images?.length ?? 0);
  const inputTicks = images * caps.inputImageTicks;
  return estimate(rate * (req.duration ?? caps.durations.default) + inputTicks, 'table', { inputTicks });
}

/**
 * Estimated cost of a video edit or extension: output seconds at the (≤720p) rate plus the per-second input charge.
 * An edit outputs as many seconds as it reads; an extension outputs only `extensionSeconds` new ones.
 */
export function estimateVideoInputCost(
  args: { model?: string; inputSeconds: number; extensionSeconds?: number; resolution?: VideoResolution },
  table: CapabilityTable = BUILT_IN_TABLE,
): CostEstimate {
  const caps = findVideoModel(args.model, table);
  if (!caps) return estimate(0, 'unknown');
  const rate = videoPricePerSecond(caps, args.resolution === '480p' ? '480p' : '720p');
  const out = args.extensionSeconds ?? args.inputSeconds;
  const inputTicks = Math.round(caps.inputVideoSecondTicks * args.inputSeconds);
  return estimate(Math.round(rate * out) + inputTicks, 'table', { inputTicks });
}
