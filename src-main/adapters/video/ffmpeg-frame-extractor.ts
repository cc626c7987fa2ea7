import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FrameExtractor } from '../../core/video/frame';

const run = promisify(execFile);

/**
 * The frame a player shows at `seconds` (the last one starting at or before it), as PNG, with Debian's ffmpeg. An
 * `-ss` seek would return the first frame at or after the time, one frame late; instead decode up to the time and
 * keep overwriting one image (`-update 1`), so the last frame written is the one on screen. Clips are ≤ 25 s.
 */
export function createFfmpegFrameExtractor(ffmpeg = 'ffmpeg'): FrameExtractor {
  return async (absPath, seconds) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'frame-'));
    try {
      const out = path.join(dir, 'frame.png');
      const until = (seconds + 0.0005).toFixed(4);
      await run(ffmpeg, ['-v', 'error', '-i', absPath, '-t', until, '-an', '-update', '1', '-y', out]).catch(() => null);
      let png = await readFile(out).catch(() => null);
      if (!png || png.length === 0) {
        // Should the time window hold no frame at all, take the last frame rather than fail.
        await run(ffmpeg, ['-v', 'error', '-sseof', '-1', '-i', absPath, '-update', '1', '-y', out]);
        png = await readFile(out).catch(() => null);
      }
      if (!png || png.length === 0) throw new Error('No frame at that time.');
      return png;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}
