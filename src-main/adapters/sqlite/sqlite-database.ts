import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';

/**
 * The SQLite plumbing every store shares (library index, image queue, video journal): open with the store's
 * pragmas, apply numbered migrations one transaction each (`PRAGMA user_version` records the last), refuse a
 * database written by a newer app, and run work in `BEGIN IMMEDIATE` transactions.
 */
export function openMigratedDatabase(
  file: string,
  options: { pragmas: string; migrations: readonly string[]; label: string; beforeMigrate?: string; afterMigrate?: string },
): DatabaseSync {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  db.exec(options.pragmas);
  if (options.beforeMigrate) db.exec(options.beforeMigrate);
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  const current = Number(row?.user_version ?? 0);
  const latest = options.migrations.length;
  if (current > latest) {
    db.close();
    throw new Error(`${options.label} version ${current} is newer than this app (${latest}).`);
  }
  for (let version = current; version < latest; version += 1) {
    inTransaction(db, () => {
      db.exec(options.migrations[version] ?? '');
      db.exec(`PRAGMA user_version = ${version + 1}`);
    });
  }
  if (options.afterMigrate) db.exec(options.afterMigrate);
  return db;
}

/** Runs `work` in one write transaction; a throw rolls everything back. */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}

/** Prepared statements, compiled once per SQL text. */
export class StatementCache {
  private readonly cache = new Map<string, StatementSync>();
  constructor(private readonly db: DatabaseSync) {}

  get(sql: string): StatementSync {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }
}
