import { THUMB_SHORT_SIDE } from '@contract';
import type { NewItem } from '../src-main/core/library/types';
import { mediaPath, previewPath, thumbPath } from '../src-main/core/library/paths';

/** Function words real prompts are full of; they take the top Zipf ranks (what a search for "the" hits). */
const FUNCTION_WORDS = 'a the of with in and on at by an from into under over its their very highly detailed style'.split(' ');
/** Descriptive words the bench searches for; interleaved with filler words from rank 30 on, one every 4 ranks. */
const CONTENT_WORDS = (
  'red blue green golden silver dark bright misty neon pastel ancient futuristic tiny giant quiet stormy ' +
  'fox cat dog owl dragon robot castle forest river mountain city street ocean desert garden temple bridge ' +
  'portrait landscape painting photo sketch watercolor render cinematic macro aerial night sunset dawn winter ' +
  'summer rain snow fog light shadow reflection glass metal stone wood paper cloud star moon sun planet ' +
  'astronaut knight wizard child dancer musician chef sailor pilot farmer queen king market harbor train'
).split(' ');
const SYLLABLES = 'ka lo mi ne ru sa te vo zu pe li da go ra mo ni st ba tri ven lor qui el an ox'.split(' ');

/**
 * A prompt vocabulary of 4,000 words drawn with a Zipf distribution (s = 1), the shape of word frequencies in
 * real prompt text: a handful of function words are in most prompts, a content word like "fox" in about 1 %.
 * (The earlier 100-word uniform vocabulary put "fox" in 12 % of prompts, which no real library looks like.)
 */
export const VOCABULARY = (() => {
  const rand = prng(7);
  const filler = new Set<string>();
  while (filler.size < 4000) {
    const n = 2 + Math.floor(rand() * 2);
    filler.add(Array.from({ length: n }, () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)]).join(''));
  }
  for (const w of [...FUNCTION_WORDS, ...CONTENT_WORDS]) filler.delete(w);
  const rest = [...filler];
  const words = [...FUNCTION_WORDS];
  for (const w of CONTENT_WORDS) words.push(w, ...rest.splice(0, 3));
  return [...words, ...rest].slice(0, 4000);
})();

/** `LIBRARY_BENCH_VOCAB=uniform` seeds the earlier 100-word uniform vocabulary, to compare with old figures. */
export const UNIFORM = process.env.LIBRARY_BENCH_VOCAB === 'uniform';

/** Cumulative Zipf weights over VOCABULARY, for inverse-CDF sampling. */
const CDF = (() => {
  let sum = 0;
  const out = VOCABULARY.map((_w, r) => (sum += 1 / (r + 1)));
  return out.map((v) => v / sum);
})();

function zipfWord(rand: () => number): string {
  const u = rand();
  if (UNIFORM) return CONTENT_WORDS[Math.floor(u * CONTENT_WORDS.length)] ?? 'a';
  let lo = 0;
  let hi = CDF.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((CDF[mid] ?? 1) < u) lo = mid + 1;
    else hi = mid;
  }
  return VOCABULARY[lo] ?? 'a';
}
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

/** Tags the seed hands out (Zipf over this list, ~40 % of items tagged), so tag filters and smart collections have realistic spread. */
export const SEED_TAGS = (
  'portrait landscape draft keeper client-a client-b wip print social moodboard character concept background ' +
  'texture logo poster cover favorite-set rejected reference night day color bw experiment series-1 series-2'
).split(' ');

/** `count` synthetic items with prompt-like text (Zipf over VOCABULARY), a mix of kinds, models, aspects, favorites, trash and lineage. */
export function seedItems(count: number, seed = 42): NewItem[] {
  const rand = prng(seed);
  // Ratings and tags draw from their own stream, so the prompts (and the older search figures) stay as they were.
  const rate = prng(seed + 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const hex = () => Math.floor(rand() * 2 ** 32).toString(16).padStart(8, '0');
  const out: NewItem[] = [];
  for (let n = 0; n < count; n += 1) {
    const id = hex() + hex() + hex() + hex();
    const video = rand() < 0.1;
    const words = Array.from({ length: 6 + Math.floor(rand() * 10) }, () => zipfWord(rand));
    const edited = n > 10 && rand() < 0.15;
    out.push({
      item: {
        id, kind: video ? 'video' : 'image', createdAt: 1_700_000_000_000 + n * 60_000, prompt: words.join(' '),
        editInstruction: edited ? `make it ${zipfWord(rand)} and ${zipfWord(rand)}` : null,
        model: video ? 'grok-imagine-video' : pick(MODELS), params: { n: 1, aspect_ratio: pick(ASPECTS) },
        width: 1024, height: 1024, aspectRatio: pick(ASPECTS), durationMs: video ? 6000 : null,
        bytes: 100_000 + Math.floor(rand() * 2_000_000), mime: video ? 'video/mp4' : 'image/jpeg', costTicks: 700,
        requestId: `req-${n}`, moderation: null, sourceJobId: null, origin: edited ? 'edited' : 'generated',
        favorite: rand() < 0.05, rating: seedRating(rate), tags: seedTags(rate), trashedAt: rand() < 0.02 ? 1 : null, missing: false,
        file: mediaPath(id, video ? 'mp4' : 'jpg'), thumb: thumbPath(id), thumbPx: THUMB_SHORT_SIDE, preview: previewPath(id),
      },
      parents: edited ? [{ kind: 'edited-from', parentId: out[n - 1 - Math.floor(rand() * 10)]?.item.id ?? id }] : [],
    });
    // Sizes follow the aspect ratio (1024 px long side), so the grid's justified rows have real shapes to lay out.
    const last = out[out.length - 1];
    if (last) Object.assign(last.item, sizeOf(last.item.aspectRatio ?? '1:1'));
  }
  return out;
}

function sizeOf(aspect: string): { width: number; height: number } {
  const [a = 1, b = 1] = aspect.split(':').map(Number);
  return a >= b ? { width: 1024, height: Math.round((1024 * b) / a) } : { width: Math.round((1024 * a) / b), height: 1024 };
}

/** ~60 % unrated, then fewer items per star up to 5. */
function seedRating(rand: () => number): number {
  const u = rand();
  return u < 0.6 ? 0 : u < 0.72 ? 1 : u < 0.82 ? 2 : u < 0.9 ? 3 : u < 0.96 ? 4 : 5;
}

function seedTags(rand: () => number): string[] {
  if (rand() >= 0.4) return [];
  const n = 1 + Math.floor(rand() * 3);
  const out = new Set<string>();
  for (let i = 0; i < n; i += 1) out.add(SEED_TAGS[Math.min(SEED_TAGS.length - 1, Math.floor(SEED_TAGS.length * rand() * rand()))] ?? 'draft');
  return [...out].sort();
}

/** A perceptual signature (22 hex digits, like near-duplicates makes) for every seeded image, derived from its id. */
export function seedSignatures(rows: readonly NewItem[]): { id: string; phash: string }[] {
  return rows.filter(({ item }) => item.kind === 'image').map(({ item }) => ({ id: item.id, phash: item.id.slice(0, 22) }));
}
