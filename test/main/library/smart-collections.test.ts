import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels, LibraryFilter } from '@contract';
import { createLibraryHandlers } from '../../../src-main/services/library/library-handlers';
import { tempDir } from './fixtures';
import { jpeg, openLibrary } from './service-harness';

const query = (filter: Partial<LibraryFilter>, sort: 'newest' | 'rating' = 'newest') => ({ filter, sort });

describe('smart collections', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => cleanup());

  it('saves a search with filters, keeps its count current as items change, and survives a rebuild', async () => {
    const lib = openLibrary(path.join(dir, 'lib'));
    const [a, b, c] = [
      await lib.service.ingest({ bytes: await jpeg(), kind: 'image', origin: 'generated', prompt: 'red fox' }),
      await lib.service.ingest({ bytes: await jpeg(), kind: 'image', origin: 'generated', prompt: 'red cat' }),
      await lib.service.ingest({ bytes: await jpeg(), kind: 'image', origin: 'generated', prompt: 'blue fox' }),
    ];
    const best = lib.service.smart.create('best portraits', query({ text: 'tag:portrait -tag:draft rating:>=4' }, 'rating'));
    const foxes = lib.service.smart.create('foxes', query({ text: 'fox', kind: 'image' }));
    expect([best.count, foxes.count]).toEqual([0, 2]);

    lib.service.changeTags([a.id, b.id], ['portrait'], []);
    lib.service.setRating([a.id, b.id, c.id], 5);
    expect(lib.service.smart.list().map((s) => [s.name, s.count])).toEqual([
      ['best portraits', 2],
      ['foxes', 2],
    ]);
    lib.service.changeTags([b.id], ['draft'], []);
    lib.service.trash([a.id]);
    expect(lib.service.smart.list().map((s) => s.count)).toEqual([0, 1]);
    lib.service.restore([a.id]);

    // What the grid shows for a smart collection is its saved query, the count says the same number.
    const saved = lib.service.smart.list()[0]!;
    const grid = lib.service.query({ filter: LibraryFilter.parse(saved.query.filter), sort: saved.query.sort, limit: 10 });
    expect([grid.ids, saved.count]).toEqual([[a.id], 1]);

    const renamed = lib.service.smart.update(foxes.id, { name: 'all foxes', query: query({ text: 'fox' }) });
    expect([renamed.name, renamed.count]).toEqual(['all foxes', 2]);

    await lib.service.idle();
    await lib.service.rebuild();
    expect(lib.service.smart.list().map((s) => [s.name, s.query.filter.text, s.count])).toEqual([
      ['all foxes', 'fox', 2],
      ['best portraits', 'tag:portrait -tag:draft rating:>=4', 1],
    ]);
    expect(lib.service.smart.remove(best.id)).toBe(1);
    expect(() => lib.service.smart.remove(best.id)).toThrow(/no longer exists/);
    await lib.close();
  });

  it('validates saved queries at the boundary: no trash view, a known sort, the filter\'s own bounds', async () => {
    const lib = openLibrary(path.join(dir, 'lib'));
    const input = channels['library:smart-create'].input;
    expect(input.safeParse({ name: 'x', query: { filter: { trashed: true } } }).success).toBe(false);
    expect(input.safeParse({ name: 'x', query: { filter: {}, sort: 'random' } }).success).toBe(false);
    expect(input.safeParse({ name: ' ', query: { filter: {} } }).success).toBe(false);
    expect(input.safeParse({ name: 'x', query: { filter: { ratings: [7] } } }).success).toBe(false);
    const handlers = createLibraryHandlers(lib.service);
    const made = await handlers['library:smart-create'](input.parse({ name: 'five', query: { filter: { ratings: [5] } } }), {} as never);
    expect(made).toMatchObject({ name: 'five', count: 0, countCapped: false, query: { sort: 'newest' } });
    await lib.close();
  });
});
