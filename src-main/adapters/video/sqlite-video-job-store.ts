/**
 * The video job journal in its own SQLite file, `<dataDir>/video-jobs.db` (node:sqlite, WAL). Separate from the
 * library index (which can be rebuilt or switched) and from the image queue, so neither can lose a billed video job.
 * `synchronous = FULL`: writes are rare (a handful per job) and each one may be the only record of a paid request.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { openMigratedDatabase } from '../sqlite/sqlite-database';
import { FINAL_STATES, type StoredVideoJob, type VideoJobPatch, type VideoJobStore } from '../../core/video/video-job';

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE video_jobs (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    video_request_id TEXT,
    data TEXT NOT NULL
  );
  CREATE INDEX video_jobs_state ON video_jobs (state, seq);
  `,
];

function open(file: string): DatabaseSync {
  return openMigratedDatabase(file, { label: 'The video journal', pragmas: 'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;', migrations: MIGRATIONS });
}

const finalList = FINAL_STATES.map((s) => `'${s}'`).join(', ');
const parse = (row: unknown): StoredVideoJob => JSON.parse(String((row as { data: string }).data)) as StoredVideoJob;

/** `VideoJobStore` on node:sqlite. The whole job is one JSON document; state and ids are columns for the queries. */
export class SqliteVideoJobStore implements VideoJobStore {
  private readonly db: DatabaseSync;
  private readonly stmts: Record<'insert' | 'write' | 'get' | 'list' | 'unfinished' | 'removeFinished', StatementSync>;

  constructor(file: string) {
    this.db = open(file);
    this.stmts = {
      insert: this.db.prepare('INSERT INTO video_jobs (id, state, created_at, video_request_id, data) VALUES (?, ?, ?, ?, ?)'),
      write: this.db.prepare('UPDATE video_jobs SET state = ?, video_request_id = ?, data = ? WHERE id = ?'),
      get: this.db.prepare('SELECT data FROM video_jobs WHERE id = ?'),
      list: this.db.prepare('SELECT data FROM video_jobs ORDER BY seq DESC'),
      unfinished: this.db.prepare(`SELECT data FROM video_jobs WHERE state NOT IN (${finalList}) ORDER BY seq`),
      removeFinished: this.db.prepare(`DELETE FROM video_jobs WHERE state IN (${finalList})`),
    };
  }

  insert(job: StoredVideoJob): void {
    this.stmts.insert.run(job.id, job.state, job.createdAt, job.videoRequestId, JSON.stringify(job));
  }

  update(id: string, patch: VideoJobPatch): StoredVideoJob | undefined {
    const current = this.get(id);
    if (!current) return undefined;
    const next: StoredVideoJob = { ...current, ...patch };
    this.stmts.write.run(next.state, next.videoRequestId, JSON.stringify(next), id);
    return next;
  }

  get(id: string): StoredVideoJob | undefined {
    const row = this.stmts.get.get(id);
    return row ? parse(row) : undefined;
  }

  list(): StoredVideoJob[] {
    return this.stmts.list.all().map(parse);
  }

  unfinished(): StoredVideoJob[] {
    return this.stmts.unfinished.all().map(parse);
  }

  removeFinished(): number {
    return Number(this.stmts.removeFinished.run().changes);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
