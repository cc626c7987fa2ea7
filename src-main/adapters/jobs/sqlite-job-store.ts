/**
 * The job queue in its own SQLite file, `<dataDir>/jobs.db` (WAL, node:sqlite). Not inside the library DB on purpose:
 * the library folder can be switched (demo library, a user-chosen folder) and its index can be rebuilt from files,
 * neither of which may lose queued work or the spend ledger; and the queue's frequent small writes do not contend
 * with the library's write transactions.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { inTransaction, openMigratedDatabase, StatementCache } from '../sqlite/sqlite-database';
import type { JobState, Tile } from '@contract';
import { PROMPT_HISTORY_MAX, type JobStore, type PromptHistoryEntry, type Reconciliation, type SpendEntry, type SpendFilter, type SpendKindName } from '../../core/jobs/job-store';
import type { BatchWithJobs, StoredBatch, StoredJob } from '../../core/jobs/types';
import type { GeneratePreset } from '@contract';
import type { PresetStore } from '../../services/presets/presets';

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE batches (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    model TEXT NOT NULL, aspect_ratio TEXT NOT NULL, resolution TEXT NOT NULL,
    n INTEGER NOT NULL, prompts TEXT NOT NULL, estimate_ticks INTEGER NOT NULL
  );
  CREATE TABLE jobs (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    batch_id TEXT NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
    prompt TEXT NOT NULL, prompt_index INTEGER NOT NULL, n INTEGER NOT NULL,
    state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL, started_at INTEGER, finished_at INTEGER,
    cost_ticks INTEGER, request_id TEXT, error TEXT, tiles TEXT NOT NULL
  );
  CREATE INDEX jobs_batch ON jobs (batch_id, seq);
  CREATE INDEX jobs_state ON jobs (state, seq);
  CREATE TABLE ledger (seq INTEGER PRIMARY KEY, job_id TEXT NOT NULL, at INTEGER NOT NULL, ticks INTEGER NOT NULL);
  CREATE INDEX ledger_at ON ledger (at);
  `,
  // One ledger for all paid work: edits and videos write here too. And the prompt history (was renderer-only).
  `
  ALTER TABLE ledger ADD COLUMN kind TEXT NOT NULL DEFAULT 'image';
  CREATE TABLE prompts (
    text TEXT PRIMARY KEY,
    last_used_at INTEGER NOT NULL,
    uses INTEGER NOT NULL DEFAULT 1
  );
  CREATE INDEX prompts_recent ON prompts (last_used_at DESC);
  `,
  // Demo mode spends nothing: its rows are kept apart from the real totals and the budget. And a lookup by ref, so
  // paid work found again after a crash is recorded once.
  `
  ALTER TABLE ledger ADD COLUMN demo INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX ledger_ref ON ledger (job_id);
  `,
  // Saved Generate presets (issue 6). Names are unique regardless of case.
  `
  CREATE TABLE presets (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    model TEXT NOT NULL, n INTEGER NOT NULL, aspect_ratio TEXT NOT NULL, resolution TEXT NOT NULL,
    prompt_suffix TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
  );
  `,
  // Issue 15.3: the quality a batch sends and a preset keeps (2.0 only; NULL for models without one).
  `
  ALTER TABLE batches ADD COLUMN quality TEXT;
  ALTER TABLE presets ADD COLUMN quality TEXT;
  `,
  // Issue 19: a batch's optional facts as JSON (the prompt before an accepted rewrite, a model comparison).
  `
  ALTER TABLE batches ADD COLUMN extra TEXT NOT NULL DEFAULT '{}';
  `,
  // Issue 15.5: what each piece of paid work was estimated at, so the ledger can reconcile estimates with bills.
  `
  ALTER TABLE ledger ADD COLUMN estimate_ticks INTEGER;
  `,
  // Issue 19: queue control. A queue position per job (lower runs first; as submitted until the user moves jobs) and
  // the queue's pause switch, so both survive a restart or a crash.
  `
  ALTER TABLE jobs ADD COLUMN queue_pos INTEGER;
  UPDATE jobs SET queue_pos = seq;
  CREATE INDEX jobs_queue ON jobs (state, queue_pos);
  CREATE TABLE queue_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  `,
];

function open(file: string): DatabaseSync {
  return openMigratedDatabase(file, { label: 'The job queue', pragmas: 'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;', migrations: MIGRATIONS });
}

type Row = Record<string, string | number | null>;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toBatch(r: Row): StoredBatch {
  return {
    id: String(r.id), createdAt: Number(r.created_at), model: String(r.model), aspectRatio: String(r.aspect_ratio),
    resolution: String(r.resolution), n: Number(r.n), prompts: JSON.parse(String(r.prompts)) as string[],
    estimateTicks: Number(r.estimate_ticks),
    ...(r.quality ? { quality: String(r.quality) } : {}), ...batchExtra(r.extra),
  };
}

/** The optional facts of a batch (column `extra`), each kept only when well-formed. */
function batchExtra(text: unknown): Pick<StoredBatch, 'originalPrompt' | 'group' | 'subjectItemId'> {
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(String(text ?? '{}')) as Record<string, unknown>;
  } catch {
    return {};
  }
  const g = v.group as { id?: unknown; index?: unknown } | undefined;
  return {
    ...(typeof v.originalPrompt === 'string' ? { originalPrompt: v.originalPrompt } : {}),
    ...(g && typeof g.id === 'string' && typeof g.index === 'number' ? { group: { id: g.id, index: g.index } } : {}),
    ...(typeof v.subjectItemId === 'string' ? { subjectItemId: v.subjectItemId } : {}),
  };
}

