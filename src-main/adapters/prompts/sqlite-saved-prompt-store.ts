/**
 * The prompt library on SQLite, in its own file (`<dataDir>/prompts.db`) so it outlives library switches and
 * rebuilds, and so its schema moves on its own.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { SavedPrompt } from '@contract';
import { openMigratedDatabase, StatementCache } from '../sqlite/sqlite-database';
import type { SavedPromptStore } from '../../core/prompts/saved-prompts';

/** Append-only; `PRAGMA user_version` records the last step applied. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE saved_prompts (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    text TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '[]',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
];

type Row = Record<string, string | number | null>;
const toPrompt = (r: Row): SavedPrompt => ({
  id: String(r.id), name: String(r.name), text: String(r.text), tags: JSON.parse(String(r.tags)) as string[],
  createdAt: Number(r.created_at), updatedAt: Number(r.updated_at),
});

export class SqliteSavedPromptStore implements SavedPromptStore {
  private readonly db: DatabaseSync;
  private readonly statements: StatementCache;

  constructor(file: string) {
    this.db = openMigratedDatabase(file, { label: 'The prompt library', pragmas: 'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;', migrations: MIGRATIONS });
    this.statements = new StatementCache(this.db);
  }

  private stmt(sql: string): StatementSync {
    return this.statements.get(sql);
  }

  list(): SavedPrompt[] {
    return (this.stmt('SELECT * FROM saved_prompts ORDER BY name COLLATE NOCASE, created_at').all() as Row[]).map(toPrompt);
  }
  get(id: string): SavedPrompt | undefined {
    const r = this.stmt('SELECT * FROM saved_prompts WHERE id = ?').get(id) as Row | undefined;
    return r ? toPrompt(r) : undefined;
  }
  byName(name: string): SavedPrompt | undefined {
    const r = this.stmt('SELECT * FROM saved_prompts WHERE name = ? COLLATE NOCASE').get(name) as Row | undefined;
    return r ? toPrompt(r) : undefined;
  }
  put(p: SavedPrompt): void {
    this.stmt(
      `INSERT INTO saved_prompts (id, name, text, tags, created_at, updated_at) VALUES (?,?,?,?,?,?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, text = excluded.text, tags = excluded.tags, updated_at = excluded.updated_at`,
    ).run(p.id, p.name, p.text, JSON.stringify(p.tags), p.createdAt, p.updatedAt);
  }
  delete(id: string): boolean {
    return Number(this.stmt('DELETE FROM saved_prompts WHERE id = ?').run(id).changes) > 0;
  }
  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
