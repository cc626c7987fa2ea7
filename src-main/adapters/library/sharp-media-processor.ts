import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import type { ImageFormat, ImageInfo, MediaProcessor, VideoInfo } from '../../core/library/ports';

const run = promisify(execFile);
const ACCEPTED: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp', 'gif']);
/** Decompression-bomb guard: refuse images over ~100 megapixels. */
const MAX_PIXELS = 100_000_000;

/** sharp for images, Debian's ffmpeg/ffprobe for video posters and durations. */
export class SharpFfmpegMediaProcessor implements MediaProcessor {
  constructor(private readonly tools = { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' }) {}

  async probeImage(bytes: Uint8Array): Promise<ImageInfo | null> {
    try {
      const meta = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata();
      if (!meta.format || !ACCEPTED.has(meta.format) || !meta.width || !meta.height) return null;
      // Decode fully once: a valid header on a truncated body must not get in.
      await sharp(bytes, { limitInputPixels: MAX_PIXELS }).resize(8, 8).raw().toBuffer();
      return { format: meta.format as ImageFormat, width: meta.width, height: meta.height };
    } catch {
      return null;
    }
  }

  async renditions(bytes: Uint8Array): Promise<{ thumb: Uint8Array; preview: Uint8Array }> {
    // Decode once (JPEG shrink-on-load) to the preview size, then encode both renditions from those pixels in
    // parallel: the decode is the dominant cost and libvips uses both cores for the two encodes.
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_PIXELS })
      .rotate()
      .resize(1024, 1024, { fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
    const [preview, thumb] = await Promise.all([
      sharp(data, raw).webp({ quality: 80, effort: 0 }).toBuffer(),
      sharp(data, raw).resize(256, 256, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 75, effort: 2 }).toBuffer(),
    ]);
    return { thumb, preview };
  }

  async encode(bytes: Uint8Array, format: Exclude<ImageFormat, 'gif'>, xmp: string | null): Promise<Uint8Array> {
    let pipeline = sharp(bytes, { limitInputPixels: MAX_PIXELS }).rotate();
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
      // -ss before -i seeks cheaply; 0.1 s skips a black first frame in most encoders' output.
      await run(this.tools.ffmpeg, ['-v', 'error', '-ss', '0.1', '-i', absPath, '-frames:v', '1', '-y', out]);
      return await readFile(out);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