const extraOf = (b: StoredBatch) =>
  JSON.stringify({
    ...(b.originalPrompt ? { originalPrompt: b.originalPrompt } : {}), ...(b.group ? { group: b.group } : {}),
    ...(b.subjectItemId ? { subjectItemId: b.subjectItemId } : {}),
  });

function toJob(r: Row): StoredJob {
  return {
    id: String(r.id), batchId: String(r.batch_id), prompt: String(r.prompt), promptIndex: Number(r.prompt_index),
    n: Number(r.n), state: String(r.state) as JobState, attempts: Number(r.attempts), createdAt: Number(r.created_at),
    startedAt: num(r.started_at), finishedAt: num(r.finished_at), costTicks: num(r.cost_ticks),
    requestId: r.request_id === null ? null : String(r.request_id),
    error: r.error === null ? null : (JSON.parse(String(r.error)) as StoredJob['error']),
    tiles: JSON.parse(String(r.tiles)) as Tile[],
  };
}

function toPreset(r: Row): GeneratePreset {
  return {
    id: String(r.id), name: String(r.name), model: String(r.model), n: Number(r.n),
    aspectRatio: String(r.aspect_ratio) as GeneratePreset['aspectRatio'], resolution: String(r.resolution) as GeneratePreset['resolution'],
    ...(r.quality ? { quality: String(r.quality) as GeneratePreset['quality'] } : {}),
    promptSuffix: String(r.prompt_suffix), createdAt: Number(r.created_at), updatedAt: Number(r.updated_at),
  };
}

/**
 * `JobStore` on SQLite, and the Generate presets (`PresetStore`). Statements are cached; every write is its own
 * (durable in WAL) transaction.
 */
export class SqliteJobStore implements JobStore, PresetStore {
  private readonly db: DatabaseSync;
  private readonly statements: StatementCache;

  constructor(file: string) {
    this.db = open(file);
    this.statements = new StatementCache(this.db);
  }

  private stmt(sql: string): StatementSync {
    return this.statements.get(sql);
  }

  private tx<T>(work: () => T): T {
    return inTransaction(this.db, work);
  }

  insertBatch(batch: StoredBatch, jobs: StoredJob[]): void {
    this.tx(() => {
      this.stmt('INSERT INTO batches (id, created_at, model, aspect_ratio, resolution, n, prompts, estimate_ticks, quality, extra) VALUES (?,?,?,?,?,?,?,?,?,?)')
        .run(batch.id, batch.createdAt, batch.model, batch.aspectRatio, batch.resolution, batch.n, JSON.stringify(batch.prompts), batch.estimateTicks, batch.quality ?? null, extraOf(batch));
      const insert = this.stmt(
        `INSERT INTO jobs (id, batch_id, prompt, prompt_index, n, state, attempts, created_at, started_at, finished_at, cost_ticks, request_id, error, tiles, queue_pos)
         VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?, (SELECT COALESCE(MAX(queue_pos), 0) + 1 FROM jobs))`,
      );
      for (const j of jobs) {
        insert.run(j.id, j.batchId, j.prompt, j.promptIndex, j.n, j.state, j.attempts, j.createdAt, j.startedAt, j.finishedAt,
          j.costTicks, j.requestId, j.error ? JSON.stringify(j.error) : null, JSON.stringify(j.tiles));
      }
    });
  }

  setBatchModel(id: string, model: string, quality: string | null): void {
    this.stmt('UPDATE batches SET model = ?, quality = ? WHERE id = ?').run(model, quality, id);
  }

