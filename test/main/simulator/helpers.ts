/** Shared test helpers: a fake clock, a started simulator per file, and raw-fetch shortcuts. */
import sharp from 'sharp';
import type { Clock } from '../../../src-main/core/ports';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../src-main/simulator';

/** A recognisable fake key; tests assert it never shows up in errors. */
export const TEST_KEY = 'xai-TEST-fake-key-0123456789abcdef';

/** A clock whose sleeps return at once and advance time, recording every requested delay. */
export function fakeClock(start = 1_800_000_000_000): Clock & { sleeps: number[]; advance(ms: number): void } {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleeps,
    advance: (ms) => {
      t += ms;
    },
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw new Error('aborted');
      sleeps.push(ms);
      t += ms;
    },
  };
}

/** Fast defaults: one empty poll, one pending poll, then done. */
export function simOptions(extra: SimulatorOptions = {}): SimulatorOptions {
  return { video: { emptyPolls: 1, pendingPolls: 1, fps: 2, ...extra.video }, slowMs: 50, ...extra };
}

export async function startTestSimulator(extra: SimulatorOptions = {}): Promise<Simulator & { api: string }> {
  const sim = await startSimulator(simOptions(extra));
  return Object.assign(sim, { api: `${sim.url}/v1` });
}

/** POSTs JSON with the test key (or `key: null` for no header). */
export async function post(sim: { api: string }, path: string, body: unknown, opts: { key?: string | null; contentType?: string | null; raw?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  const key = opts.key === undefined ? TEST_KEY : opts.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (opts.contentType !== null) headers['content-type'] = opts.contentType ?? 'application/json';
  return fetch(`${sim.api}${path}`, { method: 'POST', headers, body: opts.raw ?? JSON.stringify(body) });
}

export async function get(sim: { api: string }, path: string, key: string | null = TEST_KEY): Promise<Response> {
  return fetch(`${sim.api}${path}`, key === null ? {} : { headers: { authorization: `Bearer ${key}` } });
}

/** The poll body fields tests look at. */
export interface VideoPollJson {
  status: string;
  model?: string;
  video: { url: string; duration: number; respect_moderation: boolean };
  error?: { code: string; message: string };
  [key: string]: unknown;
}

/** Polls a video job until a non-202 answer, returning every status seen and the final body. */
export async function pollVideo(sim: { api: string }, id: string, max = 200): Promise<{ statuses: number[]; bodies: string[]; final: Response; json: VideoPollJson }> {
  const statuses: number[] = [];
  const bodies: string[] = [];
  for (let i = 0; i < max; i++) {
    const res = await get(sim, `/videos/${id}`);
    statuses.push(res.status);
    const text = await res.text();
    bodies.push(text);
    if (res.status !== 202) return { statuses, bodies, final: res, json: (text ? JSON.parse(text) : {}) as VideoPollJson };
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('video never settled');
}

/** A small real image as a data URI. */
export async function imageDataUri(width: number, height: number, format: 'png' | 'jpeg' | 'webp' | 'gif' = 'png', colour = '#3366cc'): Promise<string> {
  const img = sharp({ create: { width, height, channels: 3, background: colour } });
  const buf = await (format === 'png' ? img.png() : format === 'jpeg' ? img.jpeg() : format === 'webp' ? img.webp() : img.gif()).toBuffer();
  return `data:image/${format};base64,${buf.toString('base64')}`;
}

export async function sizeOf(bytes: Uint8Array): Promise<{ width: number; height: number }> {
  const m = await sharp(bytes).metadata();
  return { width: m.width ?? 0, height: m.height ?? 0 };
}
