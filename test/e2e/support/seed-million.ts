/**
 * A synthetic index of `count` items written with one SQL statement (no files, no sharp): how an e2e test gets a
 * 1,000,000-item library in seconds. Rows are marked missing (their files were never written), so the start-up
 * check has nothing to change and the back-fill nothing to remake; tiles show "Missing file" under their names.
 * Item n is named "synthetic item n"; item 1 is the oldest, the last tile of the newest-first grid.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SqliteLibraryStore } from '../../../src-main/adapters/library/sqlite-library-store';

/** When item 0 would have been made; item n is made n minutes later. */
export const BASE = Date.UTC(2020, 0, 1);

export function seedSyntheticIndex(dataDir: string, count: number): void {
  const dir = path.join(dataDir, 'library');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'library.db');
  new SqliteLibraryStore(file).close(); // creates the schema at its current version
  const db = new DatabaseSync(file);
  try {
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;');
    // Five shapes in turn (square, 16:9, 9:16, 4:3, 3:2), so the justified rows have real work to do.
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
      INSERT INTO items (seq, id, kind, created_at, prompt, params, width, height, bytes, mime, origin, missing, file, thumb, preview, thumb_px)
      SELECT (? + i * 60000) * 1024, printf('%032x', i), 'image', ? + i * 60000, 'synthetic item ' || i, '{}',
        CASE i % 5 WHEN 2 THEN 576 ELSE 1024 END,
        CASE i % 5 WHEN 0 THEN 1024 WHEN 1 THEN 576 WHEN 2 THEN 1024 WHEN 3 THEN 768 ELSE 683 END,
        1000, 'image/jpeg', 'generated', 1, 'media/' || substr(printf('%032x', i), 1, 2) || '/' || printf('%032x', i) || '.jpg',
        NULL, NULL, 512
      FROM n`,
    ).run(count, BASE, BASE);
  } finally {
    db.close();
  }
}
