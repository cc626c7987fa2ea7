import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { SearchQuery } from '../../core/library/search-query';

/** Prefixes this short have their own index (items_fts prefix='2 3'): FTS5 answers them lazily already. */
const INDEXED_UP_TO = 3;
/** More words than this under one prefix: left to FTS5's own prefix query (an OR that wide gains nothing). */
const MAX_WORDS = 32;
/** Prefixes remembered (a search box's worth of typing many times over). */
const MAX_CACHED = 512;

/**
 * The whole words of the search index that start with a typed prefix, so the last word of a search can be matched
 * as their OR. FTS5 answers a prefix no prefix index covers (`"with"*`: four letters or more) by merging the full
 * position lists of every word under it before the first row comes out — 17–74 ms for a word in most prompts of a
 * 1M library, on every keystroke past the third letter, whatever LIMIT follows — while an OR of whole words is
 * walked lazily and stops with the page (~1 ms). Reading the words from the fts5vocab view costs ~1–6 ms (it
 * counts each word's rows), so answers are kept until the index changes (this connection's writes call
 * `invalidate`; another process's show in `PRAGMA data_version`).
 */
export class PrefixTerms {
  private readonly words: StatementSync;
  private readonly version: StatementSync;
  private readonly cache = new Map<string, readonly string[] | null>();
  private seen = -1;

  constructor(db: DatabaseSync) {
    // A temp table: nothing is stored, and every connection makes its own.
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.items_fts_words USING fts5vocab(main, items_fts, 'row')`);
    this.words = db.prepare(`SELECT term FROM temp.items_fts_words WHERE term >= ? AND term < ? LIMIT ${MAX_WORDS + 1}`);
    this.version = db.prepare('PRAGMA data_version');
  }

  invalidate(): void {
    this.cache.clear();
  }

  /** The query with its prefix terms' words filled in (those FTS5 answers slowly, with few enough words). */
  expand(q: SearchQuery): SearchQuery {
    if (!q.terms.some((t) => this.wanted(t))) return q;
    const version = Number((this.version.get() as { data_version: number }).data_version);
    if (version !== this.seen) {
      this.cache.clear();
      this.seen = version;
    }
    return { ...q, terms: q.terms.map((t) => (this.wanted(t) ? this.withWords(t) : t)) };
  }

  private wanted(t: SearchQuery['terms'][number]): boolean {
    return t.prefix && t.words.length === 1 && [...(t.words[0] ?? '')].length > INDEXED_UP_TO;
  }

  private withWords(t: SearchQuery['terms'][number]): SearchQuery['terms'][number] {
    const prefix = t.words[0] ?? '';
    let words = this.cache.get(prefix);
    if (words === undefined) {
      // Every word that starts with the prefix sorts from it up to it followed by the highest code point.
      const rows = this.words.all(prefix, `${prefix}\u{10FFFF}`) as { term: string }[];
      words = rows.length > MAX_WORDS ? null : rows.map((r) => r.term);
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value ?? '');
      this.cache.set(prefix, words);
    }
    return words === null ? t : { ...t, expanded: words };
  }
}
