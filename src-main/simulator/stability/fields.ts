/**
 * Multipart field rules of Stability's v2beta operations (reference §2, §6) and the checker that turns a parsed
 * form into typed values or the first problem, worded as Stability words them: `"<field>: <message>"`.
 */
import sharp from 'sharp';
import { currentModels } from '@contract';
import { sniffImage } from '../../core/xai/media-sniff';

/** Limits of an image part (reference §2, §6). */
export interface ImageRules {
  minSide: number;
  maxSide?: number;
  minPixels?: number;
  maxPixels: number;
  /** Aspect ratio must lie within 1:2.5 … 2.5:1. */
  aspect?: boolean;
}

export type Field =
  | { kind: 'text'; required?: boolean; min?: number; max: number }
  | { kind: 'number'; required?: boolean; min: number; max: number; int?: boolean }
  | { kind: 'enum'; required?: boolean; values: readonly string[] }
  | { kind: 'bool'; required?: boolean }
  | { kind: 'image'; required?: boolean; rules: ImageRules };

/** A decoded image part. */
export interface ImagePart {
  bytes: Buffer;
  width: number;
  height: number;
  hasAlpha: boolean;
}

/** The values of a valid request. */
export interface Values {
  text: Record<string, string>;
  numbers: Record<string, number>;
  images: Record<string, ImagePart>;
}

/** Stability's aspect ratios, from the capability table (every Stability model takes the same nine). */
export const ASPECT_RATIOS: readonly string[] = currentModels('image', undefined, ['stability'])[0]?.ratios ?? [];
export const STYLE_PRESETS = [
  'enhance', 'anime', 'photographic', 'digital-art', 'comic-book', 'fantasy-art', 'line-art', 'analog-film', 'neon-punk',
  'isometric', 'low-poly', 'origami', 'modeling-compound', 'cinematic', '3d-model', 'pixel-art', 'tile-texture',
] as const;
export const OUTPUT_FORMATS = ['png', 'jpeg', 'webp'] as const;
export const MAX_TEXT = 10_000;

/** Reusable field definitions. */
export const F = {
  prompt: { kind: 'text', required: true, min: 1, max: MAX_TEXT },
  optionalPrompt: { kind: 'text', min: 0, max: MAX_TEXT },
  negative: { kind: 'text', max: MAX_TEXT },
  seed: { kind: 'number', min: 0, max: 4_294_967_294, int: true },
  format: { kind: 'enum', values: OUTPUT_FORMATS },
  aspect: { kind: 'enum', values: ASPECT_RATIOS },
  style: { kind: 'enum', values: STYLE_PRESETS },
  unit: { kind: 'number', min: 0, max: 1 },
} as const satisfies Record<string, Field>;

/** Every side ≥ 64 px, 4,096–9,437,184 px in total (the usual rule). */
export const STD_IMAGE: ImageRules = { minSide: 64, minPixels: 4096, maxPixels: 9_437_184 };
/** The usual rule plus the 1:2.5–2.5:1 aspect ratio limit (outpaint, search-and-replace, …). */
export const ASPECT_IMAGE: ImageRules = { ...STD_IMAGE, aspect: true };

const err = (name: string, message: string) => `${name}: ${message}`;

function checkImageRules(name: string, p: ImagePart, r: ImageRules): string | null {
  const { width: w, height: h } = p;
  if (Math.min(w, h) < r.minSide) return err(name, `each side must be at least ${r.minSide} pixels (got ${w}x${h})`);
  if (r.maxSide && Math.max(w, h) > r.maxSide) return err(name, `each side must be at most ${r.maxSide} pixels (got ${w}x${h})`);
  if (r.minPixels && w * h < r.minPixels) return err(name, `must have at least ${r.minPixels} pixels in total (got ${w * h})`);
  if (w * h > r.maxPixels) return err(name, `must have at most ${r.maxPixels} pixels in total (got ${w * h})`);
  if (r.aspect && (w / h > 2.5 || h / w > 2.5)) return err(name, `aspect ratio must be between 1:2.5 and 2.5:1 (got ${w}x${h})`);
  return null;
}

async function decodeImage(name: string, file: File): Promise<ImagePart | string> {
  const bytes = Buffer.from(await file.arrayBuffer());
  const kind = sniffImage(bytes);
  if (!kind || !['image/png', 'image/jpeg', 'image/webp'].includes(kind)) return err(name, 'must be an image in jpeg, png or webp format');
  const meta = await sharp(bytes).metadata().catch(() => null);
  if (!meta?.width || !meta.height) return err(name, 'could not be decoded as an image');
  return { bytes, width: meta.width, height: meta.height, hasAlpha: Boolean(meta.hasAlpha) };
}

/**
 * Checks a parsed form against an operation's fields, in the order they are declared. Unknown parts are ignored
 * (reference §2: the official samples add a dummy `none` file). Returns the values, or the first problem.
 */
export async function readFields(form: FormData, fields: Record<string, Field>): Promise<Values | string> {
  const v: Values = { text: {}, numbers: {}, images: {} };
  for (const [name, f] of Object.entries(fields)) {
    const raw = form.get(name);
    if (raw === null) {
      if (f.required) return err(name, 'is required');
      continue;
    }
    if (f.kind === 'image') {
      if (typeof raw === 'string') return err(name, 'must be a file part (an image)');
      const img = await decodeImage(name, raw);
      if (typeof img === 'string') return img;
      const problem = checkImageRules(name, img, f.rules);
      if (problem) return problem;
      v.images[name] = img;
      continue;
    }
    if (typeof raw !== 'string') return err(name, 'must be a text field, not a file');
    if (f.kind === 'text') {
      if (raw.length < (f.min ?? 0) || (f.required && raw.trim() === '')) return err(name, 'cannot be empty');
      if (raw.length > f.max) return err(name, `must be at most ${f.max} characters`);
      v.text[name] = raw;
    } else if (f.kind === 'enum') {
      if (!f.values.includes(raw)) return err(name, `must be one of: ${f.values.join(', ')}`);
      v.text[name] = raw;
    } else if (f.kind === 'bool') {
      if (raw !== 'true' && raw !== 'false') return err(name, 'must be "true" or "false"');
      v.text[name] = raw;
    } else {
      const n = raw.trim() === '' ? NaN : Number(raw);
      if (!Number.isFinite(n) || (f.int && !Number.isInteger(n)) || n < f.min || n > f.max) {
        return err(name, `must be ${f.int ? 'an integer' : 'a number'} between ${f.min} and ${f.max}`);
      }
      v.numbers[name] = n;
    }
  }
  return v;
}

/** Every text value of a form (hooks are searched in all of them). */
export function textsOf(form: FormData): string[] {
  const out: string[] = [];
  for (const [, value] of form.entries()) if (typeof value === 'string') out.push(value);
  return out;
}
