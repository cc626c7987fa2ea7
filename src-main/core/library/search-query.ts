import { KEY_PROVIDERS, PROVIDER_IDS, type ProviderId } from '@contract';
import { foldToken, type SearchTerm } from './fts-query';

/**
 * The Library's search syntax, parsed in one pure place so the grid, smart collections and the `imagine search`
 * command mean the same thing by the same text:
 *
 *   red fox            both words (prompt or edit instruction), the last one a prefix while it is being typed
 *   "red fox"          the phrase
 *   -cat  -"wet fur"   without the word / phrase
 *   tag:portrait       tagged `portrait` (`tag:"street photo"` for tags with spaces); -tag:draft: not tagged so
 *   rating:4           exactly 4 stars; rating:>=4, >4, <=2, <2, =0 (0 is unrated); -rating:0 is "rated"
 *   provider:stability made by that provider (xai, stability, minimax; also `provider:"Stability AI"`); -provider:x
 *
 * Everything is AND-ed. Anything the syntax does not know (`foo:bar`, a dangling `tag:`) is read as plain words or
 * dropped, never an error: the box is searched while the user types.
 */
export interface SearchQuery {
  /** Words and phrases that must appear. */
  terms: SearchTerm[];
  /** Words and phrases that must not appear. */
  excluded: SearchTerm[];
  tags: string[];
  excludedTags: string[];
  /** The star ratings allowed (0 = unrated), ascending; null when the text says nothing about ratings. */
  ratings: number[] | null;
  /** The providers allowed; null when the text says nothing about providers (absent: same as null). */
  providers?: ProviderId[] | null;
}

/** Bounds that keep one query's SQL small whatever is pasted into the box. */
const MAX_TERMS = 16;
const MAX_TAGS = 16;
export const MAX_TAG_LENGTH = 64;
/** Tags one item may carry (a sidecar or XMP packet with more keeps the first ones, sorted). */
export const MAX_TAGS_PER_ITEM = 200;
export const MAX_RATING = 5;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const ALL_RATINGS = [0, 1, 2, 3, 4, 5];

/**
 * The one spelling of a tag: trimmed, inner whitespace collapsed, lower-cased and NFC, control characters removed,
 * at most 64 characters. `Portrait ` and `portrait` are the same tag. Empty when nothing is left.
 */
export function normalizeTag(raw: string): string {
  return raw
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_TAG_LENGTH)
    .trim();
}

/** One token of the search box: `-`? `key:`? then a bare value or a `"quoted"` one. */
interface Token {
  negated: boolean;
  key: string | null;
  value: string;
  quoted: boolean;
}

/** Splits text into tokens, keeping `"quoted parts"` (and `key:"quoted"`) whole; an unclosed quote runs to the end. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(/(-?)(?:([A-Za-z]+):)?(?:"([^"]*)"?|([^\s"]*))/g)) {
    if (m[0] === '') continue;
    const quoted = m[3] !== undefined;
    tokens.push({ negated: m[1] === '-', key: m[2]?.toLowerCase() ?? null, value: quoted ? (m[3] ?? '') : (m[4] ?? ''), quoted });
  }
  return tokens;
}

function wordsOf(text: string): string[] {
  return (text.match(WORD) ?? []).map(foldToken).filter((w) => w.length > 0);
}

/** The ratings a `rating:` value allows; null when the value is not (yet) a rating condition. */
export function ratingsFor(value: string): number[] | null {
  const m = /^(>=|<=|>|<|=)?([0-5])$/.exec(value);
  if (!m) return null;
  const n = Number(m[2]);
  const op = m[1] ?? '=';
  const keep = { '>=': (r: number) => r >= n, '<=': (r: number) => r <= n, '>': (r: number) => r > n, '<': (r: number) => r < n, '=': (r: number) => r === n }[op];
  return keep ? ALL_RATINGS.filter(keep) : null;
}

/** A provider by id or by name, any case, spaces ignored (`stability`, `"Stability AI"`, `MiniMax`). */
function providerNamed(value: string): ProviderId | null {
  const v = value.toLowerCase().replace(/\s+/g, '');
  return PROVIDER_IDS.find((p) => p === v || KEY_PROVIDERS[p].label.toLowerCase().replace(/\s+/g, '') === v) ?? null;
}

const intersect = (a: number[] | null, b: number[]) => (a === null ? b : a.filter((r) => b.includes(r)));

