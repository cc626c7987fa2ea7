import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { SqliteLibraryStore } from './src-main/adapters/library/sqlite-library-store';
import { seedItems } from './bench/library-seed';
const file = process.argv[2] ?? '/tmp/libtools-bench.db';
const n = Number(process.argv[3] ?? 100000);
if (!existsSync(file)) { const s = new SqliteLibraryStore(file); for (let i = 0; i < n; i += 50000) s.insert(seedItems(Math.min(50000, n - i), 42 + i)); s.close(); }
const db = new DatabaseSync(file);
const t = (label: string, sql: string, ...p: any[]) => {
  const plan = db.prepare('EXPLAIN QUERY PLAN ' + sql).all(...p).map((r: any) => r.detail).join(' | ');
  const times: number[] = [];
  let res: any;
  for (let i = 0; i < 7; i++) { const t0 = performance.now(); res = db.prepare(sql).all(...p); times.push(performance.now() - t0); }
  times.sort((a, b) => a - b);
  console.log(label, times[3]!.toFixed(1), 'ms', JSON.stringify(res[0]), '\n   ', plan);
};
for (const sql of process.argv.slice(4)) t('q', sql);
const base = `SELECT count(*) AS n FROM items i WHERE i.trashed_at IS NULL`;
t('portrait-in', `${base} AND i.seq IN (SELECT seq FROM item_tags WHERE tag = 'portrait')`);
t('portrait-join', `SELECT count(*) n FROM item_tags t JOIN items i ON i.seq = t.seq WHERE t.tag='portrait' AND i.trashed_at IS NULL`);
t('best-in', `${base} AND i.seq IN (SELECT seq FROM item_tags WHERE tag = 'portrait') AND i.seq NOT IN (SELECT seq FROM item_tags WHERE tag='draft') AND i.rating IN (4,5)`);
t('best-join', `SELECT count(*) n FROM item_tags t JOIN items i ON i.seq = t.seq WHERE t.tag='portrait' AND i.trashed_at IS NULL AND i.rating IN (4,5) AND NOT EXISTS (SELECT 1 FROM item_tags d WHERE d.tag='draft' AND d.seq = t.seq)`);
t('rating5', `${base} AND i.rating IN (5)`);
t('favvideo', `${base} AND i.kind='video' AND i.favorite=1 AND i.rating IN (3,4,5)`);
t('count-all-tags', `SELECT count(*) FROM item_tags`);
import { LibraryFilter } from './src-preload/contract/library';
const store = new SqliteLibraryStore(file);
for (const text of ['tag:portrait', 'tag:portrait -tag:draft rating:>=4', 'tag:client-a -tag:rejected', 'tag:draft rating:0', 'fox tag:landscape']) {
  const times: number[] = []; let r: any;
  for (let i = 0; i < 7; i++) { const t0 = performance.now(); r = store.query({ filter: LibraryFilter.parse({ text }), sort: 'newest', limit: 1 }); times.push(performance.now() - t0); }
  times.sort((a, b) => a - b); console.log('store', text, times[3]!.toFixed(2), r.total);
}
