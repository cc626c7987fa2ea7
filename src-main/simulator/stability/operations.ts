/**
 * Stability's v2beta Stable Image operations as the simulator serves them (reference §1, §6, §7): each operation's
 * multipart fields in checking order, its price in credits, whether it answers `{id}` and is polled, and the rules
 * between fields that one field's type cannot say.
 */
import { ASPECT_IMAGE, F, STD_IMAGE, type Field, type Values } from './fields';

export interface Operation {
  fields: Record<string, Field>;
  /** Credits charged on success (reference §7). */
  credits: (v: Values) => number;
  /** POST answers `{id}`; the result is polled at GET /v2beta/results/{id} (reference §4). */
  async?: boolean;
  /** Rules between fields; the first problem, worded `"<field>: <message>"`. */
  check?: (v: Values) => string | null;
}

/** SD 3.5 models and their prices (the document's enum; `sd3.5-flash` is priced but not in the enum: Q2). */
export const SD3_MODELS: Record<string, number> = { 'sd3.5-large': 6.5, 'sd3.5-large-turbo': 4, 'sd3.5-medium': 3.5 };
/** Old names rerouted to 3.5 at the same price since 2025-04-17 (reference §6). */
const SD3_REROUTED: Record<string, string> = { 'sd3-large': 'sd3.5-large', 'sd3-large-turbo': 'sd3.5-large-turbo', 'sd3-medium': 'sd3.5-medium' };
const flat = (n: number) => () => n;
const grow = (max: number): Field => ({ kind: 'number', min: 0, max, int: true });
const margin: Field = { kind: 'number', min: 0, max: 2000, int: true };

