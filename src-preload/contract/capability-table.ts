/**
 * THE capability table: every model the app knows, what it accepts and what it costs, as built into this release
 * (facts of /work/shared/xai-imagine-api-updates.md, 2026-12-06, which wins over xai-imagine-api.md). Every enum
 * of the app (aspect ratios, resolutions, qualities, video modes) is written out here and nowhere else; the
 * contract's schemas, core validation and estimates, the renderer's options and the simulator derive from it
 * (see ./capabilities.ts). At run time main merges what xAI's listing endpoints publish (prices) over it.
 *
 * Keyed by provider so other providers (Stability, MiniMax) join as siblings of `xai`. Money is in ticks
 * (1 USD = 10,000,000,000 ticks; $0.01 = 100,000,000).
 */

const CENT = 100_000_000;

/**
 * Image aspect ratios, each with its output size at 1k (updates §2, reference §6.1; 2k doubles each side). `auto`
 * lets the model choose (renders square in the simulator). Order is the pickers' order.
 */
export const IMAGE_RATIO_SIZES_1K = {
  '1:1': [1024, 1024], '3:4': [896, 1280], '4:3': [1280, 896], '9:16': [768, 1408], '16:9': [1408, 768],
  '2:3': [864, 1296], '3:2': [1296, 864], '9:19.5': [576, 1248], '19.5:9': [1248, 576], '9:20': [576, 1280],
  '20:9': [1280, 576], '1:2': [704, 1408], '2:1': [1408, 704], '21:9': [1456, 624], '5:2': [1440, 576], auto: [1024, 1024],
} as const;
export type ImageRatio = keyof typeof IMAGE_RATIO_SIZES_1K;

/** The 13 base ratios and `auto`, taken by every image model (updates §2). */
const BASE_IMAGE_RATIOS = ['1:1', '3:4', '4:3', '9:16', '16:9', '2:3', '3:2', '9:19.5', '19.5:9', '9:20', '20:9', '1:2', '2:1', 'auto'] as const satisfies readonly ImageRatio[];
/** Added 2026-08-28; documented for 2.0 only (updates §1 #7, §7 C2). */
const WIDE_IMAGE_RATIOS = ['21:9', '5:2'] as const satisfies readonly ImageRatio[];

/** Image resolutions. `1.5k` is in xAI's OpenAPI file but not in the generation docs (updates §7 C8): not offered. */
const IMAGE_RESOLUTION_LIST = ['1k', '2k'] as const;
/** `quality` on 2.0 (updates §3.1): `auto` (the default) serves low for generations and medium for edits. */
const QUALITY_LIST = ['auto', 'low', 'medium'] as const;

/** Video aspect ratios (updates §1 #14: 9 values, default 16:9). */
const VIDEO_RATIO_LIST = ['16:9', '9:16', '1:1', '4:3', '3:4', '3:2', '2:3', '21:9', '5:2'] as const;
const VIDEO_RESOLUTION_LIST = ['480p', '720p', '1080p'] as const;
/** What a video submit does: text→video, image→video, reference images→video, edit a video, extend a video. */
const VIDEO_MODE_LIST = ['text', 'image', 'reference', 'edit', 'extend'] as const;

export const ENUMS = {
  imageResolutions: IMAGE_RESOLUTION_LIST,
  qualities: QUALITY_LIST,
  videoRatios: VIDEO_RATIO_LIST,
  videoResolutions: VIDEO_RESOLUTION_LIST,
  videoModes: VIDEO_MODE_LIST,
} as const;

export type ImageResolution = (typeof IMAGE_RESOLUTION_LIST)[number];
export type ImageQuality = (typeof QUALITY_LIST)[number];
/** A quality the server bills: what `auto` resolves to. */
export type ServedQuality = Exclude<ImageQuality, 'auto'>;
export type VideoRatio = (typeof VIDEO_RATIO_LIST)[number];
export type VideoResolution = (typeof VIDEO_RESOLUTION_LIST)[number];
export type VideoModeName = (typeof VIDEO_MODE_LIST)[number];

/** One price of an image model: per output image at a quality (absent: the model has no quality) and resolution. */
export interface ImagePrice {
  quality?: ServedQuality;
  resolution: ImageResolution;
  ticks: number;
}

/** What a retired model is served as now. */
export interface Retirement {
  /** ISO date the old id stopped being its own model. */
  on: string;
  /** The model that serves it (null: none; the provider's default model is used). */
  successor: string | null;
  /** The quality the successor serves it at. */
  quality?: ServedQuality;
}

