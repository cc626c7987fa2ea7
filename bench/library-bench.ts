import { renditionSize } from '@contract';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { LibraryFilter } from '../src-preload/contract/library';
import { createLibraryAdapters } from '../src-main/adapters/library';
import { SqliteLibraryStore } from '../src-main/adapters/library/sqlite-library-store';
import { createLibraryService } from '../src-main/services/library/library-service';
import type { BenchModule } from './run';
import { seedItems, UNIFORM, VOCABULARY } from './library-seed';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const round = (n: number) => Math.round(n * 100) / 100;

function percentiles(samples: number[]): { p50: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { p50: round(at(0.5)), p95: round(at(0.95)) };
}

function timeRuns(runs: number, work: () => unknown): { p50: number; p95: number } {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t = process.hrtime.bigint();
    work();
    samples.push(ms(t));
  }
  return percentiles(samples);
}

const f = (over: Partial<LibraryFilter> = {}) => LibraryFilter.parse(over);

/** Six smart collections of the shapes people save: tag + rating, rating alone, tags with exclusions, text + tag, filters. */
const SMART_BENCH: Record<string, Partial<LibraryFilter>> = {
  bestPortraits: { text: 'tag:portrait -tag:draft rating:>=4' },
  fiveStars: { ratings: [5] },
  clientWork: { text: 'tag:client-a -tag:rejected' },
  foxLandscapes: { text: 'fox tag:landscape' },
  favoriteVideos: { kind: 'video', favorite: true, ratings: [3, 4, 5] },
  unratedDrafts: { text: 'tag:draft rating:0' },
};

function queryBench(file: string) {
  const t0 = process.hrtime.bigint();
  const store = new SqliteLibraryStore(file);
  const first = store.query({ filter: f(), sort: 'newest', limit: 5000 });
  store.records(first.ids.slice(0, 120));
  const firstGridMs = round(ms(t0));
  const search: Record<string, { p50: number; p95: number; hits: string }> = {};
  // `commonWord` is in most prompts (a function word at Zipf rank 2): the broadest search there is.
  const shapes = {
    singleWord: 'fox', twoWordsAnd: 'red castle', prefix: 'drag', shortPrefix: 'st', phrase: '"in the"',
    commonWord: 'the', noHit: 'zzzyqx',
  };
  for (const [name, text] of Object.entries(shapes)) {
    const first = store.query({ filter: f({ text }), sort: 'newest', limit: 5000 });
    const hits = `${first.total}${first.totalCapped ? '+' : ''}`;
    search[name] = { ...timeRuns(30, () => store.query({ filter: f({ text }), sort: 'newest', limit: 5000 })), hits };
  }
  const filters: Record<string, { p50: number; p95: number }> = {
    videosOnly: timeRuns(20, () => store.query({ filter: f({ kind: 'video' }), sort: 'newest', limit: 5000 })),
    favorites: timeRuns(20, () => store.query({ filter: f({ favorite: true }), sort: 'newest', limit: 5000 })),
    modelAndAspect: timeRuns(20, () =>
      store.query({ filter: f({ model: 'grok-imagine-image', aspectRatio: '16:9' }), sort: 'oldest', limit: 5000 }),
    ),
    largest: timeRuns(20, () => store.query({ filter: f(), sort: 'largest', limit: 5000 })),
  };
  // Tags and ratings (issue 20): the grid's first page for the new filters and sort.
  const organize = {
    tagFilter: timeRuns(20, () => store.query({ filter: f({ text: 'tag:portrait' }), sort: 'newest', limit: 5000 })),
    tagAndRating: timeRuns(20, () => store.query({ filter: f({ text: 'tag:portrait -tag:draft rating:>=4' }), sort: 'newest', limit: 5000 })),
    ratingSort: timeRuns(20, () => store.query({ filter: f(), sort: 'rating', limit: 5000 })),
    ratingSortWithText: timeRuns(20, () => store.query({ filter: f({ text: 'fox' }), sort: 'rating', limit: 5000 })),
    negativeWordsOnly: timeRuns(20, () => store.query({ filter: f({ text: '-fox -cat' }), sort: 'newest', limit: 5000 })),
    tagAutocomplete: timeRuns(30, () => store.tags({ prefix: 'p', limit: 12 })),
  };
  // Smart collection counts: what the sidebar recounts once after each library change (one bounded count each).
  const smartCounts: Record<string, { p50: number; p95: number; count: string }> = {};
  for (const [name, filter] of Object.entries(SMART_BENCH)) {
    const once = store.count(f(filter));
    smartCounts[name] = { ...timeRuns(20, () => store.count(f(filter))), count: `${once.count}${once.capped ? '+' : ''}` };
  }
  const smartAll = timeRuns(10, () => {
    for (const filter of Object.values(SMART_BENCH)) store.count(f(filter));
  });
  let cursor: string | undefined;
  const deep = timeRuns(20, () => {
    const page = store.query({ filter: f(), sort: 'newest', limit: 5000, cursor });
    cursor = page.nextCursor ?? undefined;
  });
  const recordsWindow = timeRuns(30, () => store.records(first.ids.slice(2000, 2120)));
  // Facets run beside the first grid page (they compete with thumbnail serving); relevance scores hits with bm25.
  const facets = timeRuns(20, () => store.facets(false));
  const relevance = {
    narrow: timeRuns(20, () => store.query({ filter: f({ text: 'fox' }), sort: 'relevance', limit: 200 })),
    broad: timeRuns(10, () => store.query({ filter: f({ text: 'the' }), sort: 'relevance', limit: 200 })),
  };
  store.close();
  return {
    firstGridMs, search, filters, keysetNextPage: deep, recordsWindow120: recordsWindow, facets, relevance, organize,
    smartCounts: { ...smartCounts, allSix: smartAll },
  };
}

