/**
 * Real video files for tests, made by the system ffmpeg at run time (tiny: 64×48, 10 fps): the containers and
 * codecs the library imports, and the hostile variants it must refuse. Each is rendered once per process.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type VideoRecipe = 'h264-mp4' | 'h264-mp4-index-last' | 'h265-mp4' | 'vp9-webm' | 'h264-mov' | 'aac-only-mp4' | 'mpeg4-mp4';

const ARGS: Record<VideoRecipe, { ext: string; args: string[] }> = {
  'h264-mp4': { ext: 'mp4', args: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart'] },
  'h264-mp4-index-last': { ext: 'mp4', args: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'] },
  'h265-mp4': { ext: 'mp4', args: ['-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'log-level=none', '-pix_fmt', 'yuv420p', '-tag:v', 'hvc1'] },
  'vp9-webm': { ext: 'webm', args: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '50k'] },
  'h264-mov': { ext: 'mov', args: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-f', 'mov'] },
  'aac-only-mp4': { ext: 'mp4', args: ['-vn', '-c:a', 'aac'] },
  'mpeg4-mp4': { ext: 'mp4', args: ['-c:v', 'mpeg4'] },
};

const cache = new Map<string, Promise<Buffer>>();

/** A 1-second clip (a test pattern, or a tone for the audio-only file), as bytes. */
export function videoBytes(recipe: VideoRecipe, opts: { width?: number; height?: number; seconds?: number } = {}): Promise<Buffer> {
  const key = JSON.stringify([recipe, opts]);
  let made = cache.get(key);
  if (!made) {
    made = render(recipe, opts);
    cache.set(key, made);
  }
  return made;
}

async function render(recipe: VideoRecipe, opts: { width?: number; height?: number; seconds?: number }): Promise<Buffer> {
  const { width = 64, height = 48, seconds = 1 } = opts;
  const dir = await mkdtemp(path.join(tmpdir(), 'test-video-'));
  try {
    const { ext, args } = ARGS[recipe];
    const out = path.join(dir, `out.${ext}`);
    const input = recipe === 'aac-only-mp4'
      ? ['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`]
      : ['-f', 'lavfi', '-i', `testsrc=size=${width}x${height}:rate=10:duration=${seconds}`];
    await run('ffmpeg', ['-v', 'error', ...input, ...args, '-y', out], { timeout: 60_000 });
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const boxAt = (b: Buffer, offset: number) => ({ size: b.readUInt32BE(offset), type: b.toString('latin1', offset + 4, offset + 8) });

/**
 * The same MP4 with its movie and media headers claiming `seconds` of video (version-0 `mvhd`/`mdhd` durations
 * rewritten in place): a small file that declares hours, as a crafted or damaged file would.
 */
export function withDeclaredLength(mp4: Buffer, seconds: number): Buffer {
  const b = Buffer.from(mp4);
  const walk = (start: number, end: number) => {
    for (let offset = start; offset + 8 <= end; ) {
      const { size, type } = boxAt(b, offset);
      if (size < 8) return;
      if (type === 'moov' || type === 'trak' || type === 'mdia') walk(offset + 8, offset + size);
      if (type === 'mvhd' || type === 'mdhd') {
        const timescale = b.readUInt32BE(offset + 20);
        b.writeUInt32BE(Math.min(0xffffffff, timescale * seconds), offset + 24);
      }
      offset += size;
    }
  };
  walk(0, b.length);
  return b;
}

/** The first half of a file: a download cut off midway. */
export const firstHalf = (b: Buffer) => b.subarray(0, Math.floor(b.length / 2));