  updateJob(j: StoredJob): void {
    this.stmt('UPDATE jobs SET state=?, attempts=?, started_at=?, finished_at=?, cost_ticks=?, request_id=?, error=?, tiles=? WHERE id=?')
      .run(j.state, j.attempts, j.startedAt, j.finishedAt, j.costTicks, j.requestId, j.error ? JSON.stringify(j.error) : null, JSON.stringify(j.tiles), j.id);
  }

  getJob(id: string): StoredJob | undefined {
    const r = this.stmt('SELECT * FROM jobs WHERE id = ?').get(id) as Row | undefined;
    return r ? toJob(r) : undefined;
  }

  private jobsOf(batchId: string): StoredJob[] {
    return (this.stmt('SELECT * FROM jobs WHERE batch_id = ? ORDER BY seq').all(batchId) as Row[]).map(toJob);
  }

  getBatch(id: string): BatchWithJobs | undefined {
    const r = this.stmt('SELECT * FROM batches WHERE id = ?').get(id) as Row | undefined;
    return r ? { batch: toBatch(r), jobs: this.jobsOf(String(r.id)) } : undefined;
  }

  getBatchMeta(id: string): StoredBatch | undefined {
    const r = this.stmt('SELECT * FROM batches WHERE id = ?').get(id) as Row | undefined;
    return r ? toBatch(r) : undefined;
  }

  unfinishedJobs(batchId: string): number {
    const r = this.stmt("SELECT COUNT(*) AS n FROM jobs WHERE batch_id = ? AND state IN ('queued', 'running')").get(batchId) as { n: number };
    return Number(r.n);
  }

  listBatches(): BatchWithJobs[] {
    const batches = (this.stmt('SELECT * FROM batches ORDER BY seq DESC').all() as Row[]).map(toBatch);
    const byBatch = new Map<string, StoredJob[]>(batches.map((b) => [b.id, []]));
    for (const r of this.stmt('SELECT * FROM jobs ORDER BY seq').all() as Row[]) byBatch.get(String(r.batch_id))?.push(toJob(r));
    return batches.map((batch) => ({ batch, jobs: byBatch.get(batch.id) ?? [] }));
  }

  queuedJobIds(): string[] {
    return (this.stmt("SELECT id FROM jobs WHERE state = 'queued' ORDER BY queue_pos, seq").all() as Row[]).map((r) => String(r.id));
  }

  setQueueOrder(ids: readonly string[]): void {
    this.tx(() => {
      const rest = this.queuedJobIds().filter((id) => !ids.includes(id));
      // Positions below every existing one, so the moved jobs (then the rest) run before anything queued earlier.
      const low = Number((this.stmt('SELECT COALESCE(MIN(queue_pos), 0) AS m FROM jobs').get() as { m: number }).m);
      const set = this.stmt('UPDATE jobs SET queue_pos = ? WHERE id = ?');
      let p = low - ids.length - rest.length - 1;
      for (const id of [...ids, ...rest]) set.run(++p, id);
    });
  }

  queuePaused(): boolean {
    const r = this.stmt("SELECT value FROM queue_state WHERE key = 'paused'").get() as { value: string } | undefined;
    return r?.value === '1';
  }

