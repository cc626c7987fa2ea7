/**
 * Real H.264 MP4s via the system ffmpeg: a prompt-coloured background with the prompt and a frame counter drawn on
 * it (drawtext only when ffmpeg has it and a font exists, so CI without fonts still gets valid clips). Tiny on
 * purpose: few fps, low bitrate, ultrafast preset. Cached by parameters so repeated tests render once.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { colourFor, wrap } from './render-image';

const run = promisify(execFile);
const FONTS = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/TTF/DejaVuSans.ttf', '/System/Library/Fonts/Supplemental/Arial.ttf'];

let drawtext: Promise<boolean> | undefined;
function hasDrawtext(): Promise<boolean> {
  drawtext ??= run('ffmpeg', ['-hide_banner', '-filters'])
    .then(({ stdout }) => /\bdrawtext\b/.test(stdout))
    .catch(() => false);
  return drawtext;
}

export interface RenderVideoArgs {
  width: number;
  height: number;
  durationSeconds: number;
  prompt: string;
  fps: number;
}

const cache = new Map<string, Promise<Buffer>>();

/** Renders (or reuses) a clip; rejects if ffmpeg is missing or fails. */
export function renderVideo(a: RenderVideoArgs): Promise<Buffer> {
  const key = JSON.stringify(a);
  let p = cache.get(key);
  if (!p) {
    p = renderUncached(a);
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

async function renderUncached(a: RenderVideoArgs): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'imagine-sim-'));
  try {
    const out = join(dir, 'out.mp4');
    const font = FONTS.find((f) => existsSync(f));
    const filters: string[] = [];
    if (font && (await hasDrawtext())) {
      const size = Math.max(12, Math.round(a.height / 18));
      const perLine = Math.max(8, Math.floor(a.width / (size * 0.6)) - 2);
      await writeFile(join(dir, 'prompt.txt'), wrap(a.prompt || '(no prompt)', perLine, 4).join('\n'));
      filters.push(`drawtext=fontfile=${font}:textfile=${join(dir, 'prompt.txt')}:fontsize=${size}:fontcolor=white:x=(w-text_w)/2:y=h/5:line_spacing=6`);
      filters.push(`drawtext=fontfile=${font}:text='%{n}':fontsize=${size * 2}:fontcolor=white@0.8:x=(w-text_w)/2:y=h*0.65`);
    }
    const { hex } = colourFor(a.prompt);
    const args = [
      '-v', 'error', '-f', 'lavfi',
      '-i', `color=c=0x${hex}:size=${a.width}x${a.height}:rate=${a.fps}:duration=${a.durationSeconds}`,
      ...(filters.length ? ['-vf', filters.join(',')] : []),
      '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'stillimage', '-pix_fmt', 'yuv420p', '-b:v', '60k',
      '-movflags', '+faststart', '-y', out,
    ];
    await run('ffmpeg', args, { timeout: 60_000 });
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Duration and size of an MP4 given as bytes (for inputs that are not our own results). */
export async function probeVideo(bytes: Uint8Array): Promise<{ durationSeconds: number; width: number; height: number } | null> {
  const dir = await mkdtemp(join(tmpdir(), 'imagine-sim-probe-'));
  try {
    const file = join(dir, 'in.mp4');
    await writeFile(file, bytes);
    const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height:format=duration', '-of', 'json', file]);
    const j = JSON.parse(stdout) as { streams?: { width?: number; height?: number }[]; format?: { duration?: string } };
    const s = j.streams?.[0];
    const d = Number(j.format?.duration);
    if (!s?.width || !s.height || !Number.isFinite(d)) return null;
    return { durationSeconds: d, width: s.width, height: s.height };
  } catch {
    return null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
