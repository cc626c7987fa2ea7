/**
 * A journal of paid work (core/jobs/journal.ts) in its own SQLite file (node:sqlite, WAL): separate from the library
 * index (which can be rebuilt or switched) and from the image queue, so neither can lose a billed job.
 * `synchronous = FULL`: writes are rare (a handful per job) and each one may be the only record of a paid request.
 * The whole job is one JSON document; state and the provider's id are columns for the queries.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { openMigratedDatabase } from './sqlite-database';
import { FINAL_STATES, type JobJournal, type JournalPatch, type JournalRow } from '../../core/jobs/journal';

export interface SqliteJournalOptions<J> {
  /** For errors ("The video journal version 3 is newer than this app"). */
  label: string;
  table: string;
  /** The column holding the provider's id of the job. */
  idColumn: string;
  /** Append-only; each creates or changes `table` (columns seq, id, state, created_at, idColumn, data). */
  migrations: readonly string[];
  remoteId(job: J): string | null;
}

const finalList = FINAL_STATES.map((s) => `'${s}'`).join(', ');

export class SqliteJournal<J extends JournalRow, P = JournalPatch<J>> implements JobJournal<J, P> {
  private readonly db: DatabaseSync;
  private readonly stmts: Record<'insert' | 'write' | 'get' | 'list' | 'unfinished' | 'removeFinished', StatementSync>;
  private readonly remoteId: (job: J) => string | null;

  constructor(file: string, o: SqliteJournalOptions<J>) {
    this.db = openMigratedDatabase(file, { label: o.label, pragmas: 'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;', migrations: o.migrations });
    this.remoteId = o.remoteId;
    const t = o.table;
    this.stmts = {
      insert: this.db.prepare(`INSERT INTO ${t} (id, state, created_at, ${o.idColumn}, data) VALUES (?, ?, ?, ?, ?)`),
      write: this.db.prepare(`UPDATE ${t} SET state = ?, ${o.idColumn} = ?, data = ? WHERE id = ?`),
      get: this.db.prepare(`SELECT data FROM ${t} WHERE id = ?`),
      list: this.db.prepare(`SELECT data FROM ${t} ORDER BY seq DESC`),
      unfinished: this.db.prepare(`SELECT data FROM ${t} WHERE state NOT IN (${finalList}) ORDER BY seq`),
      removeFinished: this.db.prepare(`DELETE FROM ${t} WHERE state IN (${finalList})`),
    };
  }

  private parse = (row: unknown): J => JSON.parse(String((row as { data: string }).data)) as J;

  insert(job: J): void {
    this.stmts.insert.run(job.id, job.state, job.createdAt, this.remoteId(job), JSON.stringify(job));
  }

  update(id: string, patch: P): J | undefined {
    const current = this.get(id);
    if (!current) return undefined;
    const next: J = { ...current, ...patch };
    this.stmts.write.run(next.state, this.remoteId(next), JSON.stringify(next), id);
    return next;
  }

  get(id: string): J | undefined {
    const row = this.stmts.get.get(id);
    return row ? this.parse(row) : undefined;
  }

  list(): J[] {
    return this.stmts.list.all().map(this.parse);
  }

  unfinished(): J[] {
    return this.stmts.unfinished.all().map(this.parse);
  }

  removeFinished(): number {
    return Number(this.stmts.removeFinished.run().changes);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
