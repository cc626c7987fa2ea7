/**
 * Recognises input images by their first bytes, not by what a data URI claims, so a GIF renamed .png is caught before
 * it costs a round trip (xAI accepts PNG, JPEG and WebP only, doc §4.1).
 */
import { base64ToBytes } from './normalize';

export type SniffedImage = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif' | null;

export function sniffImage(bytes: Uint8Array): SniffedImage {
  const at = (i: number) => bytes[i] ?? -1;
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return 'image/png';
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if (at(0) === 0x52 && at(1) === 0x49 && at(2) === 0x46 && at(3) === 0x46 && at(8) === 0x57 && at(9) === 0x45 && at(10) === 0x42 && at(11) === 0x50) return 'image/webp';
  if (at(0) === 0x47 && at(1) === 0x49 && at(2) === 0x46) return 'image/gif';
  return null;
}

/** Parsed `data:` URI header plus a cheap look at its payload. */
export interface DataUriInfo {
  declaredMime: string;
  base64: boolean;
  /** Decoded size in bytes, computed from the base64 length without decoding everything. */
  byteLength: number;
  sniffed: SniffedImage;
}

/** Decodes a base64 prefix; a malformed one sniffs as nothing rather than throwing. */
function safeDecode(base64: string): Uint8Array {
  try {
    return base64ToBytes(base64);
  } catch {
    return new Uint8Array();
  }
}

export function inspectDataUri(uri: string): DataUriInfo | null {
  const m = /^data:([^;,]*)((?:;[^;,]*)*),/.exec(uri);
  if (!m) return null;
  const payload = uri.slice(m[0].length);
  const base64 = /;base64/i.test(m[2] ?? '');
  if (!base64) return { declaredMime: m[1] ?? '', base64, byteLength: payload.length, sniffed: null };
  const clean = payload.replace(/\s+/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  const head = safeDecode(clean.slice(0, 24));
  return { declaredMime: m[1] ?? '', base64, byteLength: Math.floor((clean.length * 3) / 4) - padding, sniffed: sniffImage(head) };
}

/** Builds a data URI for bytes, with the MIME type sniffed from the bytes themselves. */
export function bytesToDataUri(bytes: Uint8Array, fallbackMime = 'application/octet-stream'): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${sniffImage(bytes) ?? fallbackMime};base64,${btoa(bin)}`;
}
