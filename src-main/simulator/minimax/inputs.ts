/**
 * Image inputs of MiniMax requests: a public http(s) URL or a `data:image/…;base64,` URL, checked against the rules
 * of their field (reference §3 subject reference, §4.1 frame images). Failures are `InvalidParams` (2013 [G]).
 */
import sharp from 'sharp';
import { sniffImage } from '../../core/xai/media-sniff';
import { InvalidParams } from './envelope';

export interface ImageRules {
  formats: readonly string[];
  maxBytes: number;
  /** Frames: short side > 300 px and aspect ratio within 2:5 … 5:2. */
  frame?: boolean;
}

/** Subject reference of image-01: JPG/PNG under 10 MB (reference §3). */
export const SUBJECT_IMAGE: ImageRules = { formats: ['image/jpeg', 'image/png'], maxBytes: 10 * 1024 * 1024 };
/** Video frames and the S2V reference: JPG/PNG/WebP under 20 MB, short side > 300 px, 2:5–5:2 (reference §4.1). */
export const FRAME_IMAGE: ImageRules = { formats: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 20 * 1024 * 1024, frame: true };

export interface ResolvedImage {
  bytes: Buffer;
  width: number;
  height: number;
}

async function bytesOf(value: string, field: string): Promise<Buffer> {
  if (value.startsWith('data:')) {
    const m = /^data:image\/[a-z+.-]+;base64,(.*)$/is.exec(value);
    if (!m) throw new InvalidParams(`${field} is not a valid data URL`);
    return Buffer.from(m[1] ?? '', 'base64');
  }
  if (/^https?:\/\//.test(value)) {
    const res = await fetch(value, { signal: AbortSignal.timeout(5000) }).catch(() => null);
    if (!res?.ok) throw new InvalidParams(`${field} could not be downloaded`);
    return Buffer.from(await res.arrayBuffer());
  }
  throw new InvalidParams(`${field} must be a public URL or a data URL`);
}

export async function resolveImage(value: unknown, field: string, rules: ImageRules): Promise<ResolvedImage> {
  if (typeof value !== 'string' || value === '') throw new InvalidParams(`${field} is required to be a string`);
  const bytes = await bytesOf(value, field);
  if (bytes.byteLength >= rules.maxBytes) throw new InvalidParams(`${field} is larger than ${rules.maxBytes / 1024 / 1024} MB`);
  const kind = sniffImage(bytes);
  if (!kind || !rules.formats.includes(kind)) throw new InvalidParams(`${field} format is not supported`);
  const meta = await sharp(bytes).metadata().catch(() => null);
  if (!meta?.width || !meta.height) throw new InvalidParams(`${field} could not be decoded`);
  if (rules.frame) {
    if (Math.min(meta.width, meta.height) <= 300) throw new InvalidParams(`${field} short side must be greater than 300 pixels`);
    const r = meta.width / meta.height;
    if (r < 2 / 5 || r > 5 / 2) throw new InvalidParams(`${field} aspect ratio must be between 2:5 and 5:2`);
  }
  return { bytes, width: meta.width, height: meta.height };
}