/** Parses the search box (see the syntax above). */
export function parseSearchQuery(text: string): SearchQuery {
  const q: SearchQuery = { terms: [], excluded: [], tags: [], excludedTags: [], ratings: null };
  const tokens = tokenize(text);
  let lastBareTerm: SearchTerm | null = null;
  for (const t of tokens) {
    lastBareTerm = null;
    if (t.key === 'tag') {
      const tag = normalizeTag(t.value);
      const list = t.negated ? q.excludedTags : q.tags;
      if (tag && !list.includes(tag) && list.length < MAX_TAGS) list.push(tag);
      continue;
    }
    if (t.key === 'rating' && !t.quoted) {
      const allowed = ratingsFor(t.value);
      if (allowed) q.ratings = intersect(q.ratings, t.negated ? ALL_RATINGS.filter((r) => !allowed.includes(r)) : allowed);
      continue;
    }
    if (t.key === 'provider') {
      const named = providerNamed(t.value);
      if (named) q.providers = (q.providers ?? PROVIDER_IDS).filter((p) => (p === named) !== t.negated);
      continue;
    }
    // A key the syntax does not know is a word like any other.
    const target = t.negated ? q.excluded : q.terms;
    const keyWords = t.key ? wordsOf(t.key) : [];
    if (t.quoted) {
      for (const w of keyWords) target.push({ words: [w], prefix: false });
      const words = wordsOf(t.value);
      if (words.length > 0) target.push({ words, prefix: false });
      continue;
    }
    // A bare token: each word in it is a term (`sci-fi` is `sci` and `fi`, as FTS tokenizes the prompt).
    const words = [...keyWords, ...wordsOf(t.value)];
    for (const w of words) target.push({ words: [w], prefix: false });
    if (!t.negated && words.length > 0) lastBareTerm = target.at(-1) ?? null;
  }
  // The last word typed is a prefix while the user is still typing it (no trailing space or punctuation). Not a
  // single letter: no prefix index covers one character, so `t*` merges the position lists of every word starting
  // with t (0.5–2 s at a million items); the letter is matched as a word until the second one arrives.
  const last = lastBareTerm?.words[0];
  if (lastBareTerm && last !== undefined && [...last].length > 1 && /[\p{L}\p{N}\p{M}]$/u.test(text)) {
    lastBareTerm.prefix = true;
  }
  q.terms = q.terms.slice(0, MAX_TERMS);
  q.excluded = q.excluded.slice(0, MAX_TERMS);
  if (q.ratings?.length === ALL_RATINGS.length) q.ratings = null;
  return q;
}

/** True when the query narrows nothing: text made only of separators or unfinished syntax. */
export function isEmptyQuery(q: SearchQuery): boolean {
  return q.terms.length + q.excluded.length + q.tags.length + q.excludedTags.length === 0 && q.ratings === null && !q.providers;
}

/** FTS5 text for a term: a phrase, a prefix (`"fox"*`), or a prefix's whole words (`("fox" OR "foxes")`). */
function ftsTerm(t: SearchTerm): string {
  if (t.prefix && t.expanded && t.expanded.length > 0) {
    return t.expanded.length === 1 ? `"${t.expanded[0]}"` : `(${t.expanded.map((w) => `"${w}"`).join(' OR ')})`;
  }
  // No word starts with it: the prefix itself as a word, which no row has either.
  return `"${t.words.join(' ')}"${t.prefix && !t.expanded ? '*' : ''}`;
}

/** Each wanted and excluded term on its own, as FTS5 expressions (the store probes how broad each one is). */
export function ftsTermsOf(q: SearchQuery): string[] {
  return [...q.terms, ...q.excluded].map(ftsTerm);
}

/** The FTS5 expression for the wanted terms, without the excluded ones when there are no wanted ones. */
export function ftsMatchOf(q: SearchQuery): string | null {
  if (q.terms.length === 0) return null;
  const wanted = q.terms.map(ftsTerm).join(' AND ');
  return q.excluded.length === 0 ? wanted : `(${wanted}) NOT (${q.excluded.map(ftsTerm).join(' OR ')})`;
}

/** With nothing wanted, the excluded terms as one FTS5 expression (rows matching it are left out); else null. */
export function ftsExclusionOf(q: SearchQuery): string | null {
  return q.terms.length === 0 && q.excluded.length > 0 ? q.excluded.map(ftsTerm).join(' OR ') : null;
}

/** Quotes a tag for the search box: bare when it is one simple word, quoted otherwise. */
export function tagToken(tag: string, negated = false): string {
  const body = /^[\p{L}\p{N}_-]+$/u.test(tag) ? tag : `"${tag.replace(/"/g, '')}"`;
  return `${negated ? '-' : ''}tag:${body}`;
}
