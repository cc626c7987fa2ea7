import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryFilter } from '@contract';
import { SqliteLibraryStore } from '../../../src-main/adapters/library/sqlite-library-store';
import { MIGRATIONS } from '../../../src-main/adapters/library/sqlite-schema';
import type { LibraryStore } from '../../../src-main/core/library/library-store';
import { entry, idOf, storeFactories, tempDir } from './fixtures';

const f = (over: Partial<LibraryFilter> = {}) => LibraryFilter.parse(over);

describe.each(storeFactories)('tags and ratings: %s', (_name, factory) => {
  let store: LibraryStore;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ store, cleanup } = await factory()));
  afterEach(async () => cleanup());

  const ids = (filter: Partial<LibraryFilter>, sort: 'newest' | 'rating' = 'newest') =>
    store.query({ filter: f(filter), sort, limit: 1000 }).ids;

  /** 1: portrait ★5 "red fox"; 2: portrait+draft ★4 "red cat"; 3: landscape ★4 "fox in snow"; 4: unrated "blue cat". */
  function seed() {
    store.insert([
      entry(1, { prompt: 'red fox', rating: 5, tags: ['portrait'] }),
      entry(2, { prompt: 'red cat', rating: 4, tags: ['portrait', 'draft'] }),
      entry(3, { prompt: 'fox in snow', rating: 4, tags: ['landscape'] }),
      entry(4, { prompt: 'blue cat' }),
    ]);
  }

  it('keeps rating and sorted tags on the record and changes them in bulk', () => {
    seed();
    expect(store.get(idOf(2))).toMatchObject({ rating: 4, tags: ['draft', 'portrait'] });
    expect(store.setRating([idOf(3), idOf(4)], 2)).toBe(2);
    expect(store.setRating([idOf(3)], 2)).toBe(0);
    expect(store.changeTags([idOf(1), idOf(4)], ['keeper', 'portrait'], ['draft'])).toEqual([idOf(1), idOf(4)]);
    expect(store.changeTags([idOf(1)], ['keeper'], [])).toEqual([]);
    expect(store.changeTags([idOf(2)], [], ['draft'])).toEqual([idOf(2)]);
    expect(store.records([1, 2, 3, 4].map(idOf)).map((r) => [r.rating, r.tags])).toEqual([
      [5, ['keeper', 'portrait']],
      [4, ['portrait']],
      [2, ['landscape']],
      [2, ['keeper', 'portrait']],
    ]);
  });

  it('searches with tag:, -tag:, rating: and negative words, alone and together', () => {
    seed();
    expect(ids({ text: 'tag:portrait' })).toEqual([2, 1].map(idOf));
    expect(ids({ text: 'tag:portrait -tag:draft' })).toEqual([idOf(1)]);
    expect(ids({ text: 'rating:>=4' })).toEqual([3, 2, 1].map(idOf));
    expect(ids({ text: 'rating:0' })).toEqual([idOf(4)]);
    expect(ids({ text: 'tag:portrait -tag:draft rating:>=4' })).toEqual([idOf(1)]);
    expect(ids({ text: 'fox -snow' })).toEqual([idOf(1)]);
    expect(ids({ text: '-fox' })).toEqual([4, 2].map(idOf));
    expect(ids({ text: '-cat -snow' })).toEqual([idOf(1)]);
    expect(ids({ text: 'red -tag:draft' })).toEqual([idOf(1)]);
    expect(ids({ text: 'rating:5 rating:1' })).toEqual([]);
    expect(ids({ text: 'tag:nothing' })).toEqual([]);
    // Filters narrow the same way, and AND with the text.
    expect(ids({ tags: ['Portrait '] })).toEqual([2, 1].map(idOf));
    expect(ids({ ratings: [4, 5], text: 'cat' })).toEqual([idOf(2)]);
    expect(ids({ ratings: [4], text: 'rating:>=4' })).toEqual([3, 2].map(idOf));
    expect(store.query({ filter: f({ text: 'tag:portrait' }), sort: 'newest', limit: 1 }).total).toBe(2);
  });

  it('counts without a page exactly what the grid shows, through the tag rows or the items table', () => {
    seed();
    store.insert([entry(5, { prompt: 'red kite', rating: 4, tags: ['portrait'], kind: 'video', mime: 'video/mp4' }), entry(6, { tags: ['portrait'], trashedAt: 3 })]);
    const filters: Partial<LibraryFilter>[] = [
      { text: 'tag:portrait' }, { text: 'tag:portrait -tag:draft rating:>=4' }, { text: 'tag:portrait tag:draft' },
      { text: 'tag:portrait', kind: 'video' }, { text: 'tag:portrait -fox' }, { text: 'tag:portrait red' }, { tags: ['portrait'], ratings: [0] },
      { text: 'tag:portrait', trashed: true }, { text: 'rating:4' }, { text: '-cat' }, { text: '!!!' }, {},
    ];
    for (const filter of filters) {
      const page = store.query({ filter: f(filter), sort: 'newest', limit: 1000 });
      expect([filter, store.count(f(filter))]).toEqual([filter, { count: page.ids.length, capped: false }]);
    }
    // Pages of a tag filter walk that tag's rows and keep paging with the cursor.
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = store.query({ filter: f({ text: 'tag:portrait' }), sort: 'oldest', limit: 1, cursor });
      seen.push(...page.ids);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual([1, 2, 5].map(idOf));
  });

  it('sorts by rating (newest first among equals) and pages it with cursors, with and without text', () => {
    seed();
    store.insert([entry(5, { prompt: 'red kite', rating: 4 })]);
    expect(ids({}, 'rating')).toEqual([1, 5, 3, 2, 4].map(idOf));
    expect(ids({ text: 'red' }, 'rating')).toEqual([1, 5, 2].map(idOf));
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = store.query({ filter: f(), sort: 'rating', limit: 2, cursor });
      expect(page.total).toBe(5);
      seen.push(...page.ids);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual([1, 5, 3, 2, 4].map(idOf));
    expect(() => store.query({ filter: f(), sort: 'rating', limit: 2, cursor: 'k.1.' + idOf(1) })).toThrow(/cursor/);
  });

  it('lists tags most used first for autocomplete (trash left out) and the tags of a selection', () => {
    seed();
    store.insert([entry(6, { tags: ['portrait', 'pastel'], trashedAt: 1 })]);
    expect(store.tags({ limit: 10 })).toEqual([
      { tag: 'portrait', count: 2 },
      { tag: 'draft', count: 1 },
      { tag: 'landscape', count: 1 },
    ]);
    expect(store.tags({ prefix: 'p', limit: 10 })).toEqual([{ tag: 'portrait', count: 2 }]);
    expect(store.tags({ limit: 1 })).toHaveLength(1);
    store.setTrashed([idOf(6)], null);
    expect(store.tags({ prefix: 'p', limit: 10 })).toEqual([{ tag: 'portrait', count: 3 }, { tag: 'pastel', count: 1 }]);
    store.setTrashed([idOf(1)], 5);
    store.remove([idOf(2)]);
    expect(store.tags({ prefix: 'p', limit: 10 })).toEqual([{ tag: 'pastel', count: 1 }, { tag: 'portrait', count: 1 }]);
    expect(store.tagsOf([1, 3, 6].map(idOf))).toEqual([
      { tag: 'portrait', count: 2 },
      { tag: 'landscape', count: 1 },
      { tag: 'pastel', count: 1 },
    ]);
  });

  it('keeps tags with their item when its date moves or it shares a millisecond, and re-inserting replaces them', () => {
    seed();
    // Same millisecond as item 1: SQLite renumbers that millisecond's rows.
    store.insert([entry(7, { createdAt: 1_700_000_001_000, tags: ['twin'] })]);
    store.insert([entry(3, { createdAt: 1_700_000_009_000, rating: 4, tags: ['landscape', 'moved'] })]);
    expect(store.get(idOf(1))?.tags).toEqual(['portrait']);
    expect(store.get(idOf(7))?.tags).toEqual(['twin']);
    expect(store.get(idOf(3))?.tags).toEqual(['landscape', 'moved']);
    expect(ids({ text: 'tag:moved' })).toEqual([idOf(3)]);
    expect(ids({ text: 'tag:portrait' })).toEqual([2, 1].map(idOf));
    store.clear();
    expect(store.tags({ limit: 10 })).toEqual([]);
  });
});

describe('SQLite schema: the ratings and tags migration', () => {
  it('adds ratings and tags to an existing library: everything unrated and untagged, nothing lost', async () => {
    const t = await tempDir();
    const file = path.join(t.dir, 'library.db');
    const db = new DatabaseSync(file);
    for (const m of MIGRATIONS.slice(0, 3)) db.exec(m);
    db.exec('PRAGMA user_version = 3');
    db.prepare(
      `INSERT INTO items (seq, id, kind, created_at, prompt, bytes, mime, origin, file) VALUES (5120, ?, 'image', 5, 'old fox', 1, 'image/jpeg', 'generated', 'x')`,
    ).run(idOf(1));
    db.close();
    const store = new SqliteLibraryStore(file);
    expect(store.get(idOf(1))).toMatchObject({ prompt: 'old fox', rating: 0, tags: [] });
    store.changeTags([idOf(1)], ['kept'], []);
    store.setRating([idOf(1)], 3);
    expect(store.query({ filter: f({ text: 'fox tag:kept rating:3' }), sort: 'newest', limit: 5 }).ids).toEqual([idOf(1)]);
    store.close();
    await t.cleanup();
  });
});
