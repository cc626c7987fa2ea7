/**
 * What a file is, judged by its first bytes and never by its name: the one place that tells an image from a video
 * from a text file, shared by the library's import and the Edit screen so both refuse the same file with the same
 * words (see `refusals.ts`).
 */

export type ImageFormatName = 'png' | 'jpeg' | 'webp' | 'gif' | 'bmp' | 'tiff' | 'heif' | 'avif';
/** Containers we read video from: ISO-BMFF (MP4 and QuickTime MOV) and Matroska (WebM). */
export type VideoContainer = 'mp4' | 'mov' | 'webm';
/** Why the bytes are no image or video at all. */
export type NotMedia = 'empty' | 'svg' | 'html' | 'text' | 'binary';

export type SniffedMedia =
  | { kind: 'image'; format: ImageFormatName }
  | { kind: 'video'; container: VideoContainer }
  | { kind: 'none'; why: NotMedia };

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
const at = (bytes: Uint8Array, i: number) => bytes[i] ?? -1;

/** ISO-BMFF brands of still-image files (HEIC, AVIF), which share the `ftyp` box with MP4. */
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
/** Top-level QuickTime atoms an old MOV may start with (no `ftyp`). */
const MOV_ATOMS = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

function sniffIsoBmff(bytes: Uint8Array): SniffedMedia | null {
  if (bytes.length < 12) return null;
  const type = ascii(bytes, 4, 8);
  if (type === 'ftyp') {
    const major = ascii(bytes, 8, 12);
    if (HEIF_BRANDS.has(major)) return { kind: 'image', format: 'heif' };
    if (AVIF_BRANDS.has(major)) return { kind: 'image', format: 'avif' };
    return { kind: 'video', container: major === 'qt  ' ? 'mov' : 'mp4' };
  }
  return MOV_ATOMS.has(type) ? { kind: 'video', container: 'mov' } : null;
}

function sniffBinaryImage(bytes: Uint8Array): ImageFormatName | null {
  if (at(bytes, 0) === 0x89 && ascii(bytes, 1, 4) === 'PNG') return 'png';
  if (at(bytes, 0) === 0xff && at(bytes, 1) === 0xd8 && at(bytes, 2) === 0xff) return 'jpeg';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (ascii(bytes, 0, 3) === 'GIF') return 'gif';
  if (ascii(bytes, 0, 2) === 'BM') return 'bmp';
  if (ascii(bytes, 0, 4) === 'II*\0' || ascii(bytes, 0, 4) === 'MM\0*') return 'tiff';
  return null;
}

/** True when the head decodes as printable text (a renamed .txt, JSON, HTML): no media format starts like that. */
function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  let printable = 0;
  for (const b of head) if (b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 0xc0) printable++;
  return printable / head.length > 0.95;
}

function sniffText(bytes: Uint8Array): NotMedia | null {
  const head = bytes.subarray(0, 1024);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg')) || text.includes('<svg ')) return 'svg';
  if (/^<!doctype html|^<html|^<head|^<body/.test(text)) return 'html';
  return looksLikeText(head) ? 'text' : null;
}

/** Classifies bytes as an image format, a video container, or the kind of non-media file they are. */
export function sniffMedia(bytes: Uint8Array): SniffedMedia {
  if (bytes.length === 0) return { kind: 'none', why: 'empty' };
  const image = sniffBinaryImage(bytes);
  if (image) return { kind: 'image', format: image };
  const iso = sniffIsoBmff(bytes);
  if (iso) return iso;
  // EBML magic: Matroska and WebM. Browsers play Matroska's codecs the same way; we call both WebM.
  if (at(bytes, 0) === 0x1a && at(bytes, 1) === 0x45 && at(bytes, 2) === 0xdf && at(bytes, 3) === 0xa3) {
    return { kind: 'video', container: 'webm' };
  }
  return { kind: 'none', why: sniffText(bytes) ?? 'binary' };
}

/** Human names of formats, for messages. */
export const FORMAT_LABELS: Record<ImageFormatName | VideoContainer, string> = {
  png: 'PNG', jpeg: 'JPEG', webp: 'WebP', gif: 'GIF', bmp: 'BMP', tiff: 'TIFF', heif: 'HEIC', avif: 'AVIF',
  mp4: 'MP4', mov: 'MOV', webm: 'WebM',
};