async function ingestBench(dir: string) {
  // A smooth synthetic scene (gradients and shapes) sized like a real 2048² generation (~0.3–0.6 MB), not noise.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2048" height="2048">
    <defs><radialGradient id="g"><stop offset="0" stop-color="#fc6"/><stop offset="1" stop-color="#236"/></radialGradient></defs>
    <rect width="2048" height="2048" fill="url(#g)"/>${Array.from({ length: 60 }, (_, i) =>
      `<circle cx="${(i * 331) % 2048}" cy="${(i * 577) % 2048}" r="${40 + ((i * 37) % 200)}" fill="hsl(${i * 23},60%,50%)" opacity="0.6"/>`,
    ).join('')}</svg>`;
  const src = await sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
  const lib = path.join(dir, 'ingest');
  const adapters = createLibraryAdapters(lib);
  const service = createLibraryService({
    ...adapters,
    clock: { now: () => Date.now(), sleep: async () => {} },
    events: { emit() {} },
    logger: { info() {}, warn() {}, error() {} },
  });
  const floor: number[] = [];
  const ingest: number[] = [];
  const preview: number[] = [];
  // Issue 13: thumbnails follow renditionSize (512 px short side) since v13; this floor is sharp making that one.
  const floorCurrentRule: number[] = [];
  for (let i = 0; i < 12; i += 1) {
    let t = process.hrtime.bigint();
    const thumb = await sharp(src).resize(256, 256, { fit: 'inside' }).webp().toBuffer();
    await writeFile(path.join(dir, `floor-${i}.webp`), thumb);
    floor.push(ms(t));
    t = process.hrtime.bigint();
    const size = renditionSize(2048, 2048, 'thumb');
    const large = await sharp(src).resize(size.width, size.height, { fit: 'fill' }).webp({ quality: 75, effort: 2 }).toBuffer();
    await writeFile(path.join(dir, `floor512-${i}.webp`), large);
    floorCurrentRule.push(ms(t));
    // Ingest is timed until the item is saved and in the grid (row committed, thumbnail on disk). The 1024 px
    // preview follows in the background; it is awaited outside the timed span so it cannot overlap the next
    // measurement, and reported on its own.
    t = process.hrtime.bigint();
    await service.ingest({ bytes: src, kind: 'image', origin: 'generated', prompt: 'bench image', model: 'grok-imagine-image' });
    ingest.push(ms(t));
    t = process.hrtime.bigint();
    await service.idle();
    preview.push(ms(t));
  }
  adapters.store.close();
  const [fl, ing] = [percentiles(floor.slice(2)).p50, percentiles(ingest.slice(2)).p50];
  return {
    floorMs: fl,
    ingestMs: ing,
    ratio: round(ing / fl),
    backgroundPreviewMs: percentiles(preview.slice(2)).p50,
    sourceBytes: src.length,
    // The same ingest against the floor of the thumbnail it now makes (issue 13's 512 px rule).
    thumbnailRule: {
      floorMs: percentiles(floorCurrentRule.slice(2)).p50,
      ratio: round(ing / percentiles(floorCurrentRule.slice(2)).p50),
    },
  };
}

/** The offline library at scale: grid, search, filters, keyset paging and ingest cost. */
export const libraryBench: BenchModule = {
  name: 'library',
  async run({ items }) {
    const dir = await mkdtemp(path.join(tmpdir(), 'imagine-bench-'));
    try {
      const file = path.join(dir, 'library.db');
      let t = process.hrtime.bigint();
      const seeder = new SqliteLibraryStore(file);
      seeder.insert(seedItems(items));
      seeder.close();
      const seedMs = round(ms(t));
      const query = queryBench(file);
      t = process.hrtime.bigint();
      const ingest = await ingestBench(dir);
      const targets = {
        firstGridLe300ms: query.firstGridMs <= 300,
        searchP95Le50ms: Object.values(query.search).every((s) => s.p95 <= 50),
        organizeP95Le50ms: Object.values(query.organize).every((s) => s.p95 <= 50),
        smartCountP95Le50ms: Object.entries(query.smartCounts).every(([name, s]) => name === 'allSix' || s.p95 <= 50),
        ingestLe1_5xFloor: ingest.ratio <= 1.5,
      };
      const vocabulary = UNIFORM
        ? `${100} words, uniform (the earlier seed: "fox" in ~12 % of prompts); search timings are first pages (count included)`
        : `${VOCABULARY.length} words, Zipf s=1 (see bench/library-seed.ts); search timings are first pages (count included)`;
      return { items, vocabulary, seedMs, ...query, ingest, targets };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
