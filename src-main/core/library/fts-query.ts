/**
 * Turns whatever a person types into the search box into a safe FTS5 expression. Every token is emitted as a quoted
 * string made only of letters and digits, so FTS syntax (`"`, `*`, `NEAR(`, `OR`, `-`, `:`) and SQL in the box can
 * never raise a syntax error: they are searched as words or dropped as separators.
 */

/** One search term: a word (optionally a prefix) or a phrase of consecutive words. */
export interface SearchTerm {
  words: string[];
  prefix: boolean;
  /**
   * A prefix term's whole words, when the store looked them up (see `PrefixTerms`): matched as their OR instead of
   * as a prefix. Empty: no word starts with it.
   */
  expanded?: readonly string[];
}

const MAX_TERMS = 16;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Case- and accent-folds one token the way FTS5's `unicode61 remove_diacritics 2` does. */
export function foldToken(token: string): string {
  return token.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function wordsOf(text: string): string[] {
  return (text.match(WORD) ?? []).map(foldToken).filter((w) => w.length > 0);
}

/**
 * Parses search text: `"quoted text"` is a phrase, everything else is words, all AND-ed. The last bare word is a
 * prefix while the user is still typing it (no trailing space), so results follow the keystrokes.
 */
export function parseSearch(text: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const parts = text.split('"');
  parts.forEach((part, index) => {
    const quoted = index % 2 === 1 && index < parts.length - 1;
    if (quoted) {
      const words = wordsOf(part);
      if (words.length > 0) terms.push({ words, prefix: false });
    } else {
      for (const word of wordsOf(part)) terms.push({ words: [word], prefix: false });
    }
  });
  const last = terms.at(-1);
  const endsInWord = /[\p{L}\p{N}\p{M}]$/u.test(text);
  if (last && last.words.length === 1 && endsInWord) last.prefix = true;
  return terms.slice(0, MAX_TERMS);
}

/** The FTS5 MATCH expression for parsed terms, or null when there is nothing to search for. */
export function toFtsMatch(terms: readonly SearchTerm[]): string | null {
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t.words.join(' ')}"${t.prefix ? '*' : ''}`).join(' AND ');
}

/** Whether a document's folded words contain a term (the in-memory twin's FTS). */
function containsTerm(words: readonly string[], term: SearchTerm): boolean {
  const n = term.words.length;
  for (let i = 0; i + n <= words.length; i += 1) {
    let ok = true;
    for (let j = 0; j < n && ok; j += 1) {
      const w = words[i + j] ?? '';
      const t = term.words[j] ?? '';
      ok = term.prefix && j === n - 1 ? w.startsWith(t) : w === t;
    }
    if (ok) return true;
  }
  return false;
}

/** True when every term appears in at least one of the texts, the same semantics as the FTS5 expression. */
export function matchesTerms(texts: readonly (string | null)[], terms: readonly SearchTerm[]): boolean {
  const docs = texts.map((t) => wordsOf(t ?? ''));
  return terms.every((term) => docs.some((words) => containsTerm(words, term)));
}

/** Character ranges of the words in `text` that match any term (for highlighting in the grid and lightbox). */
export function highlightRanges(text: string | null, terms: readonly SearchTerm[]): [number, number][] {
  if (!text || terms.length === 0) return [];
  const ranges: [number, number][] = [];
  for (const match of text.matchAll(WORD)) {
    const word = foldToken(match[0]);
    const hit = terms.some((t) =>
      t.words.some((w, j) => (t.prefix && j === t.words.length - 1 ? word.startsWith(w) : word === w)),
    );
    if (hit) ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
}
