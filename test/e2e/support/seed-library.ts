/**
 * Fills a data folder's library with real items before the host starts: JPEGs drawn by sharp with visible text,
 * a short MP4 from ffmpeg, lineage edges, favorites and one item whose file is then deleted (shown as missing).
 * It runs the library's own ingest (the same code path generation uses), so files, renditions and rows are real.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createLibraryAdapters } from '../../../src-main/adapters/library';
import { createLibraryService } from '../../../src-main/services/library/library-service';

const ADJ = ['misty', 'neon', 'golden', 'quiet', 'stormy', 'pastel', 'ancient', 'tiny'];
const SUBJ = ['fox', 'castle', 'harbor', 'robot', 'forest', 'owl', 'desert', 'train', 'garden', 'astronaut'];
const STYLE = ['watercolor', 'photo', 'sketch', 'cinematic render', 'oil painting'];
const SIZES = [
  [640, 640, '1:1'],
  [768, 432, '16:9'],
  [432, 768, '9:16'],
  [640, 480, '4:3'],
] as const;

export interface SeededItem {
  id: string;
  prompt: string;
  kind: 'image' | 'video';
}

export interface SeedResult {
  items: SeededItem[];
  /** Prompts that contain "lighthouse": a search with a known, small number of hits. */
  lighthouse: SeededItem[];
  parent: SeededItem;
  child: SeededItem;
}

const escapeXml = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A JPEG with the item number and prompt drawn on it, so screenshots show which item is which. */
export async function labelledJpeg(n: number, text: string, width = 640, height = 640): Promise<Buffer> {
  const hue = (n * 47) % 360;
  const words = text.split(' ');
  const lines = [words.slice(0, 3).join(' '), words.slice(3, 6).join(' ')].filter(Boolean);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="hsl(${hue},55%,42%)"/>
    <circle cx="${width * 0.75}" cy="${height * 0.3}" r="${Math.min(width, height) * 0.18}" fill="hsl(${(hue + 180) % 360},70%,70%)"/>
    <text x="50%" y="42%" font-family="DejaVu Sans" font-weight="bold" font-size="${Math.round(Math.min(width, height) / 5)}" fill="#fff" text-anchor="middle">#${n}</text>
    ${lines.map((l, i) => `<text x="50%" y="${62 + i * 10}%" font-family="DejaVu Sans" font-size="${Math.round(Math.min(width, height) / 16)}" fill="#fff" text-anchor="middle">${escapeXml(l)}</text>`).join('')}
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

function tinyMp4(): Buffer | null {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seed-mp4-'));
  const out = path.join(dir, 'clip.mp4');
  try {
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=10', '-t', '3', '-pix_fmt', 'yuv420p', '-y', out]);
    return readFileSync(out);
  } catch {
    return null; // No ffmpeg: the library simply has no video.
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const silent = { info() {}, warn() {}, error() {} };

/** Seeds `<dataDir>/library` with `count` items (newest last), and returns what a test needs to find them. */
export async function seedLibrary(dataDir: string, count = 60): Promise<SeedResult> {
  const libraryDir = path.join(dataDir, 'library');
  const adapters = createLibraryAdapters(libraryDir);
  let now = Date.UTC(2026, 0, 1, 12);
  const service = createLibraryService({
    ...adapters,
    clock: { now: () => now } as never,
    events: { emit() {} },
    logger: silent,
  });
  const items: SeededItem[] = [];
  let edge: { parent: SeededItem; child: SeededItem } | undefined;
  try {
    for (let n = 1; n <= count; n += 1) {
      const size = SIZES[n % SIZES.length] ?? SIZES[0];
      const lighthouse = n % 20 === 7; // items 7, 27, 47
      const prompt = `${ADJ[n % ADJ.length]} ${lighthouse ? 'lighthouse' : SUBJ[n % SUBJ.length]} at dusk, ${STYLE[n % STYLE.length]} number ${n}`;
      const parent = n === count - 1 ? items[items.length - 1] : undefined;
      now += 3_600_000;
      const record = await service.ingest({
        bytes: await labelledJpeg(n, prompt, size[0], size[1]),
        kind: 'image',
        origin: parent ? 'edited' : 'generated',
        prompt,
        editInstruction: parent ? 'make the sky stormy' : null,
        model: n % 3 === 0 ? 'grok-imagine-image-pro' : 'grok-imagine-image',
        params: { model: 'grok-imagine-image', n: 1, aspect_ratio: size[2], resolution: '1k' },
        aspectRatio: size[2],
        costTicks: n % 3 === 0 ? 700_000_000 : 200_000_000,
        requestId: `req-seed-${n}`,
        moderation: null,
        createdAt: now,
        parents: parent ? [{ kind: 'edited-from', parentId: parent.id }] : [],
      });
      items.push({ id: record.id, prompt, kind: 'image' });
      if (parent) edge = { parent, child: items[items.length - 1] as SeededItem };
    }
    const mp4 = tinyMp4();
    if (mp4) {
      now += 3_600_000;
      const source = items[items.length - 1];
      const prompt = 'slow pan over the stormy harbor, video clip';
      const record = await service.ingest({
        bytes: mp4, kind: 'video', origin: 'generated', prompt, model: 'grok-imagine-video',
        params: { duration: 3 }, costTicks: 5_000_000_000, requestId: 'req-seed-video', createdAt: now,
        parents: source ? [{ kind: 'animated-from', parentId: source.id }] : [],
      });
      items.push({ id: record.id, prompt, kind: 'video' });
    }
    const favorites = items.filter((_, i) => i % 9 === 0).map((i) => i.id);
    service.setFavorite(favorites, true);
    // Lightbox previews are made in the background after ingest: let them finish before closing the index.
    await service.idle();
  } finally {
    adapters.store.close();
  }
  if (!edge) throw new Error('seedLibrary needs at least two items');
  return { items, lighthouse: items.filter((i) => i.prompt.includes('lighthouse')), ...edge };
}

/** Deletes one item's original file behind the app's back; the host's start-up reconcile marks it missing. */
export function removeMediaFile(dataDir: string, id: string): void {
  const dir = path.join(dataDir, 'library', 'media', id.slice(0, 2));
  for (const ext of ['jpg', 'png', 'webp', 'mp4']) {
    try {
      unlinkSync(path.join(dir, `${id}.${ext}`));
    } catch {
      // not this extension
    }
  }
}

/** Deletes one item's lightbox preview, as if its background rendering had not happened yet (the viewer falls back to the original). */
export function removePreviewFile(dataDir: string, id: string): void {
  rmSync(path.join(dataDir, 'library', 'previews', id.slice(0, 2), `${id}.webp`), { force: true });
}
