/**
 * The words for every file we refuse, in one place: the library's import and the Edit screen say the same thing
 * about the same file. Each sentence names the problem so the user knows what to do (issue 14: "Every refused file
 * gets that same sentence" was the bug).
 */
import { FORMAT_LABELS, type ImageFormatName, type NotMedia, type VideoContainer } from './sniff';

/** Decompression-bomb guard for images: a 108-megapixel phone photo passes, a 20000×20000 canvas does not. */
export const MAX_IMAGE_PIXELS = 120_000_000;
/** Longest video we import: a longer declared length in a file of at most 64 MB is damaged or crafted. */
export const MAX_VIDEO_MS = 60 * 60 * 1000;
/** Largest video frame we accept (8K is 33 megapixels). */
export const MAX_VIDEO_PIXELS = 40_000_000;

const NOT_MEDIA: Record<NotMedia, string> = {
  empty: 'The file is empty (0 bytes).',
  svg: 'SVG is not supported: export the drawing as PNG or JPEG first.',
  html: 'This is not an image or video: it is a web page (HTML).',
  text: 'This is not an image or video: it is a text file, whatever its name says.',
  binary: 'This is not an image or video: Imagine Studio does not recognise its contents.',
};

export function notMediaRefusal(why: NotMedia): string {
  return NOT_MEDIA[why];
}

/** A file whose header is fine but whose body cannot be read to the end. */
export function truncatedRefusal(format: ImageFormatName | VideoContainer): string {
  return `The ${FORMAT_LABELS[format]} file is truncated or corrupt: it cannot be read to the end.`;
}

const megapixels = (w: number, h: number) => Math.round((w * h) / 1e6).toLocaleString('en-US');

/** An image whose header declares more pixels than may be decoded: says its size. */
export function imageBombRefusal(width: number, height: number): string | null {
  if (width * height <= MAX_IMAGE_PIXELS) return null;
  return `The image declares ${width}×${height} pixels (${megapixels(width, height)} megapixels), over the ${MAX_IMAGE_PIXELS / 1e6}-megapixel limit: too large to open safely.`;
}

/** Image formats the library does not store (the Edit screen converts some of them). */
export function unsupportedImageRefusal(format: ImageFormatName): string {
  if (format === 'heif') return 'HEIC photos are not supported: export the photo as JPEG first.';
  return `${FORMAT_LABELS[format]} images are not supported in the library: convert to PNG or JPEG first.`;
}

const clock = (ms: number) => {
  const s = Math.round(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
};

/** What ffprobe found in a video file. */
export interface VideoProbe {
  /** The first video stream; null when the file has none (audio only, or no streams at all). */
  video: { codec: string; width: number | null; height: number | null } | null;
  /** The longest length the file declares (container or stream), when it declares one. */
  durationMs: number | null;
}

/** Codecs Chromium plays and ffmpeg reads; anything else would import a video nobody can watch. */
export const PLAYABLE_VIDEO_CODECS: ReadonlySet<string> = new Set(['h264', 'hevc', 'vp8', 'vp9', 'av1']);

/** Why a probed video is refused, or null when it may be imported. */
export function videoRefusal(probe: VideoProbe, container: VideoContainer): string | null {
  const name = FORMAT_LABELS[container];
  if (!probe.video) return `This ${name} file has no video track (it may hold only sound).`;
  const { codec, width, height } = probe.video;
  if (!PLAYABLE_VIDEO_CODECS.has(codec)) {
    return `This ${name} file's video is ${codec.toUpperCase()}, which Imagine Studio cannot play: convert it to H.264 MP4 or WebM first.`;
  }
  if (!width || !height) return truncatedRefusal(container);
  if (width * height > MAX_VIDEO_PIXELS) {
    return `The video declares ${width}×${height} pixels per frame, over the ${MAX_VIDEO_PIXELS / 1e6}-megapixel limit: too large to open safely.`;
  }
  if (probe.durationMs !== null && probe.durationMs > MAX_VIDEO_MS) {
    return `The video declares a length of ${clock(probe.durationMs)}, over the ${MAX_VIDEO_MS / 3_600_000}-hour limit for imported videos: the file is damaged or crafted.`;
  }
  return null;
}