interface ModelCommon {
  id: string;
  /** What people read in pickers. */
  name: string;
  aliases: readonly string[];
  status: 'current' | 'retired';
  retired?: Retirement;
  /** Published requests per second by usage tier (tier 0 first); the pacing default is tier 0 (updates §4). */
  rps: readonly number[];
  /** A plain note for the picker, when there is something to know. */
  note?: string;
}

export interface ImageModelSpec extends ModelCommon {
  kind: 'image';
  ratios: readonly ImageRatio[];
  resolutions: readonly ImageResolution[];
  /** Values of `quality` the model takes; empty: never send `quality` (updates §6 #75). */
  qualities: readonly ImageQuality[];
  /** What `auto` (or no quality) is served at, per kind of call (updates §6 #72–73). */
  autoQuality?: { generate: ServedQuality; edit: ServedQuality };
  /** Most source images one edit takes; 0: cannot edit. */
  maxEditSources: number;
  promptLimit: number;
  prices: readonly ImagePrice[];
  /** Charge per source image of an edit. */
  inputImageTicks: number;
}

export interface VideoModelSpec extends ModelCommon {
  kind: 'video';
  modes: readonly VideoModeName[];
  ratios: readonly VideoRatio[];
  resolutions: readonly VideoResolution[];
  durations: { min: number; max: number; default: number };
  promptLimit: number;
  /** Price per output second by resolution. */
  pricePerSecond: Partial<Record<VideoResolution, number>>;
  /** Charge per still image given as input (start frame, last frame, references). */
  inputImageTicks: number;
  /** Charge per second of input video (edits, extensions). */
  inputVideoSecondTicks: number;
  /** Most reference images (0: no reference→video). */
  maxReferences: number;
  /** Longest reference→video clip, when shorter than `durations.max`. */
  referenceMaxSeconds?: number;
  /** Pins a last frame / keyframes (1.5 only). */
  pinnedFrames: boolean;
}

export type ModelSpec = ImageModelSpec | VideoModelSpec;

/** Limits of a provider's API that hold for every model (reference §11.1, updates §2). */
export interface ProviderLimits {
  /** Images per request (`n`). */
  images: { min: number; max: number };
  /** Largest input image in bytes. */
  inputImageBytes: number;
  /** Seconds an extension adds, and the lengths of video it extends. */
  extension: { min: number; max: number; default: number };
  extensionInput: { min: number; max: number };
  /** Longest video an edit takes (seconds); the edit keeps its length. */
  editInputMaxSeconds: number;
  /** Reference→video and video edits/extensions render at most this. */
  referenceMaxResolution: VideoResolution;
  editMaxResolution: VideoResolution;
  referenceAudios: number;
  keyframes: number;
}

/** One provider's models, defaults and API-wide limits. */
export interface ProviderSpec {
  name: string;
  defaultImageModel: string;
  defaultVideoModel: string;
  limits: ProviderLimits;
  models: readonly ModelSpec[];
}

const IMAGE_RPS = [6, 12, 25, 50, 100];
const VIDEO_RPS = [10, 20, 39, 79, 158];
const price = (resolution: ImageResolution, cents: number, quality?: ServedQuality): ImagePrice =>
  ({ resolution, ticks: Math.round(cents * CENT), ...(quality ? { quality } : {}) });

