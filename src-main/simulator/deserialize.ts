/**
 * Mimics the server's serde/axum body extraction (doc §9.2 shape 4): field types and enums fail with 422 plain text,
 * missing required fields with ``missing field `x` ``. Unknown fields are ignored (doc §14.16).
 */
import { XAI_IMAGE_ASPECT_RATIOS, IMAGE_QUALITIES, IMAGE_RESOLUTIONS, VIDEO_ASPECT_RATIOS, VIDEO_RESOLUTIONS } from '../core/xai/models';

type FieldType =
  | 'string' | 'int' | 'bool' | 'object' | 'array' | 'number'
  | { enum: readonly string[] }
  | 'int-or-numeric-string';

interface FieldSpec {
  type: FieldType;
  required?: boolean;
}

type Spec = Record<string, FieldSpec>;

const imageBase: Spec = {
  prompt: { type: 'string', required: true },
  model: { type: 'string' },
  n: { type: 'int' },
  response_format: { type: { enum: ['url', 'b64_json'] } },
  aspect_ratio: { type: { enum: XAI_IMAGE_ASPECT_RATIOS } },
  resolution: { type: { enum: IMAGE_RESOLUTIONS } },
  quality: { type: { enum: IMAGE_QUALITIES } },
  user: { type: 'string' },
  deferred: { type: 'bool' },
  output: { type: 'object' },
  storage_options: { type: 'object' },
};

/** Field specs per POST endpoint path. */
export const SPECS: Record<string, Spec> = {
  '/v1/images/generations': imageBase,
  '/v1/images/edits': { ...imageBase, image: { type: 'object' }, images: { type: 'array' }, mask: { type: 'object' } },
  '/v1/videos/generations': {
    prompt: { type: 'string' },
    model: { type: 'string' },
    duration: { type: 'int-or-numeric-string' },
    seconds: { type: 'int-or-numeric-string' },
    aspect_ratio: { type: { enum: VIDEO_ASPECT_RATIOS } },
    resolution: { type: { enum: VIDEO_RESOLUTIONS } },
    image: { type: 'object' },
    input_reference: { type: 'object' },
    last_frame: { type: 'object' },
    reference_images: { type: 'array' },
    reference_audios: { type: 'array' },
    keyframes: { type: 'array' },
    generate_audio: { type: 'bool' },
    user: { type: 'string' },
    storage_options: { type: 'object' },
  },
  '/v1/chat/completions': { model: { type: 'string', required: true }, messages: { type: 'array', required: true }, stream: { type: 'bool' }, temperature: { type: 'number' }, max_tokens: { type: 'int' } },
  '/v1/videos/edits': { prompt: { type: 'string', required: true }, video: { type: 'object', required: true }, model: { type: 'string' }, user: { type: 'string' } },
  '/v1/videos/extensions': {
    prompt: { type: 'string', required: true },
    video: { type: 'object', required: true },
    duration: { type: 'int-or-numeric-string' },
    model: { type: 'string' },
  },
};

function describe(v: unknown): string {
  if (typeof v === 'string') return `string "${v}"`;
  if (typeof v === 'number') return Number.isInteger(v) ? `integer \`${v}\`` : `floating point \`${v}\``;
  if (typeof v === 'boolean') return `boolean \`${v}\``;
  if (Array.isArray(v)) return 'sequence';
  return 'map';
}

function check(type: FieldType, v: unknown): string | null {
  if (typeof type === 'object') {
    if (typeof v !== 'string') return `invalid type: ${describe(v)}, expected a string`;
    return type.enum.includes(v) ? null : `unknown variant \`${v}\`, expected one of ${type.enum.map((e) => `\`${e}\``).join(', ')}`;
  }
  const ok =
    type === 'string' ? typeof v === 'string'
    : type === 'int' ? Number.isInteger(v)
    : type === 'number' ? typeof v === 'number'
    : type === 'bool' ? typeof v === 'boolean'
    : type === 'array' ? Array.isArray(v)
    : type === 'object' ? typeof v === 'object' && v !== null && !Array.isArray(v)
    : Number.isInteger(v) || (typeof v === 'string' && /^\d+$/.test(v));
  const expected = type === 'int' || type === 'int-or-numeric-string' ? 'u32' : type === 'object' ? 'struct' : type === 'array' ? 'a sequence' : `a ${type}`;
  return ok ? null : `invalid type: ${describe(v)}, expected ${expected}`;
}

/** The 422 text for a body that does not fit the endpoint, or null. `raw` gives the line/column serde reports. */
export function deserializationError(path: string, body: unknown, raw: string): string | null {
  const spec = SPECS[path];
  if (!spec) return null;
  const lines = raw.split('\n');
  const where = `at line ${lines.length} column ${(lines.at(-1) ?? '').length}`;
  const prefix = 'Failed to deserialize the JSON body into the target type: ';
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return `${prefix}invalid type: ${describe(body)}, expected struct ${where}`;
  }
  const obj = body as Record<string, unknown>;
  for (const [name, field] of Object.entries(spec)) {
    const v = obj[name];
    if (v === undefined) {
      if (field.required) return `${prefix}missing field \`${name}\` ${where}`;
      continue;
    }
    if (v === null && !field.required) continue;
    const problem = check(field.type, v);
    if (problem) return `${prefix}${name}: ${problem} ${where}`;
  }
  return null;
}
