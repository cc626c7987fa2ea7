/**
 * What each Grok Imagine model accepts, as one table (doc §2, §3.1, §6.1, §7.5, §11). Pre-flight validation, the
 * cost estimator and the simulator all read it, so the app and its simulator can never disagree about a limit.
 */

/** Image aspect ratios accepted by the REST enum (doc §6.1, newest spec adds 21:9 and 5:2). */
export const IMAGE_ASPECT_RATIOS = [
  '1:1', '3:4', '4:3', '9:16', '16:9', '2:3', '3:2', '9:19.5', '19.5:9', '9:20', '20:9', '1:2', '2:1', '21:9', '5:2', 'auto',
] as const;
export type ImageAspectRatio = (typeof IMAGE_ASPECT_RATIOS)[number];

export const IMAGE_RESOLUTIONS = ['1k', '1.5k', '2k'] as const;
export type ImageResolution = (typeof IMAGE_RESOLUTIONS)[number];

export const IMAGE_QUALITIES = ['low', 'medium', 'high'] as const;
export type ImageQuality = (typeof IMAGE_QUALITIES)[number];

export const VIDEO_ASPECT_RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3'] as const;
export type VideoAspectRatio = (typeof VIDEO_ASPECT_RATIOS)[number];

export const VIDEO_RESOLUTIONS = ['480p', '720p', '1080p'] as const;
export type VideoResolution = (typeof VIDEO_RESOLUTIONS)[number];

/**
 * Most source images one edit may carry. The only place this number lives: newer models may take more, so raise it
 * here (and per model in `ImageModelCaps.maxEditImages`) rather than in the UI.
 */
export const MAX_EDIT_IMAGES = 3;

/** Hard limits from the doc (§11.1), shared by validation and the simulator. */
export const LIMITS = {
  minImages: 1,
  maxImages: 10,
  maxPromptLength: 1024,
  maxInputImageBytes: 10 * 1024 * 1024,
  videoDuration: { min: 1, max: 15, default: 8 },
  extensionDuration: { min: 2, max: 10, default: 6 },
  extensionInput: { min: 2, max: 15 },
  editInputMaxSeconds: 8.7,
  referenceImages: { min: 1, max: 7 },
  referenceAudios: 3,
  keyframes: 4,
  r2vMaxResolution: '720p' as VideoResolution,
  editMaxResolution: '720p' as VideoResolution,
} as const;

/** One image model: ids it answers to, what it accepts, and its list price per output image in ticks. */
export interface ImageModelCaps {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly supportsEdit: boolean;
  readonly resolutions: readonly ImageResolution[];
  readonly maxPromptLength: number;
  readonly maxEditImages: number;
  /** Price per generated image in ticks (1e10 ticks = 1 USD). */
  readonly pricePerImageTicks: number;
  /** Whether `quality` changes anything (only 2.0, doc §3.1). */
  readonly qualityTiers: boolean;
}

/** One video model: ids, resolutions per mode, price per second per resolution in ticks. */
export interface VideoModelCaps {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly resolutions: readonly VideoResolution[];
  readonly supportsLastFrame: boolean;
  readonly pricePerSecondTicks: Readonly<Partial<Record<VideoResolution, number>>>;
  /** Charge per still image given as input (I2V first frame, references). */
  readonly imageInputTicks: number;
}

const CENT = 100_000_000;

export const IMAGE_MODELS: readonly ImageModelCaps[] = [
  { id: 'grok-imagine-image', aliases: ['grok-imagine-image-beta'], supportsEdit: true, resolutions: ['1k', '2k'], maxPromptLength: 1024, maxEditImages: MAX_EDIT_IMAGES, pricePerImageTicks: 2 * CENT, qualityTiers: false },
  { id: 'grok-imagine-image-quality', aliases: ['grok-imagine-image-pro'], supportsEdit: true, resolutions: ['1k', '2k'], maxPromptLength: 1024, maxEditImages: MAX_EDIT_IMAGES, pricePerImageTicks: 7 * CENT, qualityTiers: false },
  { id: 'grok-imagine-image-2.0', aliases: [], supportsEdit: true, resolutions: ['1k', '1.5k', '2k'], maxPromptLength: 1024, maxEditImages: MAX_EDIT_IMAGES, pricePerImageTicks: 4 * CENT, qualityTiers: true },
  { id: 'grok-2-image-1212', aliases: ['grok-2-image', 'grok-2-image-latest'], supportsEdit: false, resolutions: ['1k'], maxPromptLength: 1024, maxEditImages: 0, pricePerImageTicks: 7 * CENT, qualityTiers: false },
];

