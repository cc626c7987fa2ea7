import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryFilter } from '@contract';
import { sidecarPath } from '../../../src-main/core/library/paths';
import { serializeSidecar } from '../../../src-main/core/library/sidecar';
import { entry, tempDir } from './fixtures';
import { openLibrary } from './service-harness';

const ITEMS = 600;
const idFor = (n: number) => (n * 2654435761 >>> 0).toString(16).padStart(8, '0').repeat(4);
const tick = () => new Promise((r) => setImmediate(r));

describe('rebuild while browsing', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => cleanup());

  it('every page read during a rebuild is whole: no item twice, none missing, the same total', async () => {
    const lib = openLibrary(dir);
    const entries = Array.from({ length: ITEMS }, (_, n) => entry(n, { id: idFor(n), file: `media/${idFor(n).slice(0, 2)}/${idFor(n)}.jpg`, thumb: `thumbs/${idFor(n).slice(0, 2)}/${idFor(n)}.webp`, preview: `previews/${idFor(n).slice(0, 2)}/${idFor(n)}.webp` }));
    const { files, store } = lib.adapters;
    for (const [n, e] of entries.entries()) {
      const { item } = e;
      for (const p of [item.file, item.thumb!, item.preview!]) await files.writeAtomic(p, Uint8Array.of(n & 255), 'none');
      // Every 10th sidecar says "favorite" while the index does not: the rebuild must bring that in.
      const onDisk = n % 10 === 0 ? { ...e, item: { ...item, favorite: true } } : e;
      await files.writeAtomic(sidecarPath(item.id), new TextEncoder().encode(serializeSidecar(onDisk)), 'none');
    }
    store.insert(entries);

    let done = false;
    const rebuilt = lib.service.rebuild().finally(() => (done = true));
    const passes: string[][] = [];
    const filter = LibraryFilter.parse({});
    while (!done) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = lib.service.query({ filter, sort: 'newest', limit: 50, cursor });
        expect(page.total).toBe(ITEMS);
        seen.push(...page.ids);
        cursor = page.nextCursor ?? undefined;
        await tick(); // the rebuild moves on between two pages
      } while (cursor);
      passes.push(seen);
    }
    expect(await rebuilt).toEqual({ items: ITEMS, skipped: 0 });
    expect(passes.length).toBeGreaterThan(1);
    for (const seen of passes) {
      expect(seen).toHaveLength(ITEMS);
      expect(new Set(seen).size).toBe(ITEMS);
    }
    expect(lib.service.query({ filter: LibraryFilter.parse({ favorite: true }), sort: 'newest', limit: 1000 }).total).toBe(ITEMS / 10);
    await lib.close();
  });
});
