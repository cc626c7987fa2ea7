import { LibraryQueryInput, LibraryQueryOutput } from '@contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SqliteLibraryStore } from '../../../src-main/adapters/library/sqlite-library-store';
import { createLibraryHandlers } from '../../../src-main/services/library/library-handlers';
import { LANE_CHUNK } from '../../../src-main/services/library/library-service';
import { entry, tempDir } from './fixtures';
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

/** `library:query` with a `lane`: main answers only the newest waiting query of a lane (search as you type, issue 16). */
describe('library:query lanes', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => cleanup());

  it('answers older queries of a lane that arrived together "superseded" without looking them up, other lanes as usual', async () => {
    const lib = openLibrary(dir);
    try {
      for (const prompt of ['a red fox', 'a fox den', 'a blue owl']) {
        await lib.service.ingest({ bytes: await jpeg(64, 64), kind: 'image', origin: 'generated', prompt });
        lib.clock.tick(1000);
      }
      const h = createLibraryHandlers(lib.service);
      const send = (input: Record<string, unknown>) =>
        Promise.resolve(h['library:query'](LibraryQueryInput.parse(input))).then((out) => LibraryQueryOutput.parse(out));
      const lookups = vi.spyOn(SqliteLibraryStore.prototype, 'query');
      // Three keystrokes queued behind a busy turn, as the socket hands them over one after another.
      const [f, fo, fox, other] = [
        send({ filter: { text: 'f' }, lane: 'grid-a', withRecords: 10 }),
        send({ filter: { text: 'fo' }, lane: 'grid-a', withRecords: 10 }),
        send({ filter: { text: 'fox' }, lane: 'grid-a', withRecords: 10 }),
        send({ filter: { text: 'owl' }, lane: 'grid-b' }),
      ];
      expect(await f).toMatchObject({ ids: [], total: 0, superseded: true });
      expect(await fo).toMatchObject({ ids: [], superseded: true });
      const latest = await fox;
      expect(latest.superseded).toBeUndefined();
      expect(latest.total).toBe(2);
      expect(latest.records?.map((r) => r.prompt).sort()).toEqual(['a fox den', 'a red fox']);
      expect((await other).total).toBe(1);
      expect(lookups).toHaveBeenCalledTimes(2); // "fox" and the other lane's "owl": the stale two cost nothing
      // A query that comes later, on its own, is the newest again.
      expect((await send({ filter: { text: 'fo' }, lane: 'grid-a' })).total).toBe(2);
      lookups.mockRestore();
    } finally {
      await lib.close();
    }
  });
});

/** A large page of a lane (the rest of a 1M grid) is read a chunk per event-loop turn; a keystroke ends it (issue 16). */
describe('library:query lanes, large pages', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => cleanup());

  it('answers the same ids in chunks, and a newer query of the lane arriving between two chunks ends the page', async () => {
    const lib = openLibrary(dir);
    try {
      const items = LANE_CHUNK * 2 + 500;
      lib.adapters.store.insert(Array.from({ length: items }, (_, n) => entry(n + 1)));
      const h = createLibraryHandlers(lib.service);
      const send = (input: Record<string, unknown>) =>
        Promise.resolve(h['library:query'](LibraryQueryInput.parse(input))).then((out) => LibraryQueryOutput.parse(out));
      const whole = await send({ limit: items - 1, withRecords: 3 });
      const realQuery = SqliteLibraryStore.prototype.query;
      const lookups = vi.spyOn(SqliteLibraryStore.prototype, 'query');
      const chunked = await send({ limit: items - 1, withRecords: 3, lane: 'grid-a' });
      expect(lookups).toHaveBeenCalledTimes(3);
      expect(chunked.ids).toEqual(whole.ids);
      expect(chunked.shapes).toEqual(whole.shapes);
      expect(chunked.records?.map((r) => r.id)).toEqual(whole.ids.slice(0, 3));
      expect({ total: chunked.total, next: chunked.nextCursor }).toEqual({ total: whole.total, next: whole.nextCursor });

      // A keystroke comes in while the first chunk is looked up: the page stops there, the keystroke is answered.
      lookups.mockClear();
      let keystroke: Promise<LibraryQueryOutput> | undefined;
      lookups.mockImplementation(function (this: SqliteLibraryStore, q) {
        keystroke ??= send({ filter: { text: 'item' }, lane: 'grid-a', limit: 10 });
        return realQuery.call(this, q);
      });
      expect(await send({ limit: items - 1, lane: 'grid-a' })).toMatchObject({ ids: [], superseded: true });
      expect((await keystroke)?.ids).toHaveLength(10);
      expect(lookups).toHaveBeenCalledTimes(2); // the page's first chunk, then the keystroke's query
      lookups.mockRestore();
    } finally {
      await lib.close();
    }
  });
});

/** `library:position`: where a moment begins in the grid's order, for "Jump to date" (issue 16). */
describe('library:position', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => cleanup());

  it('counts the items before the first one at or before the moment (newest first) or at or after it (oldest first)', async () => {
    const lib = openLibrary(dir);
    try {
      const made: number[] = [];
      for (const prompt of ['one fox', 'two', 'three fox', 'four', 'five fox']) {
        made.push(lib.clock.now());
        await lib.service.ingest({ bytes: await jpeg(32, 32), kind: 'image', origin: 'generated', prompt });
        lib.clock.tick(60_000);
      }
      const h = createLibraryHandlers(lib.service);
      const at = (input: Record<string, unknown>) => h['library:position'](input as never) as { index: number; capped: boolean };
      const [t1, , t3, , t5] = made as [number, number, number, number, number];
      // Newest first: five, four, three, two, one. Three is at index 2, and so is any moment after three but before four.
      expect(at({ filter: { trashed: false }, sort: 'newest', at: t3 })).toEqual({ index: 2, capped: false });
      expect(at({ filter: { trashed: false }, sort: 'newest', at: t3 + 30_000 }).index).toBe(2);
      expect(at({ filter: { trashed: false }, sort: 'newest', at: t5 + 1 }).index).toBe(0);
      expect(at({ filter: { trashed: false }, sort: 'newest', at: t1 - 1 }).index).toBe(5); // before everything: past the end
      // Oldest first: one, two, three… Three is at index 2.
      expect(at({ filter: { trashed: false }, sort: 'oldest', at: t3 }).index).toBe(2);
      expect(at({ filter: { trashed: false }, sort: 'oldest', at: t1 }).index).toBe(0);
      // The view's filter applies: among "fox" items (five, three, one newest first) three is at index 1.
      expect(at({ filter: { trashed: false, text: 'fox' }, sort: 'newest', at: t3 }).index).toBe(1);
      // The answer is the grid's own order.
      const page = LibraryQueryOutput.parse(h['library:query'](LibraryQueryInput.parse({ sort: 'newest', withRecords: 5 })));
      expect(page.records?.[2]?.prompt).toBe('three fox');
    } finally {
      await lib.close();
    }
  });
});
