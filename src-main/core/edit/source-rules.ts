/**
 * Pure decisions about edit sources: what a file is by its first bytes, which files are refused outright, and how
 * large a source may be. The sharp adapter does the pixel work; these rules stay testable as tables.
 */
import { LIMITS } from '../xai/models';
import { sniffImage } from '../xai/media-sniff';

/** xAI's input limit (doc §4.1, §11.1). */
export const MAX_SOURCE_BYTES = LIMITS.maxInputImageBytes;
/** Longest side we send: larger gains nothing (outputs are ≤ 2k) and only costs upload time. */
export const MAX_SOURCE_SIDE = 4096;
/** Decompression-bomb guard handed to sharp's `limitInputPixels`. */
export const MAX_INPUT_PIXELS = 120_000_000;
/** Wall-clock limit for decoding one source; a pathological file must not hang the edit screen. */
export const NORMALIZE_TIME_LIMIT_MS = 20_000;

/** What the first bytes say a file is. */
export type SourceKind = 'empty' | 'png' | 'jpeg' | 'webp' | 'gif' | 'bmp' | 'svg' | 'text' | 'other';

const SNIFF: Record<string, SourceKind> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/webp': 'webp', 'image/gif': 'gif' };

/** True when the head decodes as printable text (a renamed .txt, JSON, HTML): no image format starts like that. */
function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  let printable = 0;
  for (const b of head) if (b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 0xc0) printable++;
  return printable / head.length > 0.95;
}

export function classifySource(bytes: Uint8Array): SourceKind {
  if (bytes.length === 0) return 'empty';
  const sniffed = sniffImage(bytes);
  if (sniffed) return SNIFF[sniffed] ?? 'other';
  if (bytes[0] === 0x42 && bytes[1] === 0x4d) return 'bmp';
  const head = bytes.subarray(0, 1024);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg')) || text.includes('<svg ')) return 'svg';
  if (looksLikeText(head)) return 'text';
  return 'other';
}

/** Refusals decided from the bytes alone, before any decoder sees them. */
export function refusalFor(kind: SourceKind): string | null {
  if (kind === 'empty') return 'The file is empty (0 bytes).';
  if (kind === 'svg') return 'SVG drawings are not supported: export the drawing as PNG first.';
  if (kind === 'text') return 'This is a text file, not an image (whatever its name says).';
  return null;
}

/** Human names for notices. */
export const FORMAT_NAMES: Record<string, string> = {
  gif: 'GIF', bmp: 'BMP', tiff: 'TIFF', heif: 'HEIC/HEIF', avif: 'AVIF', png: 'PNG', jpeg: 'JPEG', webp: 'WebP', raw: 'raw',
};

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
