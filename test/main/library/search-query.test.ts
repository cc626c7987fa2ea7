import { describe, expect, it } from 'vitest';
import {
  ftsExclusionOf,
  ftsMatchOf,
  isEmptyQuery,
  normalizeTag,
  parseSearchQuery,
  tagToken,
  type SearchQuery,
} from '../../../src-main/core/library/search-query';

/** A compact reading of a parsed query: words (`*` marks a prefix, phrases quoted), tags, ratings. */
function summary(q: SearchQuery) {
  const term = (t: SearchQuery['terms'][number]) => (t.words.length > 1 ? `"${t.words.join(' ')}"` : `${t.words[0]}${t.prefix ? '*' : ''}`);
  return {
    words: q.terms.map(term),
    notWords: q.excluded.map(term),
    tags: q.tags,
    notTags: q.excludedTags,
    ratings: q.ratings,
  };
}

const none = { words: [], notWords: [], tags: [], notTags: [], ratings: null };

describe('search syntax', () => {
  const table: [string, Partial<ReturnType<typeof summary>>][] = [
    ['', {}],
    ['fox', { words: ['fox*'] }],
    ['fox ', { words: ['fox'] }],
    // A single letter being typed is a word, not a prefix: no prefix index covers one character (issue 16).
    ['t', { words: ['t'] }],
    ['red f', { words: ['red', 'f'] }],
    ['fo', { words: ['fo*'] }],
    ['red fox', { words: ['red', 'fox*'] }],
    ['"red fox" snow', { words: ['"red fox"', 'snow*'] }],
    ['"red fox"', { words: ['"red fox"'] }],
    ['"unclosed phrase', { words: ['"unclosed phrase"'] }],
    ['Café', { words: ['cafe*'] }],
    ['sci-fi city', { words: ['sci', 'fi', 'city*'] }],
    ['fox -cat', { words: ['fox'], notWords: ['cat'] }],
    ['-cat', { notWords: ['cat'] }],
    ['-"wet fur" fox ', { words: ['fox'], notWords: ['"wet fur"'] }],
    ['-', {}],
    ['tag:portrait', { tags: ['portrait'] }],
    ['TAG:Portrait', { tags: ['portrait'] }],
    ['tag:portrait -tag:draft', { tags: ['portrait'], notTags: ['draft'] }],
    ['tag:"street  photo"', { tags: ['street photo'] }],
    ['-tag:"work in progress"', { notTags: ['work in progress'] }],
    ['tag:portrait tag:portrait', { tags: ['portrait'] }],
    ['tag:', {}],
    ['rating:4', { ratings: [4] }],
    ['rating:>=4', { ratings: [4, 5] }],
    ['rating:>3', { ratings: [4, 5] }],
    ['rating:<=2', { ratings: [0, 1, 2] }],
    ['rating:<1', { ratings: [0] }],
    ['rating:=0', { ratings: [0] }],
    ['-rating:0', { ratings: [1, 2, 3, 4, 5] }],
    ['rating:>=2 rating:<=3', { ratings: [2, 3] }],
    ['rating:5 rating:1', { ratings: [] }],
    ['rating:>=0', {}],
    ['rating:9', {}],
    ['rating:>=', {}],
    ['rating:high', {}],
    ['tag:portrait -tag:draft rating:>=4', { tags: ['portrait'], notTags: ['draft'], ratings: [4, 5] }],
    ['tag:portrait -tag:draft rating:>=4 fox -cat', { words: ['fox'], notWords: ['cat'], tags: ['portrait'], notTags: ['draft'], ratings: [4, 5] }],
    ['prompt:fox', { words: ['prompt', 'fox*'] }],
    ['NEAR(a b) OR "x', { words: ['near', 'a', 'b', 'or', 'x'] }],
    ["'; DROP TABLE items; --", { words: ['drop', 'table', 'items'] }],
  ];

  it.each(table)('%j', (text, expected) => {
    expect(summary(parseSearchQuery(text))).toEqual({ ...none, ...expected });
  });

  it('builds FTS expressions from quoted words only, excluded ones after NOT or as their own exclusion', () => {
    expect(ftsMatchOf(parseSearchQuery('red "blue sky" fox -cat -"wet fur"'))).toBe(
      '("red" AND "blue sky" AND "fox") NOT ("cat" OR "wet fur")',
    );
    expect(ftsMatchOf(parseSearchQuery('fo'))).toBe('"fo"*');
    expect(ftsMatchOf(parseSearchQuery('-cat -dog'))).toBeNull();
    expect(ftsExclusionOf(parseSearchQuery('-cat -dog'))).toBe('"cat" OR "dog"');
    expect(ftsExclusionOf(parseSearchQuery('fox -cat'))).toBeNull();
  });

  it('knows when text narrows nothing', () => {
    expect(isEmptyQuery(parseSearchQuery(' !!! '))).toBe(true);
    expect(isEmptyQuery(parseSearchQuery('tag: rating:'))).toBe(true);
    expect(isEmptyQuery(parseSearchQuery('rating:5 rating:1'))).toBe(false); // contradictory: matches nothing
  });

  it('normalizes tags to one spelling and writes them back as search tokens', () => {
    expect(normalizeTag('  Street\tPhoto ')).toBe('street photo');
    expect(normalizeTag('x'.repeat(80))).toHaveLength(64);
    expect(normalizeTag('\u0000')).toBe('');
    expect(tagToken('portrait')).toBe('tag:portrait');
    expect(tagToken('street photo', true)).toBe('-tag:"street photo"');
    for (const tag of ['portrait', 'street photo', 'client-a']) expect(parseSearchQuery(tagToken(tag)).tags).toEqual([tag]);
  });
});