export const VIDEO_MODELS: readonly VideoModelCaps[] = [
  { id: 'grok-imagine-video', aliases: ['grok-imagine-video-beta'], resolutions: ['480p', '720p'], supportsLastFrame: false, pricePerSecondTicks: { '480p': 5 * CENT, '720p': 7 * CENT }, imageInputTicks: CENT / 5 },
  // 1080p price is unpublished (doc §11.2); twice 720p is a deliberate over-estimate so budgets err on the safe side.
  { id: 'grok-imagine-video-1.5', aliases: ['grok-imagine-video-1.5-preview', 'grok-imagine-video-1.5-2026-05-30'], resolutions: ['480p', '720p', '1080p'], supportsLastFrame: true, pricePerSecondTicks: { '480p': 8 * CENT, '720p': 14 * CENT, '1080p': 28 * CENT }, imageInputTicks: CENT },
];

export const DEFAULT_IMAGE_MODEL = 'grok-imagine-image';
export const DEFAULT_VIDEO_MODEL = 'grok-imagine-video';

/** Charge per source image of an image edit (doc §11.2: $0.002). */
export const EDIT_INPUT_IMAGE_TICKS = CENT / 5;
/** Charge per second of input video for video edits and extensions (doc §11.2: $0.01/s). */
export const VIDEO_INPUT_TICKS_PER_SECOND = CENT;

/** Looks a model up by id or alias; undefined when unknown (the server answers 404 then). */
export function findImageModel(id: string | null | undefined): ImageModelCaps | undefined {
  const key = id ?? DEFAULT_IMAGE_MODEL;
  return IMAGE_MODELS.find((m) => m.id === key || m.aliases.includes(key));
}

export function findVideoModel(id: string | null | undefined): VideoModelCaps | undefined {
  const key = id ?? DEFAULT_VIDEO_MODEL;
  return VIDEO_MODELS.find((m) => m.id === key || m.aliases.includes(key));
}

/** Output pixel size at 1k per aspect ratio (doc §6.1, runware table); 2k doubles each side. */
const IMAGE_1K: Record<Exclude<ImageAspectRatio, 'auto'>, [number, number]> = {
  '1:1': [1024, 1024], '3:4': [896, 1280], '4:3': [1280, 896], '9:16': [768, 1408], '16:9': [1408, 768],
  '2:3': [864, 1296], '3:2': [1296, 864], '9:19.5': [576, 1248], '19.5:9': [1248, 576], '9:20': [576, 1280],
  '20:9': [1280, 576], '1:2': [704, 1408], '2:1': [1408, 704], '21:9': [1456, 624], '5:2': [1440, 576],
};

/** Pixel size of a generated image; `auto` renders square (doc §14.2). */
export function imagePixelSize(aspect: ImageAspectRatio | undefined, resolution: ImageResolution | undefined): { width: number; height: number } {
  const base = IMAGE_1K[aspect === undefined || aspect === 'auto' ? '1:1' : aspect];
  const scale = resolution === '2k' ? 2 : resolution === '1.5k' ? 1.5 : 1;
  const round16 = (v: number) => Math.round((v * scale) / 16) * 16;
  return { width: round16(base[0]), height: round16(base[1]) };
}

/** Pixel size of a video: the short side is 480/720/1080, the long side follows the ratio, both even (doc §7.5). */
export function videoPixelSize(aspect: VideoAspectRatio, resolution: VideoResolution): { width: number; height: number } {
  const short = resolution === '1080p' ? 1080 : resolution === '720p' ? 720 : 480;
  const [a, b] = aspect.split(':').map(Number) as [number, number];
  const even = (v: number) => Math.round(v / 2) * 2;
  // 16:9 480p is 848×480 on the wire (the deprecated size enum), not 854: match it.
  const long = aspect === '16:9' && resolution === '480p' ? 848 : even((short * Math.max(a, b)) / Math.min(a, b));
  return a >= b ? { width: long, height: short } : { width: short, height: long };
}