  setQueuePaused(paused: boolean): void {
    this.stmt("INSERT INTO queue_state (key, value) VALUES ('paused', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(paused ? '1' : '0');
  }

  markInterrupted(messageFor: string | ((job: StoredJob) => string), now: number): string[] {
    return this.tx(() => {
      const running = (this.stmt("SELECT * FROM jobs WHERE state = 'running' ORDER BY seq").all() as Row[]).map(toJob);
      for (const j of running) {
        const message = typeof messageFor === 'string' ? messageFor : messageFor(j);
        j.state = 'interrupted';
        j.finishedAt = now;
        j.error = { kind: 'interrupted', message };
        j.tiles = j.tiles.map((t) => (t.state === 'pending' ? { ...t, state: 'interrupted', reason: message } : t));
        this.updateJob(j);
      }
      return running.map((j) => j.id);
    });
  }

  deleteBatches(ids: readonly string[]): number {
    return this.tx(() => {
      let n = 0;
      for (const id of new Set(ids)) {
        this.stmt('DELETE FROM jobs WHERE batch_id = ?').run(id);
        n += Number(this.stmt('DELETE FROM batches WHERE id = ?').run(id).changes);
      }
      return n;
    });
  }

  recordSpend(entry: SpendEntry): void {
    this.stmt('INSERT INTO ledger (job_id, at, ticks, kind, demo, estimate_ticks) VALUES (?,?,?,?,?,?)')
      .run(entry.jobId, entry.at, entry.ticks, entry.kind ?? 'image', entry.demo ? 1 : 0, entry.estimateTicks ?? null);
  }

  reconcileSince(since: number, filter: Pick<SpendFilter, 'demo'> = {}): Reconciliation {
    const r = this.stmt(`SELECT COUNT(*) AS n, COALESCE(SUM(estimate_ticks), 0) AS e, COALESCE(SUM(ticks), 0) AS b FROM ledger
      WHERE at >= ? AND demo = ? AND estimate_ticks IS NOT NULL`).get(since, filter.demo ? 1 : 0) as { n: number; e: number; b: number };
    return { count: Number(r.n), estimateTicks: Number(r.e), billedTicks: Number(r.b) };
  }

  spentSince(since: number, filter: SpendFilter = {}): number {
    const demo = filter.demo ? 1 : 0;
    const r = (filter.kind === undefined
      ? this.stmt('SELECT COALESCE(SUM(ticks), 0) AS s FROM ledger WHERE at >= ? AND demo = ?').get(since, demo)
      : this.stmt('SELECT COALESCE(SUM(ticks), 0) AS s FROM ledger WHERE at >= ? AND demo = ? AND kind = ?').get(since, demo, filter.kind)) as { s: number };
    return Number(r.s);
  }

  hasSpend(ref: string, kind: SpendKindName): boolean {
    return this.stmt('SELECT 1 AS x FROM ledger WHERE job_id = ? AND kind = ? LIMIT 1').get(ref, kind) !== undefined;
  }

  rememberPrompts(prompts: readonly string[], at: number): void {
    const texts = prompts.map((p) => p.trim()).filter(Boolean);
    if (texts.length === 0) return;
    this.tx(() => {
      const upsert = this.stmt(
        'INSERT INTO prompts (text, last_used_at, uses) VALUES (?, ?, 1) ON CONFLICT (text) DO UPDATE SET last_used_at = excluded.last_used_at, uses = uses + 1',
      );
      for (const t of texts) upsert.run(t, at);
      this.stmt('DELETE FROM prompts WHERE rowid IN (SELECT rowid FROM prompts ORDER BY last_used_at DESC, rowid DESC LIMIT -1 OFFSET ?)').run(PROMPT_HISTORY_MAX);
    });
  }

  promptHistory({ query, limit }: { query?: string; limit: number }): PromptHistoryEntry[] {
    const q = query?.trim() ?? '';
    const rows = (q
      ? this.stmt("SELECT text, last_used_at, uses FROM prompts WHERE text LIKE ? ESCAPE '\\' ORDER BY last_used_at DESC, rowid DESC LIMIT ?")
        .all(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit)
      : this.stmt('SELECT text, last_used_at, uses FROM prompts ORDER BY last_used_at DESC, rowid DESC LIMIT ?').all(limit)) as Row[];
    return rows.map((r) => ({ text: String(r.text), lastUsedAt: Number(r.last_used_at), uses: Number(r.uses) }));
  }

  listPresets(): GeneratePreset[] {
    return (this.stmt('SELECT * FROM presets ORDER BY name COLLATE NOCASE, created_at').all() as Row[]).map(toPreset);
  }

  getPreset(id: string): GeneratePreset | undefined {
    const r = this.stmt('SELECT * FROM presets WHERE id = ?').get(id) as Row | undefined;
    return r ? toPreset(r) : undefined;
  }

  presetByName(name: string): GeneratePreset | undefined {
    const r = this.stmt('SELECT * FROM presets WHERE name = ? COLLATE NOCASE').get(name) as Row | undefined;
    return r ? toPreset(r) : undefined;
  }

  putPreset(p: GeneratePreset): void {
    this.stmt(
      `INSERT INTO presets (id, name, model, n, aspect_ratio, resolution, quality, prompt_suffix, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, model = excluded.model, n = excluded.n, aspect_ratio = excluded.aspect_ratio,
         resolution = excluded.resolution, quality = excluded.quality, prompt_suffix = excluded.prompt_suffix, updated_at = excluded.updated_at`,
    ).run(p.id, p.name, p.model, p.n, p.aspectRatio, p.resolution, p.quality ?? null, p.promptSuffix, p.createdAt, p.updatedAt);
  }

  deletePreset(id: string): boolean {
    return Number(this.stmt('DELETE FROM presets WHERE id = ?').run(id).changes) > 0;
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
