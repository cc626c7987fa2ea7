/**
 * Issue 16: the last word of a search, four letters or more, is matched as the OR of the index's whole words that
 * start with it (FTS5 merges every matching word's full position list for such a prefix before the first row).
 * Same hits as the prefix; the words are read once and kept until the index changes.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryFilter } from '@contract';
import { SqliteLibraryStore } from '../../../src-main/adapters/library/sqlite-library-store';
import { PrefixTerms } from '../../../src-main/adapters/library/sqlite-prefix-terms';
import { openLibraryDatabase } from '../../../src-main/adapters/library/sqlite-schema';
import { ftsMatchOf, parseSearchQuery } from '../../../src-main/core/library/search-query';
import { entry, idOf, tempDir } from './fixtures';

const PROMPTS = ['with love', 'within the walls', 'without fear', 'a withered rose', 'wit and wisdom', 'Wìthout accents'];

describe('prefix search by whole words (issue 16)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: SqliteLibraryStore;
  const search = (text: string) => store.query({ filter: LibraryFilter.parse({ text }), sort: 'newest', limit: 100 }).ids.sort();
  const items = (...n: number[]) => n.map(idOf).sort();

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    store = new SqliteLibraryStore(path.join(dir, 'library.db'));
    store.insert(PROMPTS.map((prompt, i) => entry(i + 1, { prompt })));
  });
  afterEach(async () => {
    store.close();
    await cleanup();
  });

  it('finds what the prefix finds, and a new word once it is written', () => {
    expect(search('with')).toEqual(items(1, 2, 3, 4, 6));
    expect(search('witho')).toEqual(items(3, 6));
    expect(search('walls withi')).toEqual(items(2));
    expect(search('withx')).toEqual([]);
    expect(search('wit')).toEqual(items(1, 2, 3, 4, 5, 6)); // three letters: the prefix index, as before
    store.insert([entry(7, { prompt: 'withstand it' })]);
    expect(search('with')).toEqual(items(1, 2, 3, 4, 6, 7));
    expect(store.count(LibraryFilter.parse({ text: 'withs' }))).toEqual({ count: 1, capped: false });
  });

  it('matches the last word as an OR of whole words, and leaves short or too wide prefixes to FTS5', () => {
    const db = openLibraryDatabase(path.join(dir, 'library.db'));
    const terms = new PrefixTerms(db);
    expect(ftsMatchOf(terms.expand(parseSearchQuery('rose with')))).toBe('"rose" AND ("with" OR "withered" OR "within" OR "without")');
    expect(ftsMatchOf(terms.expand(parseSearchQuery('withe')))).toBe('"withered"');
    expect(ftsMatchOf(terms.expand(parseSearchQuery('withx')))).toBe('"withx"');
    expect(ftsMatchOf(terms.expand(parseSearchQuery('wit')))).toBe('"wit"*');
    expect(ftsMatchOf(terms.expand(parseSearchQuery('with ')))).toBe('"with"'); // a finished word is no prefix
    // Forty words under one prefix: FTS5's own prefix query.
    store.insert(Array.from({ length: 40 }, (_, i) => entry(100 + i, { prompt: `zorb${String.fromCharCode(97 + (i % 26))}${i}` })));
    expect(ftsMatchOf(terms.expand(parseSearchQuery('zorb')))).toBe('"zorb"*');
    expect(search('zorb')).toHaveLength(40);
    db.close();
  });
});
