import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { createLibraryAdapters } from '../../../src-main/adapters/library';
import type { IngestStep } from '../../../src-main/core/library/ports';
import type { Clock, EventSink, Logger } from '../../../src-main/core/ports';
import { createLibraryService } from '../../../src-main/services/library/library-service';

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export function fakeClock(start = 1_700_000_000_000): Clock & { tick(ms: number): void } {
  let t = start;
  return { now: () => t, sleep: async () => {}, tick: (ms) => (t += ms) };
}

/** Records emitted events for assertions. */
export function eventLog(): EventSink & { log: { event: string; payload: unknown }[] } {
  const log: { event: string; payload: unknown }[] = [];
  return { log, emit: (event, payload) => void log.push({ event, payload }) };
}

/** Sequential ids, so tests are deterministic. */
export function idSequence(seed = 0) {
  let n = seed;
  return () => (n += 1).toString(16).padStart(32, 'a');
}

/** A library service over a real folder, real SQLite, real sharp and ffmpeg. Call `restart()` to simulate a relaunch. */
export function openLibrary(dir: string, faultHook?: (step: IngestStep) => void, seed = 0) {
  const adapters = createLibraryAdapters(dir);
  const events = eventLog();
  const clock = fakeClock();
  const service = createLibraryService({
    ...adapters,
    clock,
    events,
    logger: silentLogger,
    newId: idSequence(seed),
    ...(faultHook ? { faultHook } : {}),
  });
  // Closing waits for background previews first, as a quitting app would; otherwise they race the temp-dir cleanup.
  const close = async () => {
    await service.idle();
    adapters.store.close();
  };
  return { service, events, clock, adapters, close };
}

export async function jpeg(width = 640, height = 480, color = '#c33'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } }).jpeg().toBuffer();
}
export async function png(width = 320, height = 320): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: '#3c3' } }).png().toBuffer();
}

/** A 1 s 320×240 H.264 MP4 made by ffmpeg's test source. */
export function mp4(dir: string): Buffer {
  const out = path.join(dir, 'clip.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=10', '-t', '1', '-pix_fmt', 'yuv420p', '-y', out]);
  return readFileSync(out);
}

/** Decodes the XML entities exifr leaves in XMP text values. */
export function unxml(text: unknown): string {
  return String(text).replace(/&(lt|gt|amp|quot|apos);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] ?? '');
}
