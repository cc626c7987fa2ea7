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

import { MINIMAX_PROVIDER, STABILITY_PROVIDER } from './capability-providers';

const CENT = 100_000_000;

/**
 * Image aspect ratios, each with its output size at 1k (updates §2, reference §6.1; 2k doubles each side). `auto`
 * lets the model choose (renders square in the simulator). Order is the pickers' order.
 */
export const IMAGE_RATIO_SIZES_1K = {
  '1:1': [1024, 1024], '3:4': [896, 1280], '4:3': [1280, 896], '9:16': [768, 1408], '16:9': [1408, 768],
  '2:3': [864, 1296], '3:2': [1296, 864], '9:19.5': [576, 1248], '19.5:9': [1248, 576], '9:20': [576, 1280],
  '20:9': [1280, 576], '1:2': [704, 1408], '2:1': [1408, 704], '21:9': [1456, 624], '5:2': [1440, 576], auto: [1024, 1024],
  // Stability's own ratios (stability-api.md §2), at its 1 MP sizes; no xAI model takes them.
  '5:4': [1088, 896], '4:5': [896, 1088], '9:21': [640, 1536],
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
/** 512p and 768p are MiniMax Hailuo's (minimax-api.md §4.1). */
const VIDEO_RESOLUTION_LIST = ['480p', '512p', '720p', '768p', '1080p'] as const;
/** xAI's video resolutions: 480p, 720p and 1080p (not MiniMax's 512p/768p, which joined the list above). */
const XAI_VIDEO_RESOLUTIONS = VIDEO_RESOLUTION_LIST.filter((r) => r !== '512p' && r !== '768p');
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
  /** Output sizes per ratio when the provider's differ from xAI's 1k sizes (IMAGE_RATIO_SIZES_1K). */
  sizes?: Partial<Record<ImageRatio, readonly [number, number]>>;
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
  /** Pins a last frame / keyframes (xAI 1.5; MiniMax Hailuo-02's first+last frame). */
  pinnedFrames: boolean;
  /** Lengths the model takes per resolution when not every second in `durations` is valid (MiniMax: 6 or 10 s). */
  durationsByResolution?: Partial<Record<VideoResolution, readonly number[]>>;
  /**
   * Resolutions per kind of video when one takes fewer than `resolutions` (MiniMax Hailuo 02 renders 512p for
   * image→video only, not for text→video or first + last frame). Absent for a kind: all of `resolutions`.
   */
  resolutionsByMode?: Partial<Record<VideoResolutionMode, readonly VideoResolution[]>>;
}

/** The kinds of video a resolution can depend on: the modes, with image→video ending on a chosen frame apart. */
export type VideoResolutionMode = VideoModeName | 'first-last';

/** The resolutions a video model renders for one kind of video (the form offers these; main checks against them). */
export const videoResolutionsFor = (spec: VideoModelSpec, mode: VideoResolutionMode): readonly VideoResolution[] =>
  spec.resolutionsByMode?.[mode] ?? spec.resolutions;

export type ModelSpec = ImageModelSpec | VideoModelSpec;

/**
 * A chat (text) model, used to rewrite prompts (the prompt enhancer, issue 19). Not an Imagine model, so not a
 * `ModelSpec`: no picker of image or video models offers it. Priced per token.
 */
export interface TextModelSpec {
  id: string;
  name: string;
  aliases: readonly string[];
  /** Ticks per input (prompt) token and per output (completion) token. */
  inputTokenTicks: number;
  outputTokenTicks: number;
  /** A plain note for the Settings picker. */
  note?: string;
}

/** Limits of a provider's API that hold for every model (reference §11.1, updates §2). Video edits are xAI's only. */
export interface ProviderLimits {
  /** Images per request (`n`). */
  images: { min: number; max: number };
  /** Largest input image in bytes. */
  inputImageBytes: number;
  /** Seconds an extension adds, and the lengths of video it extends. */
  extension?: { min: number; max: number; default: number };
  extensionInput?: { min: number; max: number };
  /** Longest video an edit takes (seconds); the edit keeps its length. */
  editInputMaxSeconds?: number;
  /** Reference→video and video edits/extensions render at most this. */
  referenceMaxResolution?: VideoResolution;
  editMaxResolution?: VideoResolution;
  referenceAudios?: number;
  keyframes?: number;
}

