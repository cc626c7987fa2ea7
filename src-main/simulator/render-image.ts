/**
 * Real JPEGs for simulated results: the prompt, wrapped, over a colour derived from a hash of the prompt, so every
 * result is visibly distinct and a screenshot shows which request made it. Edits show their sources as thumbnails.
 */
import { createHash } from 'node:crypto';
import sharp, { type OverlayOptions } from 'sharp';

/** Stable hue/lightness from text, so the same prompt always gives the same colour. */
export function colourFor(text: string): { hue: number; hex: string } {
  const h = createHash('sha256').update(text).digest();
  const hue = ((h[0] ?? 0) * 256 + (h[1] ?? 0)) % 360;
  const [r, g, b] = hslToRgb(hue / 360, 0.55, 0.38);
  const hex = [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
  return { hue, hex };
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const f = (n: number) => {
    const k = (n + h * 12) % 12;
    const a = s * Math.min(l, 1 - l);
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

/** Greedy word wrap to `perLine` characters, at most `maxLines` lines (the last one ellipsised). */
export function wrap(text: string, perLine: number, maxLines: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = word.length > perLine ? `${word.slice(0, perLine - 1)}…` : word;
    if ((cur + ' ' + w).trim().length > perLine) {
      lines.push(cur);
      cur = w;
    } else cur = (cur + ' ' + w).trim();
  }
  if (cur) lines.push(cur);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = `${lines[maxLines - 1]}…`;
  }
  return lines;
}

export interface RenderImageArgs {
  width: number;
  height: number;
  prompt: string;
  /** Small caption, e.g. "image 2 of 4 · grok-imagine-image". */
  caption: string;
  /** Source images of an edit, drawn as thumbnails along the bottom. */
  sources?: Uint8Array[];
}

export async function renderImage(a: RenderImageArgs): Promise<Buffer> {
  const { hex } = colourFor(`${a.prompt}|${a.caption}`);
  const fontSize = Math.max(14, Math.round(Math.min(a.width, a.height) / 16));
  const perLine = Math.max(8, Math.floor(a.width / (fontSize * 0.6)) - 2);
  const lines = wrap(a.prompt || '(no prompt)', perLine, Math.max(1, Math.floor((a.height * 0.55) / (fontSize * 1.25))));
  const text = lines
    .map((l, i) => `<text x="50%" y="${fontSize * 2 + i * fontSize * 1.25}" font-size="${fontSize}" text-anchor="middle">${escapeXml(l)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${a.width}" height="${a.height}">
    <rect width="100%" height="100%" fill="#${hex}"/>
    <g fill="white" font-family="DejaVu Sans, sans-serif">${text}</g>
    <text x="12" y="${a.height - 12}" fill="white" opacity="0.8" font-size="${Math.round(fontSize * 0.55)}" font-family="DejaVu Sans, sans-serif">${escapeXml(a.caption)} · simulator</text>
  </svg>`;
  const composites: OverlayOptions[] = [];
  const sources = a.sources ?? [];
  if (sources.length > 0) {
    const slot = Math.floor((a.width - 24) / sources.length);
    const thumbH = Math.floor(a.height * 0.3);
    for (const [i, src] of sources.entries()) {
      const thumb = await sharp(src).resize({ width: slot - 12, height: thumbH, fit: 'inside' }).png().toBuffer();
      composites.push({ input: thumb, left: 12 + i * slot, top: a.height - thumbH - Math.round(fontSize * 1.2) });
    }
  }
  return sharp(Buffer.from(svg)).composite(composites).jpeg({ quality: 70 }).toBuffer();
}

/**
 * Rendered results by what decides their pixels (prompt, caption — which names the size, the model and the index —
 * width, height, mime). Rendering a 1024×1024 JPEG costs ~25 ms of CPU, which on a small machine is more than the
 * client's whole share of a throughput bench; the pixels of the same inputs never change, so a repeat is served from
 * here. Shared by every simulator in the process (a bench warms it with one instance and measures with another),
 * bounded by bytes, least recently used out first. Edits (sources) are not cached.
 */
const RENDER_CACHE_MAX_BYTES = 64 * 1024 * 1024;
const renderCache = new Map<string, { render: Promise<Buffer>; bytes: number }>();
let renderCacheBytes = 0;
const renderStats = { hits: 0, misses: 0 };

export function renderCacheKey(a: RenderImageArgs, mime = 'image/jpeg'): string {
  return JSON.stringify([a.prompt, a.caption, a.width, a.height, mime]);
}

/** `renderImage` through the cache; concurrent asks for the same image share one render. */
export function renderImageCached(a: RenderImageArgs): Promise<Buffer> {
  if ((a.sources?.length ?? 0) > 0) return renderImage(a);
  const key = renderCacheKey(a);
  const hit = renderCache.get(key);
  if (hit) {
    renderStats.hits++;
    renderCache.delete(key);
    renderCache.set(key, hit);
    return hit.render;
  }
  renderStats.misses++;
  const entry = { render: renderImage(a), bytes: 0 };
  renderCache.set(key, entry);
  entry.render.then(
    (buf) => {
      if (renderCache.get(key) !== entry) return;
      entry.bytes = buf.length;
      renderCacheBytes += buf.length;
      for (const [k, e] of renderCache) {
        if (renderCacheBytes <= RENDER_CACHE_MAX_BYTES) break;
        renderCache.delete(k);
        renderCacheBytes -= e.bytes;
      }
    },
    () => {
      if (renderCache.get(key) === entry) renderCache.delete(key);
    },
  );
  return entry.render;
}

/** Hits and misses since start (or the last clear), and what the cache holds. */
export function renderCacheStats(): { hits: number; misses: number; entries: number; bytes: number } {
  return { ...renderStats, entries: renderCache.size, bytes: renderCacheBytes };
}

export function clearRenderCache(): void {
  renderCache.clear();
  renderCacheBytes = 0;
  renderStats.hits = 0;
  renderStats.misses = 0;
}

/** The allowed aspect ratio closest to a source image's shape (single-image edits follow their input, doc §13.36). */
export function nearestAspect<T extends string>(width: number, height: number, options: readonly T[]): T {
  const target = Math.log(width / height);
  let best = options[0] as T;
  let bestDist = Infinity;
  for (const o of options) {
    const [x, y] = o.split(':').map(Number) as [number, number];
    if (!x || !y) continue;
    const d = Math.abs(Math.log(x / y) - target);
    if (d < bestDist) {
      best = o;
      bestDist = d;
    }
  }
  return best;
}
