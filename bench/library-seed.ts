import type { NewItem } from '../src-main/core/library/types';
import { mediaPath, previewPath, thumbPath } from '../src-main/core/library/paths';

const WORDS = (
  'red blue green golden silver dark bright misty neon pastel ancient futuristic tiny giant quiet stormy ' +
  'fox cat dog owl dragon robot castle forest river mountain city street ocean desert garden temple bridge ' +
  'portrait landscape painting photo sketch watercolor render cinematic macro aerial night sunset dawn winter ' +
  'summer rain snow fog light shadow reflection glass metal stone wood paper cloud star moon sun planet ' +
  'astronaut knight wizard child dancer musician chef sailor pilot farmer queen king market harbor train'
).split(' ');
const MODELS = ['grok-imagine-image', 'grok-imagine-image-pro', 'grok-imagine-video', 'grok-2-image'];
const ASPECTS = ['1:1', '16:9', '9:16', '4:3', '3:2'];

/** Mulberry32: a tiny deterministic PRNG, so every bench run seeds the same library. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` synthetic items with prompt-like text, a mix of kinds, models, aspects, favorites, trash and lineage. */
export function seedItems(count: number, seed = 42): NewItem[] {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const hex = () => Math.floor(rand() * 2 ** 32).toString(16).padStart(8, '0');
  const out: NewItem[] = [];
  for (let n = 0; n < count; n += 1) {
    const id = hex() + hex() + hex() + hex();
    const video = rand() < 0.1;
    const words = Array.from({ length: 6 + Math.floor(rand() * 10) }, () => pick(WORDS));
    const edited = n > 10 && rand() < 0.15;
    out.push({
      item: {
        id, kind: video ? 'video' : 'image', createdAt: 1_700_000_000_000 + n * 60_000, prompt: words.join(' '),
        editInstruction: edited ? `make it ${pick(WORDS)} and ${pick(WORDS)}` : null,
        model: video ? 'grok-imagine-video' : pick(MODELS), params: { n: 1, aspect_ratio: pick(ASPECTS) },
        width: 1024, height: 1024, aspectRatio: pick(ASPECTS), durationMs: video ? 6000 : null,
        bytes: 100_000 + Math.floor(rand() * 2_000_000), mime: video ? 'video/mp4' : 'image/jpeg', costTicks: 700,
        requestId: `req-${n}`, moderation: null, sourceJobId: null, origin: edited ? 'edited' : 'generated',
        favorite: rand() < 0.05, trashedAt: rand() < 0.02 ? 1 : null, missing: false,
        file: mediaPath(id, video ? 'mp4' : 'jpg'), thumb: thumbPath(id), preview: previewPath(id),
      },
      parents: edited ? [{ kind: 'edited-from', parentId: out[n - 1 - Math.floor(rand() * 10)]?.item.id ?? id }] : [],
    });
  }
  return out;
}