/**
 * What a provider can do, by operation (issue 18's provider port): generate, edit by instruction, edit with a mask,
 * erase, outpaint, search-and-replace, remove background, upscale (fast, conservative, creative), text→video,
 * image→video, first/last-frame video, subject reference (to image or to video).
 */
export const OPERATION_LIST = [
  'generate', 'edit', 'inpaint', 'erase', 'outpaint', 'search-replace', 'remove-background', 'upscale-fast',
  'upscale-conservative', 'upscale-creative', 'text-video', 'image-video', 'first-last-video', 'subject-image', 'subject-video',
] as const;
export type OperationName = (typeof OPERATION_LIST)[number];

/** One operation of a provider: who serves it, what it takes, and (when not the model's own price) what it costs. */
export interface OperationSpec {
  name: OperationName;
  /** What people read on the button or in the picker. */
  label: string;
  /** Models that serve it; empty: the operation is its own endpoint, priced by `ticks`. */
  models: readonly string[];
  /** Source image limits (pixels in total, shortest and longest side). */
  image?: { minSide: number; maxSide?: number; minPixels?: number; maxPixels: number };
  /** Takes a mask (white: repaint, black: keep). */
  mask?: boolean;
  prompt: 'required' | 'optional' | 'none';
  /** Outpaint: most pixels added per side. */
  maxSide?: number;
  /** Upscales: output scale per side, or the output's pixel count. */
  scale?: number;
  outputPixels?: number;
  /** Price per call in ticks when the operation is its own endpoint. */
  ticks?: number;
  /** Answers an id to poll (Stability's Creative Upscale; every video). */
  async: boolean;
}

/** One provider's models, operations, defaults and API-wide limits. */
export interface ProviderSpec {
  name: string;
  defaultImageModel: string;
  /** Empty: the provider makes no video (Stability since July 2025). */
  defaultVideoModel: string;
  limits: ProviderLimits;
  models: readonly ModelSpec[];
  operations: readonly OperationSpec[];
  /** How the provider bills, for the picker's note ("credits: 1 credit = $0.01"). */
  billing?: string;
  /** Chat models of the provider's chat completions endpoint (xAI only), cheapest first. */
  textModels?: readonly TextModelSpec[];
  /** The text model used unless Settings names another: the cheapest current one. */
  defaultTextModel?: string;
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
    modes: ['text', 'image', 'reference'], ratios: VIDEO_RATIO_LIST, resolutions: XAI_VIDEO_RESOLUTIONS,
    durations: { min: 1, max: 15, default: 8 }, promptLimit: 1024,
    pricePerSecond: { '480p': 8 * CENT, '720p': 14 * CENT, '1080p': 25 * CENT }, inputImageTicks: CENT, inputVideoSecondTicks: CENT,
    maxReferences: 7, pinnedFrames: true, rps: VIDEO_RPS,
  },
  {
    kind: 'video', id: 'grok-imagine-video-1.5-lite', name: 'Grok Imagine Video 1.5 Lite', aliases: [], status: 'current',
    // Text and image to video only: no references, voices or pinned frames (updates §1 #13, §6 #89).
    modes: ['text', 'image'], ratios: VIDEO_RATIO_LIST, resolutions: XAI_VIDEO_RESOLUTIONS, durations: { min: 1, max: 15, default: 8 },
    promptLimit: 1024, pricePerSecond: { '480p': 2 * CENT, '720p': 3 * CENT, '1080p': 14 * CENT }, inputImageTicks: CENT,
    inputVideoSecondTicks: CENT, maxReferences: 0, pinnedFrames: false,
    // Its rate limit is not published (updates §4, §7 Q5): paced like the other video models.
    rps: VIDEO_RPS, note: 'Budget model: text or image to video; 1080p is upscaled from 720p.',
  },
];