export const OPERATIONS: Record<string, Operation> = {
  'generate/ultra': {
    fields: { prompt: F.prompt, negative_prompt: F.negative, aspect_ratio: F.aspect, seed: F.seed, style_preset: F.style, output_format: F.format,
      image: { kind: 'image', rules: { minSide: 64, maxSide: 16_384, minPixels: 4096, maxPixels: 16_384 * 16_384 } }, strength: F.unit },
    credits: flat(8),
    check: (v) => (v.images.image && v.numbers.strength === undefined ? 'strength: is required when image is provided' : null),
  },
  'generate/core': {
    fields: { prompt: F.prompt, aspect_ratio: F.aspect, negative_prompt: F.negative, seed: F.seed, style_preset: F.style, output_format: F.format },
    credits: flat(3),
  },
  'generate/sd3': {
    fields: { prompt: F.prompt, mode: { kind: 'enum', values: ['text-to-image', 'image-to-image'] }, aspect_ratio: F.aspect,
      model: { kind: 'enum', values: [...Object.keys(SD3_MODELS), ...Object.keys(SD3_REROUTED)] }, seed: F.seed, output_format: F.format,
      style_preset: F.style, negative_prompt: F.negative, cfg_scale: { kind: 'number', min: 1, max: 10 },
      image: { kind: 'image', rules: { minSide: 64, maxPixels: 9_437_184 } }, strength: F.unit },
    credits: (v) => SD3_MODELS[SD3_REROUTED[v.text.model ?? ''] ?? v.text.model ?? 'sd3.5-large'] ?? 6.5,
    check: (v) => {
      const i2i = v.text.mode === 'image-to-image';
      if (i2i && !v.images.image) return 'image: is required when mode is image-to-image';
      if (i2i && v.numbers.strength === undefined) return 'strength: is required when mode is image-to-image';
      // Undocumented (Q7): an image without image-to-image mode is refused here rather than silently ignored [G].
      if (!i2i && v.images.image) return 'image: is only accepted when mode is image-to-image';
      return null;
    },
  },
  'edit/erase': {
    fields: { image: { kind: 'image', required: true, rules: STD_IMAGE }, mask: { kind: 'image', rules: { minSide: 1, maxPixels: 9_437_184 } },
      grow_mask: grow(20), seed: F.seed, output_format: F.format },
    credits: flat(5),
  },
  'edit/inpaint': {
    fields: { image: { kind: 'image', required: true, rules: STD_IMAGE }, prompt: F.prompt, negative_prompt: F.negative,
      mask: { kind: 'image', rules: { minSide: 1, maxPixels: 9_437_184 } }, grow_mask: grow(100), seed: F.seed, output_format: F.format, style_preset: F.style },
    credits: flat(5),
  },
  'edit/outpaint': {
    fields: { image: { kind: 'image', required: true, rules: ASPECT_IMAGE }, left: margin, right: margin, up: margin, down: margin,
      prompt: F.optionalPrompt, creativity: F.unit, seed: F.seed, output_format: F.format, style_preset: F.style },
    credits: flat(4),
    check: (v) => (['left', 'right', 'up', 'down'].some((k) => (v.numbers[k] ?? 0) > 0) ? null : 'left: at least one of left, right, up or down must be greater than 0'),
  },
  'edit/search-and-replace': {
    fields: { image: { kind: 'image', required: true, rules: ASPECT_IMAGE }, prompt: F.prompt, search_prompt: { kind: 'text', required: true, min: 1, max: 10_000 },
      negative_prompt: F.negative, grow_mask: grow(20), seed: F.seed, output_format: F.format, style_preset: F.style },
    credits: flat(5),
  },
  'edit/search-and-recolor': {
    fields: { image: { kind: 'image', required: true, rules: ASPECT_IMAGE }, prompt: F.prompt, select_prompt: { kind: 'text', required: true, min: 1, max: 10_000 },
      negative_prompt: F.negative, grow_mask: grow(20), seed: F.seed, output_format: F.format, style_preset: F.style },
    credits: flat(5),
  },
  'edit/remove-background': {
    fields: { image: { kind: 'image', required: true, rules: { minSide: 64, minPixels: 4096, maxPixels: 4_194_304 } },
      output_format: { kind: 'enum', values: ['png', 'webp'] } },
    credits: flat(5),
  },
  'edit/replace-background-and-relight': {
    fields: { subject_image: { kind: 'image', required: true, rules: ASPECT_IMAGE }, background_prompt: F.negative,
      background_reference: { kind: 'image', rules: STD_IMAGE }, foreground_prompt: F.negative, negative_prompt: F.negative,
      preserve_original_subject: F.unit, original_background_depth: F.unit, keep_original_background: { kind: 'bool' },
      light_source_direction: { kind: 'enum', values: ['left', 'right', 'above', 'below'] }, light_reference: { kind: 'image', rules: STD_IMAGE },
      light_source_strength: F.unit, seed: F.seed, output_format: F.format },
    credits: flat(8),
    async: true,
    check: (v) => {
      if (!v.text.background_prompt && !v.images.background_reference) return 'background_prompt: background_prompt or background_reference is required';
      if (v.numbers.light_source_strength !== undefined && !v.images.light_reference && !v.text.light_source_direction) {
        return 'light_source_strength: requires light_reference or light_source_direction';
      }
      return null;
    },
  },
  'upscale/fast': {
    fields: { image: { kind: 'image', required: true, rules: { minSide: 32, maxSide: 1536, minPixels: 1024, maxPixels: 1_048_576 } }, output_format: F.format },
    credits: flat(2),
  },
  'upscale/conservative': {
    fields: { image: { kind: 'image', required: true, rules: ASPECT_IMAGE }, prompt: F.prompt, negative_prompt: F.negative, seed: F.seed,
      output_format: F.format, creativity: { kind: 'number', min: 0.2, max: 0.5 } },
    credits: flat(40),
  },
  'upscale/creative': {
    fields: { image: { kind: 'image', required: true, rules: { minSide: 64, minPixels: 4096, maxPixels: 1_048_576 } }, prompt: F.prompt,
      negative_prompt: F.negative, seed: F.seed, output_format: F.format, creativity: { kind: 'number', min: 0.1, max: 0.5 }, style_preset: F.style },
    credits: flat(60),
    async: true,
  },
  'control/sketch': {
    fields: { prompt: F.prompt, image: { kind: 'image', required: true, rules: { minSide: 64, maxPixels: 9_437_184, aspect: true } },
      control_strength: F.unit, negative_prompt: F.negative, seed: F.seed, output_format: F.format, style_preset: F.style },
    credits: flat(5),
  },
  'control/structure': {
    fields: { prompt: F.prompt, image: { kind: 'image', required: true, rules: { minSide: 64, maxPixels: 9_437_184, aspect: true } },
      control_strength: F.unit, negative_prompt: F.negative, seed: F.seed, output_format: F.format, style_preset: F.style },
    credits: flat(5),
  },
  'control/style': {
    fields: { prompt: F.prompt, image: { kind: 'image', required: true, rules: ASPECT_IMAGE }, negative_prompt: F.negative, aspect_ratio: F.aspect,
      fidelity: F.unit, seed: F.seed, output_format: F.format, style_preset: F.style },
    credits: flat(5),
  },
  'control/style-transfer': {
    fields: { init_image: { kind: 'image', required: true, rules: { ...ASPECT_IMAGE, maxSide: 16_383 } },
      style_image: { kind: 'image', required: true, rules: { ...STD_IMAGE, maxSide: 16_383 } }, prompt: F.optionalPrompt, negative_prompt: F.negative,
      seed: F.seed, style_strength: F.unit, composition_fidelity: F.unit, change_strength: { kind: 'number', min: 0.1, max: 1 }, output_format: F.format },
    credits: flat(8),
  },
};

/** The text fields a non-English prompt is looked for in (reference §2: English only → 422 `invalid_language`). */
export const PROMPT_FIELDS = ['prompt', 'negative_prompt', 'search_prompt', 'select_prompt', 'background_prompt', 'foreground_prompt'];

/**
 * Whether text is in a language other than English, as far as a simulator can tell: letters of a non-Latin script
 * (CJK, Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai, Hangul, …) [G].
 */
export function looksNonEnglish(text: string): boolean {
  return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Thai}]/u.test(text);
}
