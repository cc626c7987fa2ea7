import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp, { type Metadata } from 'sharp';
import { fail } from '../../core/app-error';
import type { ImageFormat, ImageInfo, MediaProcessor, VideoInfo } from '../../core/library/ports';

const run = promisify(execFile);
const ACCEPTED: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp', 'gif']);
/** Decompression-bomb guard: refuse images over ~100 megapixels. */
const MAX_PIXELS = 100_000_000;
const THUMB = 256;
const PREVIEW = 1024;

/** sharp for images, Debian's ffmpeg/ffprobe for video posters and durations. */
export class SharpFfmpegMediaProcessor implements MediaProcessor {
  constructor(private readonly tools = { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' }) {}

  async probeImage(bytes: Uint8Array): Promise<ImageInfo | null> {
    // The header alone (no pixel limit for it): a bomb is then refused by its declared size, in words.
    let meta: Metadata;
    try {
      meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    } catch {
      return null; // sharp throws synchronously on an empty buffer, and rejects on unknown formats
    }
    if (!meta.format || !ACCEPTED.has(meta.format) || !meta.width || !meta.height) return null;
    if (meta.width * meta.height > MAX_PIXELS) {
      fail({
        kind: 'validation',
        message: `The image declares ${meta.width}×${meta.height} pixels, over the 100-megapixel limit: too large to open safely.`,
        issues: [],
      });
    }
    // Upright dimensions (a portrait phone photo stored sideways is portrait), as every rendition and viewer shows it.
    const { width, height } = meta.autoOrient;
    return { format: meta.format as ImageFormat, width, height };
  }

  async thumbnail(bytes: Uint8Array): Promise<Uint8Array | null> {
    try {
      // resize() right after the input lets libvips shrink on load (JPEG DCT scaling, WebP scaled decode): the one
      // full pass over the body, which also rejects a valid header on a truncated body (failOn 'warning').
      // autoOrient: the stored file keeps its EXIF Orientation (see embedXmp), and viewers turn the original by it,
      // so renditions are turned the same way and a phone photo looks upright in the grid and the lightbox alike.
      return await sharp(bytes, { limitInputPixels: MAX_PIXELS })
        .autoOrient()
        .resize(THUMB, THUMB, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 75, effort: 2 })
        .toBuffer();
    } catch {
      return null;
    }
  }

  async preview(bytes: Uint8Array): Promise<Uint8Array> {
    return sharp(bytes, { limitInputPixels: MAX_PIXELS })
      .autoOrient()
      .resize(PREVIEW, PREVIEW, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80, effort: 0 })
      .toBuffer();
  }

  async encode(bytes: Uint8Array, format: Exclude<ImageFormat, 'gif'>, xmp: string | null): Promise<Uint8Array> {
    // Turned upright: the encoder drops the EXIF block, Orientation included.
    let pipeline = sharp(bytes, { limitInputPixels: MAX_PIXELS }).autoOrient();
    if (xmp !== null) pipeline = pipeline.withXmp(xmp);
    if (format === 'jpeg') return pipeline.jpeg({ quality: 92 }).toBuffer();
    if (format === 'png') return pipeline.png().toBuffer();
    return pipeline.webp({ quality: 90 }).toBuffer();
  }

  async videoInfo(absPath: string): Promise<VideoInfo | null> {
    try {
      const { stdout } = await run(this.tools.ffprobe, [
        '-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height:format=duration',
        '-of', 'json', '--', absPath,
      ]);
      const json = JSON.parse(stdout) as { streams?: { width?: number; height?: number }[]; format?: { duration?: string } };
      const stream = json.streams?.[0];
      if (!stream) return null;
      const seconds = Number(json.format?.duration);
      return {
        durationMs: Number.isFinite(seconds) ? Math.round(seconds * 1000) : null,
        width: stream.width ?? null,
        height: stream.height ?? null,
      };
    } catch {
      return null;
    }
  }

  async videoPoster(absPath: string): Promise<Uint8Array> {
    const dir = await mkdtemp(path.join(tmpdir(), 'poster-'));
    try {
      const out = path.join(dir, 'poster.png');
      // -ss before -i seeks cheaply; 0.1 s skips a black first frame in most encoders' output. A clip shorter than
      // that has no frame there (ffmpeg writes nothing), so fall back to the first frame.
      for (const seek of [['-ss', '0.1'], []]) {
        await run(this.tools.ffmpeg, ['-v', 'error', ...seek, '-i', absPath, '-frames:v', '1', '-y', out]).catch(() => null);
        const poster = await readFile(out).catch(() => null);
        if (poster && poster.length > 0) return poster;
      }
      throw new Error('No frame could be read from this video.');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
