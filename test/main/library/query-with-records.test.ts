import { LibraryQueryInput, LibraryQueryOutput } from '@contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLibraryHandlers } from '../../../src-main/services/library/library-handlers';
import { tempDir } from './fixtures';
import { jpeg, openLibrary } from './service-harness';

/** `library:query` with `withRecords`: the grid's first window arrives with the ids, in one round trip. */
describe('library:query withRecords', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => cleanup());

  it('returns the first N records in grid order, with highlights for a search, and nothing extra without it', async () => {
    const lib = openLibrary(dir);
    try {
      const prompts = ['a red fox', 'a blue owl', 'a red barn', 'a green fox'];
      for (const prompt of prompts) {
        await lib.service.ingest({ bytes: await jpeg(64, 64), kind: 'image', origin: 'generated', prompt });
        lib.clock.tick(1000);
      }
      const h = createLibraryHandlers(lib.service);
      const query = (input: Record<string, unknown>) => LibraryQueryOutput.parse(h['library:query'](LibraryQueryInput.parse(input)) as LibraryQueryOutput);

      const plain = query({ limit: 3 });
      expect(plain.records).toBeUndefined();

      const page = query({ limit: 3, withRecords: 2 });
      expect(page.ids).toEqual(plain.ids);
      expect(page.records?.map((r) => r.id)).toEqual(plain.ids.slice(0, 2));
      expect(page.records?.map((r) => r.prompt)).toEqual(['a green fox', 'a red barn']);
      expect(page.total).toBe(4);

      const found = query({ filter: { text: 'fox' }, sort: 'newest', withRecords: 10 });
      expect(found.records?.map((r) => r.prompt)).toEqual(['a green fox', 'a red fox']);
      expect(found.records?.[0]?.highlight?.prompt).toEqual([[8, 11]]);
      expect(() => LibraryQueryInput.parse({ withRecords: 1001 })).toThrow();
    } finally {
      await lib.close();
    }
  });
});