const XAI_MODELS: readonly ModelSpec[] = [
  {
    kind: 'image', id: 'grok-imagine-image-2.0', name: 'Grok Imagine Image 2.0', aliases: [], status: 'current',
    ratios: [...BASE_IMAGE_RATIOS, ...WIDE_IMAGE_RATIOS], resolutions: IMAGE_RESOLUTION_LIST, qualities: QUALITY_LIST,
    autoQuality: { generate: 'low', edit: 'medium' }, maxEditSources: 5, promptLimit: 1024, rps: IMAGE_RPS,
    prices: [price('1k', 4, 'low'), price('2k', 6, 'low'), price('1k', 6, 'medium'), price('2k', 8, 'medium')],
    inputImageTicks: CENT,
  },
  {
    kind: 'image', id: 'grok-imagine-image', name: 'Grok Imagine Image', aliases: ['grok-imagine-image-2026-03-02', 'grok-imagine-image-beta'],
    status: 'current', ratios: BASE_IMAGE_RATIOS, resolutions: IMAGE_RESOLUTION_LIST, qualities: [],
    // 4–5 sources, 21:9 and 5:2 are undocumented on 1.0 (updates §6 #77, #79): not offered.
    maxEditSources: 3, promptLimit: 1024, rps: IMAGE_RPS, prices: [price('1k', 2), price('2k', 2)], inputImageTicks: CENT / 5,
  },
  {
    kind: 'image', id: 'grok-imagine-image-quality', name: 'Grok Imagine Image Quality (retired)',
    aliases: ['grok-imagine-image-pro', 'grok-imagine-image-quality-20260403', 'grok-imagine-image-quality-latest'],
    status: 'retired', retired: { on: '2026-11-02', successor: 'grok-imagine-image-2.0', quality: 'low' },
    ratios: [...BASE_IMAGE_RATIOS, ...WIDE_IMAGE_RATIOS], resolutions: IMAGE_RESOLUTION_LIST, qualities: [], maxEditSources: 5,
    promptLimit: 1024, rps: IMAGE_RPS, prices: [price('1k', 4), price('2k', 6)], inputImageTicks: CENT,
  },
  {
    kind: 'image', id: 'grok-2-image-1212', name: 'Grok 2 Image (retired)', aliases: ['grok-2-image', 'grok-2-image-latest'],
    status: 'retired', retired: { on: '2026-05-15', successor: null }, ratios: ['auto'], resolutions: ['1k'], qualities: [],
    maxEditSources: 0, promptLimit: 1024, rps: IMAGE_RPS, prices: [price('1k', 7)], inputImageTicks: 0,
  },
  {
    kind: 'video', id: 'grok-imagine-video', name: 'Grok Imagine Video', aliases: ['grok-imagine-video-beta'], status: 'current',
    // Edit and extend are documented for this model only (updates §1 #16); its R2V allows at most 10 s.
    modes: VIDEO_MODE_LIST, ratios: VIDEO_RATIO_LIST, resolutions: ['480p', '720p'], durations: { min: 1, max: 15, default: 8 },
    promptLimit: 1024, pricePerSecond: { '480p': 5 * CENT, '720p': 7 * CENT }, inputImageTicks: CENT / 5, inputVideoSecondTicks: CENT,
    maxReferences: 7, referenceMaxSeconds: 10, pinnedFrames: false, rps: VIDEO_RPS,
  },
  {
    kind: 'video', id: 'grok-imagine-video-1.5', name: 'Grok Imagine Video 1.5',
    aliases: ['grok-imagine-video-1.5-preview', 'grok-imagine-video-1.5-2026-05-30'], status: 'current',
    modes: ['text', 'image', 'reference'], ratios: VIDEO_RATIO_LIST, resolutions: VIDEO_RESOLUTION_LIST,
    durations: { min: 1, max: 15, default: 8 }, promptLimit: 1024,
    pricePerSecond: { '480p': 8 * CENT, '720p': 14 * CENT, '1080p': 25 * CENT }, inputImageTicks: CENT, inputVideoSecondTicks: CENT,
    maxReferences: 7, pinnedFrames: true, rps: VIDEO_RPS,
  },
  {
    kind: 'video', id: 'grok-imagine-video-1.5-lite', name: 'Grok Imagine Video 1.5 Lite', aliases: [], status: 'current',
    // Text and image to video only: no references, voices or pinned frames (updates §1 #13, §6 #89).
    modes: ['text', 'image'], ratios: VIDEO_RATIO_LIST, resolutions: VIDEO_RESOLUTION_LIST, durations: { min: 1, max: 15, default: 8 },
    promptLimit: 1024, pricePerSecond: { '480p': 2 * CENT, '720p': 3 * CENT, '1080p': 14 * CENT }, inputImageTicks: CENT,
    inputVideoSecondTicks: CENT, maxReferences: 0, pinnedFrames: false,
    // Its rate limit is not published (updates §4, §7 Q5): paced like the other video models.
    rps: VIDEO_RPS, note: 'Budget model: text or image to video; 1080p is upscaled from 720p.',
  },
];

/** Every provider, by key. */
export const BUILT_IN_PROVIDERS = {
  xai: {
    name: 'xAI', defaultImageModel: 'grok-imagine-image', defaultVideoModel: 'grok-imagine-video', models: XAI_MODELS,
    limits: {
      images: { min: 1, max: 10 }, inputImageBytes: 10 * 1024 * 1024, extension: { min: 2, max: 10, default: 6 },
      extensionInput: { min: 2, max: 15 }, editInputMaxSeconds: 8.7, referenceMaxResolution: '720p', editMaxResolution: '720p',
      referenceAudios: 3, keyframes: 4,
    },
  },
} as const satisfies Record<string, ProviderSpec>;

/** When the built-in facts were last checked against xAI's documentation. */
export const BUILT_IN_AS_OF = '2026-12-06';
