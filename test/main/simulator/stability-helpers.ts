/** Helpers for the Stability simulator suites: multipart posts with real images, and image facts. */
import sharp from 'sharp';
import { startStabilitySimulator, type StabilitySimulator, type StabilitySimulatorOptions } from '../../../src-main/simulator/stability';

export const SK = 'sk-TEST-fake-stability-key-0123456789';

export type FieldValue = string | number | { image: Buffer; name?: string; type?: string };
export type Fields = Record<string, FieldValue>;

export async function startStability(o: StabilitySimulatorOptions = {}): Promise<StabilitySimulator> {
  return startStabilitySimulator({ pendingPolls: 1, ...o });
}

export function form(fields: Fields): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === 'object') f.append(k, new Blob([new Uint8Array(v.image)], { type: v.type ?? 'image/png' }), v.name ?? `${k}.png`);
    else f.append(k, String(v));
  }
  return f;
}

/** POSTs an operation (path under /v2beta/stable-image/) as multipart with the test key. */
export function op(sim: { url: string }, path: string, fields: Fields, o: { key?: string | null; accept?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  const key = o.key === undefined ? SK : o.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (o.accept) headers.accept = o.accept;
  return fetch(`${sim.url}/v2beta/stable-image/${path}`, { method: 'POST', headers, body: form(fields) });
}

export function getPath(sim: { url: string }, path: string, o: { key?: string | null; accept?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  const key = o.key === undefined ? SK : o.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (o.accept) headers.accept = o.accept;
  return fetch(`${sim.url}${path}`, { headers });
}

/** A solid PNG (optionally with an alpha channel where the right half is transparent). */
export async function png(width: number, height: number, o: { halfTransparent?: boolean; colour?: string } = {}): Promise<Buffer> {
  if (!o.halfTransparent) return sharp({ create: { width, height, channels: 3, background: o.colour ?? '#3366cc' } }).png().toBuffer();
  const alpha = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) alpha[y * width + x] = x < width / 2 ? 255 : 0;
  return sharp({ create: { width, height, channels: 3, background: o.colour ?? '#3366cc' } })
    .joinChannel(alpha, { raw: { width, height, channels: 1 } }).png().toBuffer();
}

/** A mask: white (repaint) on the left half, black elsewhere. */
export async function leftHalfMask(width: number, height: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="black"/><rect width="${width / 2}" height="${height}" fill="white"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function meta(bytes: Uint8Array): Promise<{ width: number; height: number; format: string; hasAlpha: boolean }> {
  const m = await sharp(bytes).metadata();
  return { width: m.width ?? 0, height: m.height ?? 0, format: m.format ?? '', hasAlpha: Boolean(m.hasAlpha) };
}

/** Mean colour of a region, to tell where an edit painted. */
export async function meanOf(bytes: Uint8Array, region: { left: number; top: number; width: number; height: number }): Promise<number[]> {
  // stats() reads the input, not the extracted region: average the region's raw pixels instead.
  const { data, info } = await sharp(await sharp(bytes).extract(region).removeAlpha().png().toBuffer()).raw().toBuffer({ resolveWithObject: true });
  const sums = new Array<number>(info.channels).fill(0);
  for (let i = 0; i < data.length; i++) sums[i % info.channels] = (sums[i % info.channels] ?? 0) + (data[i] ?? 0);
  return sums.map((s) => Math.round(s / (data.length / info.channels)));
}

export const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());
