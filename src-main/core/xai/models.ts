/**
 * The capability table (src-preload/contract/capability-table.ts) as the xAI client reads it: model look-ups by id
 * or alias, the API-wide limits, and output pixel sizes. Nothing is listed here: pre-flight validation, the cost
 * estimator and the simulator all read the one table, so the app and its simulator can never disagree about a limit.
 */
import {
  IMAGE_ASPECT_RATIOS, API_LIMITS, BUILT_IN_TABLE, XAI_ONLY, defaultModel, findModel, imageSize1k, type CapabilityTable, type ImageAspectRatio,
  type ImageModelSpec, type ImageResolution, type VideoAspectRatio, type VideoModelSpec, type VideoResolution,
} from '@contract';

export {
  IMAGE_ASPECT_RATIOS, IMAGE_QUALITIES, IMAGE_RESOLUTIONS, VIDEO_ASPECT_RATIOS, XAI_VIDEO_RESOLUTIONS as VIDEO_RESOLUTIONS,
} from '@contract';
export type {
  CapabilityTable, ImageAspectRatio, ImageModelSpec, ImageQuality, ImageResolution, ServedQuality, VideoAspectRatio,
  VideoModelSpec, VideoResolution,
} from '@contract';

/** The image ratios xAI's own models take (the contract's enum also holds Stability's and MiniMax's). */
export const XAI_IMAGE_ASPECT_RATIOS: readonly ImageAspectRatio[] = IMAGE_ASPECT_RATIOS.filter((r) =>
  BUILT_IN_TABLE.providers.xai.models.some((m) => m.kind === 'image' && (m.ratios as readonly string[]).includes(r)));

/** Hard limits of the API that hold for every model (reference §11.1, updates §2), shared by validation and the simulator. */
export const LIMITS = {
  minImages: API_LIMITS.images.min,
  maxImages: API_LIMITS.images.max,
  maxInputImageBytes: API_LIMITS.inputImageBytes,
  extensionDuration: API_LIMITS.extension,
  extensionInput: API_LIMITS.extensionInput,
  editInputMaxSeconds: API_LIMITS.editInputMaxSeconds,
  referenceAudios: API_LIMITS.referenceAudios,
  keyframes: API_LIMITS.keyframes,
  r2vMaxResolution: API_LIMITS.referenceMaxResolution,
  editMaxResolution: API_LIMITS.editMaxResolution,
} as const;

/** An xAI image model by id or alias (none: the default model); undefined when unknown (the server answers 404 then). */
export function findImageModel(id: string | null | undefined, table: CapabilityTable = BUILT_IN_TABLE): ImageModelSpec | undefined {
  return findModel(id ?? defaultModel('image', table), 'image', table, XAI_ONLY);
}

export function findVideoModel(id: string | null | undefined, table: CapabilityTable = BUILT_IN_TABLE): VideoModelSpec | undefined {
  return findModel(id ?? defaultModel('video', table), 'video', table, XAI_ONLY);
}

/** Pixel size of a generated image; `auto` renders square (reference §14.2); 2k doubles each side. */
export function imagePixelSize(aspect: ImageAspectRatio | undefined, resolution: ImageResolution | undefined): { width: number; height: number } {
  const [w, h] = imageSize1k(aspect ?? 'auto');
  const scale = resolution === '2k' ? 2 : 1;
  const round16 = (v: number) => Math.round((v * scale) / 16) * 16;
  return { width: round16(w), height: round16(h) };
}

/** Pixel size of a video: the short side is 480/720/1080, the long side follows the ratio, both even (reference §7.5). */
export function videoPixelSize(aspect: VideoAspectRatio, resolution: VideoResolution): { width: number; height: number } {
  const short = resolution === '1080p' ? 1080 : resolution === '720p' ? 720 : 480;
  const [a, b] = aspect.split(':').map(Number) as [number, number];
  const even = (v: number) => Math.round(v / 2) * 2;
  // 16:9 480p is 848×480 on the wire (the deprecated size enum), not 854: match it.
  const long = aspect === '16:9' && resolution === '480p' ? 848 : even((short * Math.max(a, b)) / Math.min(a, b));
  return a >= b ? { width: long, height: short } : { width: short, height: long };
}
