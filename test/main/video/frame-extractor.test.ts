import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createFfmpegFrameExtractor } from '../../../src-main/adapters/video/ffmpeg-frame-extractor';

const dir = mkdtempSync(path.join(os.tmpdir(), 'frame-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const clip = path.join(dir, 'clip.mp4');
// 3 s at 8 fps: frame n starts at n/8 s.
execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=8', '-t', '3', '-pix_fmt', 'yuv420p', '-y', clip]);

/** Frame number n decoded by ffmpeg itself, as raw pixels. */
async function frameN(n: number): Promise<Buffer> {
  const out = path.join(dir, `n${n}.png`);
  execFileSync('ffmpeg', ['-v', 'error', '-i', clip, '-vf', `select=eq(n\\,${n})`, '-frames:v', '1', '-y', out]);
  return sharp(readFileSync(out)).raw().toBuffer();
}
const raw = async (png: Uint8Array) => sharp(png).raw().toBuffer();

describe('ffmpeg frame extractor', () => {
  const extract = createFfmpegFrameExtractor();
  it.each([
    [0, 0],
    [2.11, 16], // frame 16 starts at 2.0 s and is still on screen; frame 17 starts at 2.125 s
    [2.125, 17],
    [2.99, 23],
  ])('at %s s returns the frame a player shows (frame %i)', async (t, n) => {
    expect((await raw(await extract(clip, t))).equals(await frameN(n))).toBe(true);
  });

  it('past the end gives the last frame', async () => {
    expect((await raw(await extract(clip, 30))).equals(await frameN(23))).toBe(true);
  });
});
