import type { LibraryTag } from '@contract';
import type { StatementCache } from '../sqlite/sqlite-database';

/** A tag row repeats its item's live state and rating (see the v4 migration). */
const PUT = 'INSERT OR IGNORE INTO item_tags (tag, seq, live, rating) SELECT ?, seq, trashed_at IS NULL, rating FROM items WHERE id = ?';
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');
const byCountThenName = (a: LibraryTag, b: LibraryTag) => b.count - a.count || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0);

/**
 * Tags in the library index (v4 migration): `item_tags (tag, seq)` rows, with per-tag counts kept by triggers in
 * `tag_counts`. Tags arrive normalized (core/library/search-query `normalizeTag`). Callers hold the transaction.
 */
export class SqliteTags {
  constructor(private readonly statements: StatementCache) {}

  /** Makes an item's tags exactly `tags` (inside an insert). */
  replace(id: string, tags: readonly string[]): void {
    const s = this.statements;
    const current = (s.get('SELECT t.tag FROM item_tags t JOIN items i ON i.seq = t.seq WHERE i.id = ?').all(id) as { tag: string }[]).map((r) => r.tag);
    const wanted = new Set(tags);
    const drop = s.get('DELETE FROM item_tags WHERE tag = ? AND seq = (SELECT seq FROM items WHERE id = ?)');
    for (const tag of current) if (!wanted.has(tag)) drop.run(tag, id);
    const put = s.get(PUT);
    for (const tag of wanted) if (!current.includes(tag)) put.run(tag, id);
  }

  /** Tags per seq, each list sorted. */
  bySeq(seqs: readonly number[]): Map<number, string[]> {
    const out = new Map<number, string[]>();
    if (seqs.length === 0) return out;
    const sql = `SELECT seq, tag FROM item_tags INDEXED BY item_tags_seq WHERE seq IN (${placeholders(seqs.length)}) ORDER BY seq, tag`;
    for (const row of this.statements.get(sql).all(...seqs) as { seq: number; tag: string }[]) {
      const list = out.get(row.seq);
      if (list) list.push(row.tag);
      else out.set(row.seq, [row.tag]);
    }
    return out;
  }

  /** Adds and removes tags on items; returns the ids whose tags changed. */
  change(ids: readonly string[], add: readonly string[], remove: readonly string[]): string[] {
    const put = this.statements.get(PUT);
    const drop = this.statements.get('DELETE FROM item_tags WHERE tag = ? AND seq = (SELECT seq FROM items WHERE id = ?)');
    const changed: string[] = [];
    for (const id of ids) {
      let n = 0;
      for (const tag of remove) n += Number(drop.run(tag, id).changes);
      for (const tag of add) n += Number(put.run(tag, id).changes);
      if (n > 0) changed.push(id);
    }
    return changed;
  }

  list(options: { prefix?: string; limit: number }): LibraryTag[] {
    const prefix = options.prefix ?? '';
    // A range on the primary key: every tag that starts with the prefix (U+FFFF sorts after any character in a tag).
    const sql = `SELECT tag, live AS count FROM tag_counts WHERE live > 0 AND tag >= ? AND tag < ?
      ORDER BY live DESC, tag LIMIT ?`;
    return this.statements.get(sql).all(prefix, `${prefix}\uffff`, options.limit) as unknown as LibraryTag[];
  }

  /** The tags of items given in chunks of ids, with how many of them carry each. */
  ofItems(idChunks: readonly string[][]): LibraryTag[] {
    const counts = new Map<string, number>();
    for (const part of idChunks) {
      const sql = `SELECT t.tag AS tag, count(*) AS n FROM items i JOIN item_tags t INDEXED BY item_tags_seq ON t.seq = i.seq
        WHERE i.id IN (${placeholders(part.length)}) GROUP BY t.tag`;
      for (const row of this.statements.get(sql).all(...part) as { tag: string; n: number }[]) {
        counts.set(row.tag, (counts.get(row.tag) ?? 0) + Number(row.n));
      }
    }
    return [...counts].map(([tag, count]) => ({ tag, count })).sort(byCountThenName);
  }
}
