/**
 * Pure decisions about edit sources: what a file is by its first bytes, which files are refused outright, and how
 * large a source may be. The sharp adapter does the pixel work; these rules stay testable as tables.
 */
import { MAX_IMAGE_PIXELS, notMediaRefusal } from '../media/refusals';
import { FORMAT_LABELS, sniffMedia, type ImageFormatName } from '../media/sniff';
import { LIMITS } from '../xai/models';

/** xAI's input limit (doc §4.1, §11.1). */
export const MAX_SOURCE_BYTES = LIMITS.maxInputImageBytes;
/** Longest side we send: larger gains nothing (outputs are ≤ 2k) and only costs upload time. */
export const MAX_SOURCE_SIDE = 4096;
/** Decompression-bomb guard handed to sharp's `limitInputPixels`: the library's limit (one number for both). */
export const MAX_INPUT_PIXELS = MAX_IMAGE_PIXELS;
/** Wall-clock limit for decoding one source; a pathological file must not hang the edit screen. */
export const NORMALIZE_TIME_LIMIT_MS = 20_000;

/** What the first bytes say a file is (`binary`: bytes the sniffer does not know; the decoder may). */
export type SourceKind = ImageFormatName | 'empty' | 'svg' | 'html' | 'text' | 'video' | 'binary';

/** The shared sniffer (core/media), in the edit screen's terms. */
export function classifySource(bytes: Uint8Array): SourceKind {
  const sniffed = sniffMedia(bytes);
  if (sniffed.kind === 'none') return sniffed.why;
  return sniffed.kind === 'video' ? 'video' : sniffed.format;
}

/**
 * Refusals decided from the bytes alone, before any decoder sees them: the same words as the library's import.
 * Unrecognised binary is left to the decoder (it knows formats the sniffer does not) and refused by it.
 */
export function refusalFor(kind: SourceKind): string | null {
  if (kind === 'empty' || kind === 'svg' || kind === 'html' || kind === 'text') return notMediaRefusal(kind);
  if (kind === 'video') return 'This is a video: edit videos on the Video screen (Edit a video).';
  return null;
}

/** Human names for notices (the sniffer's labels, plus what only the decoder names). */
export const FORMAT_NAMES: Record<string, string> = { ...FORMAT_LABELS, heif: 'HEIC/HEIF', raw: 'raw' };

/** Size that fits MAX_SOURCE_SIDE, keeping the aspect ratio; null when no downscale is needed. */
export function fitWithin(width: number, height: number, side = MAX_SOURCE_SIDE): { width: number; height: number } | null {
  const long = Math.max(width, height);
  if (long <= side) return null;
  const scale = side / long;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Pixel rectangle of a fractional crop on an image of the given size, clamped to stay inside it. */
export function cropRect(
  crop: { x: number; y: number; width: number; height: number },
  width: number,
  height: number,
): { left: number; top: number; width: number; height: number } {
  const left = Math.min(width - 1, Math.max(0, Math.round(crop.x * width)));
  const top = Math.min(height - 1, Math.max(0, Math.round(crop.y * height)));
  return {
    left,
    top,
    width: Math.max(1, Math.min(width - left, Math.round(crop.width * width))),
    height: Math.max(1, Math.min(height - top, Math.round(crop.height * height))),
  };
}
