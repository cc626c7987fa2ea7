import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryFilter } from '@contract';
import type { LibraryStore } from '../../../src-main/core/library/library-store';
import { entry, idOf, storeFactories } from './fixtures';

const factories = storeFactories;

const f = (over: Partial<LibraryFilter> = {}) => LibraryFilter.parse(over);

describe.each(factories)('LibraryStore contract: %s', (_name, factory) => {
  let store: LibraryStore;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ store, cleanup } = await factory()));
  afterEach(async () => cleanup());

  const ids = (filter = f(), sort: 'newest' | 'oldest' | 'largest' | 'relevance' = 'newest', limit = 1000) =>
    store.query({ filter, sort, limit }).ids;

  it('orders newest first with a stable id tie-break, and pages with keyset cursors', () => {
    store.insert([1, 2, 3, 4, 5].map((n) => entry(n, n === 5 ? { createdAt: 1_700_000_004_000 } : {})));
    // 5 and 4 share a timestamp: the id breaks the tie, in the sort's direction.
    expect(ids()).toEqual([idOf(5), idOf(4), idOf(3), idOf(2), idOf(1)]);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = store.query({ filter: f(), sort: 'oldest', limit: 2, cursor });
      expect(page.total).toBe(5);
      seen.push(...page.ids);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(ids(f(), 'oldest'));
    expect(ids(f(), 'largest')[0]).toBe(idOf(5));
  });

  it('filters by kind, model, dates, aspect, favorite, origin and trash', () => {
    store.insert([
      entry(1),
      entry(2, { kind: 'video', mime: 'video/mp4', model: 'grok-imagine-video', aspectRatio: '16:9' }),
      entry(3, { origin: 'imported', model: null }),
      entry(4, { favorite: true }),
      entry(5, { trashedAt: 1 }),
    ]);
    expect(ids(f({ kind: 'video' }))).toEqual([idOf(2)]);
    expect(ids(f({ model: 'grok-imagine-image' }))).toEqual([idOf(4), idOf(1)]);
    expect(ids(f({ from: 1_700_000_002_000, to: 1_700_000_004_000 }))).toEqual([idOf(3), idOf(2)]);
    expect(ids(f({ aspectRatio: '16:9' }))).toEqual([idOf(2)]);
    expect(ids(f({ favorite: true }))).toEqual([idOf(4)]);
    expect(ids(f({ origin: 'imported' }))).toEqual([idOf(3)]);
    expect(ids(f({ trashed: true }))).toEqual([idOf(5)]);
    expect(store.query({ filter: f(), sort: 'newest', limit: 10 }).total).toBe(4);
  });

  it('searches prompts and edit instructions with words, prefixes and phrases', () => {
    store.insert([
      entry(1, { prompt: 'A red fox in the snow' }),
      entry(2, { prompt: 'Blue café at night', editInstruction: 'make the fox orange' }),
      entry(3, { prompt: 'red car racing' }),
    ]);
    expect(ids(f({ text: 'red' }))).toEqual([idOf(3), idOf(1)]);
    expect(ids(f({ text: 'red fox' }))).toEqual([idOf(1)]);
    expect(ids(f({ text: 'fo' }))).toEqual([idOf(2), idOf(1)]);
    expect(ids(f({ text: '"fox in"' }))).toEqual([idOf(1)]);
    expect(ids(f({ text: '"in fox"' }))).toEqual([]);
    expect(ids(f({ text: 'CAFE' }))).toEqual([idOf(2)]);
    expect(ids(f({ text: 'zebra' }))).toEqual([]);
    expect(new Set(ids(f({ text: 'fox' }), 'relevance'))).toEqual(new Set([idOf(1), idOf(2)]));
  });

  it.each(['"', '*', 'NEAR(', 'OR', 'fox OR', "'; DROP TABLE items; --", 'AND NOT', '^', '-fox', 'prompt:fox', '""', '(((', 'fox*"'])(
    'never fails on hostile search syntax %j',
    (text) => {
      store.insert([entry(1, { prompt: 'red fox or hound' })]);
      expect(() => ids(f({ text }))).not.toThrow();
      expect(store.query({ filter: f(), sort: 'newest', limit: 5 }).total).toBe(1);
    },
  );

  it('tracks lineage both ways and reports hasLineage', () => {
    store.insert([entry(1), entry(2, { origin: 'edited' }, [{ kind: 'edited-from', parentId: idOf(1) }]), entry(3)]);
    expect(store.lineage(idOf(2)).parents).toEqual([{ childId: idOf(2), parentId: idOf(1), kind: 'edited-from' }]);
    expect(store.lineage(idOf(1)).children.map((e) => e.childId)).toEqual([idOf(2)]);
    expect(store.get(idOf(1))?.hasLineage).toBe(true);
    expect(ids(f({ hasLineage: true }))).toEqual([idOf(2), idOf(1)]);
    expect(ids(f({ hasLineage: false }))).toEqual([idOf(3)]);
  });

  it('a parent inserted after its child still gets hasLineage', () => {
    store.insert([entry(2, {}, [{ kind: 'animated-from', parentId: idOf(1) }])]);
    store.insert([entry(1)]);
    expect(store.get(idOf(1))?.hasLineage).toBe(true);
  });

  it('favorites, trashes and restores in bulk, counting real changes', () => {
    store.insert([1, 2, 3].map((n) => entry(n)));
    expect(store.setFavorite([idOf(1), idOf(2), idOf(2)], true)).toBe(2);
    expect(store.setFavorite([idOf(1)], true)).toBe(0);
    expect(store.setTrashed([idOf(1), idOf(3)], 99)).toBe(2);
    expect(store.trashedIds().sort()).toEqual([idOf(1), idOf(3)].sort());
    expect(ids()).toEqual([idOf(2)]);
    expect(store.setTrashed([idOf(1)], null)).toBe(1);
    expect(store.trashedIds([idOf(1), idOf(3)])).toEqual([idOf(3)]);
    expect(store.remove([idOf(3)])).toBe(1);
    expect(store.get(idOf(3))).toBeNull();
  });

  it('keeps collections and membership', () => {
    store.insert([1, 2].map((n) => entry(n)));
    const c = store.createCollection(idOf(100), 'Foxes', 5);
    expect(store.addToCollection(c.id, [idOf(1), idOf(2), idOf(9)])).toBe(2);
    expect(store.addToCollection(c.id, [idOf(1)])).toBe(0);
    expect(ids(f({ collectionId: c.id }))).toEqual([idOf(2), idOf(1)]);
    expect(store.removeFromCollection(c.id, [idOf(2)])).toBe(1);
    expect(store.collectionsOf(idOf(1))).toEqual([c.id]);
    expect(store.renameCollection(c.id, 'Red foxes')).toMatchObject({ name: 'Red foxes', count: 1 });
    expect(store.renameCollection(idOf(101), 'x')).toBeNull();
    store.remove([idOf(1)]);
    expect(store.listCollections()).toEqual([{ id: c.id, name: 'Red foxes', createdAt: 5, count: 0, cover: null }]);
    expect(store.deleteCollection(c.id)).toBe(1);
    expect(store.listCollections()).toEqual([]);
  });

  it('returns records in the requested order and re-inserting updates search', () => {
    store.insert([1, 2].map((n) => entry(n)));
    expect(store.records([idOf(2), idOf(9), idOf(1)]).map((r) => r.id)).toEqual([idOf(2), idOf(1)]);
    store.insert([entry(1, { prompt: 'now a walrus' })]);
    expect(ids(f({ text: 'walrus' }))).toEqual([idOf(1)]);
    expect(ids(f({ text: 'number' }))).toEqual([idOf(2)]);
    expect(store.setMissing([idOf(1)], true)).toBe(1);
    expect(store.shardRefs(idOf(1).slice(0, 2)).find((r) => r.id === idOf(1))?.missing).toBe(true);
  });

  it('an uncounted page (a jump far down the grid) reports its own length as the total', () => {
    store.insert([1, 2, 3, 4, 5].map((n) => entry(n)));
    const page = store.query({ filter: f({ to: 1_700_000_004_000 }), sort: 'newest', limit: 2, uncounted: true });
    expect(page).toMatchObject({ total: 2, totalCapped: false });
    expect(page.nextCursor).not.toBeNull();
    expect(store.query({ filter: f({ to: 1_700_000_004_000 }), sort: 'newest', limit: 2 }).total).toBe(3);
  });

  it('a page at an offset (the scrollbar dragged far down the grid) is the same ids the pages from the top reach, in every order', () => {
    store.insert([1, 2, 3, 4, 5, 6, 7].map((n) => entry(n, { bytes: 100 + ((n * 3) % 7), prompt: `fox number ${n}` })));
    for (const sort of ['newest', 'oldest', 'largest', 'relevance'] as const) {
      const filter = f(sort === 'relevance' ? { text: 'fox' } : {});
      const all = ids(filter, sort);
      const page = store.query({ filter, sort, limit: 3, offset: 2 });
      expect(page.ids, sort).toEqual(all.slice(2, 5));
      expect(page.total, sort).toBe(3); // counts nothing: the grid knows the total already
      // Its cursor goes on where the page ends.
      expect(store.query({ filter, sort, limit: 10, cursor: page.nextCursor ?? '' }).ids, sort).toEqual(all.slice(5));
    }
  });

  it('reads a shard of rows by two hex chars, or a 16th of one by three (the last one too)', () => {
    const ids = ['3a0', '3af', '3b0', 'fff', 'ffe'].map((p) => p.padEnd(32, '1'));
    store.insert(ids.map((id, n) => entry(n + 1, { id })));
    const of = (shard: string) => store.shardRefs(shard).map((r) => r.id.slice(0, 3));
    expect(of('3a')).toEqual(['3a0', '3af']);
    expect(of('3af')).toEqual(['3af']);
    expect(of('3b0')).toEqual(['3b0']);
    expect(of('fff')).toEqual(['fff']);
    expect(of('ff')).toEqual(['ffe', 'fff']);
  });

  it('places given ids: only those the filter and search match, in the sort order, counted alone', () => {
    store.insert([
      entry(1, { prompt: 'red fox' }),
      entry(2, { prompt: 'blue fox', bytes: 9000 }),
      entry(3, { prompt: 'red owl' }),
      entry(4, { prompt: 'red fox', trashedAt: 5 }),
      entry(5, { prompt: 'red fox' }),
    ]);
    const only = [idOf(1), idOf(2), idOf(3), idOf(4), idOf(9)];
    const q = (filter: LibraryFilter, sort: 'newest' | 'oldest' | 'largest' | 'relevance') => store.query({ filter, sort, limit: 1, ids: only });
    expect(q(f(), 'newest')).toEqual({ ids: [idOf(3), idOf(2), idOf(1)], shapes: [1, 1, 1], total: 3, totalCapped: false, nextCursor: null });
    expect(q(f(), 'oldest').ids).toEqual([idOf(1), idOf(2), idOf(3)]);
    expect(q(f(), 'largest').ids[0]).toBe(idOf(2));
    expect(q(f({ text: 'fox' }), 'relevance').ids).toEqual([idOf(2), idOf(1)]);
    expect(q(f({ text: 'red', trashed: true }), 'newest').ids).toEqual([idOf(4)]);
  });

  it('rejects a forged cursor as a validation error', () => {
    expect(() => store.query({ filter: f(), sort: 'newest', limit: 5, cursor: "k.1.'; DROP" })).toThrow(/cursor/);
  });
});