const XAI_OPERATIONS: readonly OperationSpec[] = [
  { name: 'generate', label: 'Generate', models: ['grok-imagine-image-2.0', 'grok-imagine-image'], prompt: 'required', async: false },
  { name: 'edit', label: 'Edit by instruction', models: ['grok-imagine-image-2.0', 'grok-imagine-image'], prompt: 'required', async: false },
  { name: 'text-video', label: 'Text → video', models: ['grok-imagine-video', 'grok-imagine-video-1.5', 'grok-imagine-video-1.5-lite'], prompt: 'required', async: true },
  { name: 'image-video', label: 'Image → video', models: ['grok-imagine-video', 'grok-imagine-video-1.5', 'grok-imagine-video-1.5-lite'], prompt: 'optional', async: true },
  { name: 'first-last-video', label: 'First and last frame → video', models: ['grok-imagine-video-1.5'], prompt: 'optional', async: true },
  { name: 'subject-video', label: 'Reference images → video', models: ['grok-imagine-video', 'grok-imagine-video-1.5'], prompt: 'required', async: true },
];

/**
 * Chat models for the prompt enhancer (`POST /v1/chat/completions`, same key, Bearer). xAI publishes per-token prices
 * ($ per million tokens); the cheapest current ones are Grok 4.1 Fast, $0.20/M input and $0.50/M output, with or
 * without reasoning (docs.x.ai models page as quoted by Vercel AI Gateway, Google Vertex and Bifrost's price pages,
 * 2026). The non-reasoning one answers at once and spends no reasoning tokens, so it is the default. Responses may
 * carry `usage.cost_in_usd_ticks`; when they do, that is what the ledger records.
 */
const PER_MILLION = (usd: number) => Math.round((usd * 10_000_000_000) / 1_000_000);
const XAI_TEXT_MODELS: readonly TextModelSpec[] = [
  {
    id: 'grok-4-1-fast-non-reasoning', name: 'Grok 4.1 Fast (non-reasoning)', aliases: ['grok-4.1-fast-non-reasoning', 'grok-4-1-fast-non-reasoning-latest'],
    inputTokenTicks: PER_MILLION(0.2), outputTokenTicks: PER_MILLION(0.5), note: 'Cheapest; answers at once.',
  },
  {
    id: 'grok-4-1-fast-reasoning', name: 'Grok 4.1 Fast (reasoning)', aliases: ['grok-4.1-fast-reasoning', 'grok-4-1-fast-reasoning-latest'],
    inputTokenTicks: PER_MILLION(0.2), outputTokenTicks: PER_MILLION(0.5), note: 'Same price per token; thinks first, so slower and spends more tokens.',
  },
  {
    id: 'grok-4', name: 'Grok 4', aliases: ['grok-4-0709', 'grok-4-latest'],
    inputTokenTicks: PER_MILLION(3), outputTokenTicks: PER_MILLION(15), note: 'Largest; 15× the price of Fast.',
  },
];

/** Every provider, by key. */
export const BUILT_IN_PROVIDERS = {
  xai: {
    name: 'xAI', defaultImageModel: 'grok-imagine-image', defaultVideoModel: 'grok-imagine-video', models: XAI_MODELS, operations: XAI_OPERATIONS,
    textModels: XAI_TEXT_MODELS, defaultTextModel: 'grok-4-1-fast-non-reasoning',
    limits: {
      images: { min: 1, max: 10 }, inputImageBytes: 10 * 1024 * 1024, extension: { min: 2, max: 10, default: 6 },
      extensionInput: { min: 2, max: 15 }, editInputMaxSeconds: 8.7, referenceMaxResolution: '720p', editMaxResolution: '720p',
      referenceAudios: 3, keyframes: 4,
    },
  },
  stability: STABILITY_PROVIDER,
  minimax: MINIMAX_PROVIDER,
} as const satisfies Record<string, ProviderSpec>;

/** When the built-in facts were last checked against xAI's documentation. */
export const BUILT_IN_AS_OF = '2026-12-06';
