import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp, { type Metadata } from 'sharp';
import phash from 'sharp-phash';
import { PREVIEW_LONG_SIDE, renditionSize } from '@contract';
import { fail } from '../../core/app-error';
import { signatureOf } from '../../core/library/near-duplicates';
import type { ImageFormat, ImageInfo, MediaProcessor } from '../../core/library/ports';
import { MAX_IMAGE_PIXELS as MAX_PIXELS, imageBombRefusal, type VideoProbe } from '../../core/media/refusals';

const run = promisify(execFile);
const ACCEPTED: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp', 'gif']);
/** ffmpeg/ffprobe on a hostile file must not hang an import: each run is killed after this long. */
const TOOL_TIMEOUT_MS = 30_000;
const TOOL_OPTIONS = { timeout: TOOL_TIMEOUT_MS, maxBuffer: 1024 * 1024, killSignal: 'SIGKILL' as const };

/** Runs `work` with the bytes in a private temp file (ffprobe needs to seek: an MP4's index may sit at the end). */
async function withTempFile<T>(bytes: Uint8Array, name: string, work: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'imagine-media-'));
  try {
    const file = path.join(dir, name);
    await writeFile(file, bytes, { mode: 0o600 });
    return await work(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

type ProbeJson = {
  streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number; duration?: string }[];
  format?: { duration?: string };
};
const toMs = (seconds: string | undefined) => {
  const n = Number(seconds);
  return seconds !== undefined && Number.isFinite(n) && n >= 0 ? Math.round(n * 1000) : null;
};
const PREVIEW = PREVIEW_LONG_SIDE;

/** The WebP settings of every grid thumbnail. */
export const THUMB_WEBP = { quality: 75, effort: 2 } as const;

/**
 * The grid thumbnail recipe, `width`×`height` being its `renditionSize`: the one the app uses, and the one the
 * import bench's floor times (sharp alone, one thread, one file after another).
 */
export function thumbnailOf(input: Uint8Array | string, width: number, height: number): Promise<Buffer> {
  // Sequential read: the decode streams through the resize (a large PNG is never whole in memory), which keeps
  // sixteen concurrent imports under the host's memory bound with the larger thumbnail.
  return sharp(input, { limitInputPixels: MAX_PIXELS, sequentialRead: true })
    .autoOrient()
    .resize(width, height, { fit: 'fill', withoutEnlargement: true })
    .webp(THUMB_WEBP)
    .toBuffer();
}

/** sharp for images, Debian's ffmpeg/ffprobe for video posters and durations. */
export class SharpFfmpegMediaProcessor implements MediaProcessor {
  async perceptualHash(bytes: Uint8Array): Promise<string | null> {
    try {
      // sharp-phash: the common pHash (32×32 grey, DCT, 8×8 low frequencies against their mean), on our own sharp;
      // then the mean colour, which tells apart same-layout pictures in different colours (see near-duplicates).
      const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const [bits, stats] = await Promise.all([
        phash(input, { limitInputPixels: MAX_PIXELS }),
        sharp(input, { limitInputPixels: MAX_PIXELS }).removeAlpha().toColourspace('srgb').stats(),
      ]);
      return signatureOf(bits, stats.channels.map((c) => c.mean));
    } catch {
      return null;
    }
  }

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
    const bomb = imageBombRefusal(meta.width, meta.height);
    if (bomb) fail({ kind: 'validation', message: bomb, issues: [] });
    // Upright dimensions (a portrait phone photo stored sideways is portrait), as every rendition and viewer shows it.
    const { width, height } = meta.autoOrient;
    return { format: meta.format as ImageFormat, width, height };
  }

  async thumbnail(bytes: Uint8Array, upright?: { width: number; height: number }): Promise<Uint8Array | null> {
    try {
      // resize() right after the input lets libvips shrink on load (JPEG DCT scaling, WebP scaled decode): the one
      // full pass over the body, which also rejects a valid header on a truncated body (failOn 'warning').
      // autoOrient: the stored file keeps its EXIF Orientation (see embedXmp), and viewers turn the original by it,
      // so renditions are turned the same way and a phone photo looks upright in the grid and the lightbox alike.
      // The size comes from the upright header dimensions (renditionSize: 512 px short side, 1024 long at most).
      const size = upright ?? (await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata()).autoOrient;
      const { width, height } = renditionSize(size.width, size.height, 'thumb');
      return await thumbnailOf(bytes, width, height);
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

  async probeVideo(bytes: Uint8Array): Promise<VideoProbe | null> {
    return withTempFile(bytes, 'probe', async (file) => {
      try {
        const { stdout } = await run(this.tools.ffprobe, [
          '-v', 'error', '-show_entries', 'stream=codec_type,codec_name,width,height,duration:format=duration',
          '-of', 'json', '--', file,
        ], TOOL_OPTIONS);
        const json = JSON.parse(stdout) as ProbeJson;
        const streams = json.streams ?? [];
        const video = streams.find((s) => s.codec_type === 'video');
        // The longest length anything in the file declares: a crafted track header can claim hours.
        const lengths = [toMs(json.format?.duration), ...streams.map((s) => toMs(s.duration))].filter((n): n is number => n !== null);
        return {
          video: video ? { codec: video.codec_name ?? 'unknown', width: video.width ?? null, height: video.height ?? null } : null,
          durationMs: lengths.length ? Math.max(...lengths) : null,
        };
      } catch {
        return null; // ffprobe refused the file (no index, garbage) or ran out of time
      }
    });
  }

  async toMp4(bytes: Uint8Array): Promise<Uint8Array | null> {
    return withTempFile(bytes, 'in', async (file, dir) => {
      const out = path.join(dir, 'out.mp4');
      // Stream copy: the same pictures and sound in an MP4 box, with the index first so playback starts at once.
      const args = ['-v', 'error', '-i', file, '-map', '0:v:0', '-map', '0:a?', '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', '-y', out];
      const ok = await run(this.tools.ffmpeg, args, TOOL_OPTIONS).then(() => true, () => false);
      return ok ? readFile(out).catch(() => null) : null;
    });
  }

  async videoPoster(absPath: string): Promise<Uint8Array> {
    const dir = await mkdtemp(path.join(tmpdir(), 'poster-'));
    try {
      const out = path.join(dir, 'poster.png');
      // -ss before -i seeks cheaply; 0.1 s skips a black first frame in most encoders' output. A clip shorter than
      // that has no frame there (ffmpeg writes nothing), so fall back to the first frame.
      for (const seek of [['-ss', '0.1'], []]) {
        await run(this.tools.ffmpeg, ['-v', 'error', ...seek, '-i', absPath, '-frames:v', '1', '-y', out], TOOL_OPTIONS).catch(() => null);
        const poster = await readFile(out).catch(() => null);
        if (poster && poster.length > 0) return poster;
      }
      throw new Error('No frame could be read from this video.');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
