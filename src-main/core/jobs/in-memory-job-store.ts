import { PROMPT_HISTORY_MAX, type JobStore, type PromptHistoryEntry, type Reconciliation, type SpendEntry, type SpendFilter, type SpendKindName } from './job-store';
import type { BatchWithJobs, StoredBatch, StoredJob } from './types';

const copy = <T>(v: T): T => structuredClone(v);

/** The in-memory twin of `SqliteJobStore`, for service tests that do not need a file. */
export class InMemoryJobStore implements JobStore {
  private batches: StoredBatch[] = [];
  private jobs = new Map<string, StoredJob>();
  private order: string[] = [];
  private ledger: Required<SpendEntry>[] = [];
  private prompts = new Map<string, PromptHistoryEntry>();
  /** Queue position per job (lower runs first), set at insert and by `setQueueOrder`. */
  private pos = new Map<string, number>();
  private nextPos = 0;
  private paused = false;

  insertBatch(batch: StoredBatch, jobs: StoredJob[]): void {
    this.batches.push(copy(batch));
    for (const j of jobs) {
      this.jobs.set(j.id, copy(j));
      this.order.push(j.id);
      this.pos.set(j.id, ++this.nextPos);
    }
  }

  setBatchModel(id: string, model: string, quality: string | null): void {
    const b = this.batches.find((x) => x.id === id);
    if (!b) return;
    b.model = model;
    if (quality) b.quality = quality;
    else delete b.quality;
  }

  updateJob(job: StoredJob): void {
    if (this.jobs.has(job.id)) this.jobs.set(job.id, copy(job));
  }

  getJob(id: string) {
    const j = this.jobs.get(id);
    return j ? copy(j) : undefined;
  }

  private jobsOf(batchId: string): StoredJob[] {
    return this.order.map((id) => this.jobs.get(id) as StoredJob).filter((j) => j.batchId === batchId).map(copy);
  }

  getBatch(id: string): BatchWithJobs | undefined {
    const batch = this.batches.find((b) => b.id === id);
    return batch ? { batch: copy(batch), jobs: this.jobsOf(id) } : undefined;
  }

  getBatchMeta(id: string): StoredBatch | undefined {
    const batch = this.batches.find((b) => b.id === id);
    return batch ? copy(batch) : undefined;
  }

  unfinishedJobs(batchId: string): number {
    let n = 0;
    for (const j of this.jobs.values()) if (j.batchId === batchId && (j.state === 'queued' || j.state === 'running')) n++;
    return n;
  }

  listBatches(): BatchWithJobs[] {
    return [...this.batches].reverse().map((b) => ({ batch: copy(b), jobs: this.jobsOf(b.id) }));
  }

  queuedJobIds(): string[] {
    return this.order.filter((id) => this.jobs.get(id)?.state === 'queued').sort((a, b) => (this.pos.get(a) ?? 0) - (this.pos.get(b) ?? 0));
  }

  setQueueOrder(ids: readonly string[]): void {
    const rest = this.queuedJobIds().filter((id) => !ids.includes(id));
    let p = Math.min(0, ...[...this.pos.values()]) - ids.length - rest.length;
    for (const id of [...ids, ...rest]) if (this.jobs.has(id)) this.pos.set(id, ++p);
  }

  queuePaused(): boolean {
    return this.paused;
  }

  setQueuePaused(paused: boolean): void {
    this.paused = paused;
  }

  markInterrupted(messageFor: string | ((job: StoredJob) => string), now: number): string[] {
    const ids: string[] = [];
    for (const j of this.jobs.values()) {
      if (j.state !== 'running') continue;
      const message = typeof messageFor === 'string' ? messageFor : messageFor(j);
      j.state = 'interrupted';
      j.finishedAt = now;
      j.error = { kind: 'interrupted', message };
      j.tiles = j.tiles.map((t) => (t.state === 'pending' ? { ...t, state: 'interrupted', reason: message } : t));
      ids.push(j.id);
    }
    return ids;
  }

  deleteBatches(ids: readonly string[]): number {
    const doomed = new Set(ids);
    const before = this.batches.length;
    this.batches = this.batches.filter((b) => !doomed.has(b.id));
    for (const [id, j] of this.jobs) if (doomed.has(j.batchId)) this.jobs.delete(id);
    this.order = this.order.filter((id) => this.jobs.has(id));
    return before - this.batches.length;
  }

  recordSpend(entry: SpendEntry): void {
    this.ledger.push({ kind: 'image', demo: false, ...entry, estimateTicks: entry.estimateTicks ?? null });
  }

  spentSince(since: number, filter: SpendFilter = {}): number {
    return this.ledger
      .filter((e) => e.at >= since && e.demo === (filter.demo ?? false) && (filter.kind === undefined || e.kind === filter.kind))
      .reduce((sum, e) => sum + e.ticks, 0);
  }

  reconcileSince(since: number, filter: Pick<SpendFilter, 'demo'> = {}): Reconciliation {
    const rows = this.ledger.filter((e) => e.at >= since && e.demo === (filter.demo ?? false) && typeof e.estimateTicks === 'number');
    return { count: rows.length, estimateTicks: rows.reduce((s, e) => s + (e.estimateTicks ?? 0), 0), billedTicks: rows.reduce((s, e) => s + e.ticks, 0) };
  }

  hasSpend(ref: string, kind: SpendKindName): boolean {
    return this.ledger.some((e) => e.jobId === ref && e.kind === kind);
  }

  rememberPrompts(prompts: readonly string[], at: number): void {
    for (const raw of prompts) {
      const text = raw.trim();
      if (!text) continue;
      const uses = (this.prompts.get(text)?.uses ?? 0) + 1;
      this.prompts.delete(text);
      this.prompts.set(text, { text, lastUsedAt: at, uses });
    }
    while (this.prompts.size > PROMPT_HISTORY_MAX) this.prompts.delete(this.prompts.keys().next().value as string);
  }

  promptHistory({ query, limit }: { query?: string; limit: number }): PromptHistoryEntry[] {
    const q = query?.trim().toLowerCase() ?? '';
    return [...this.prompts.values()]
      .reverse()
      .filter((p) => !q || p.text.toLowerCase().includes(q))
      .sort((a, b) => b.lastUsedAt - a.lastUsedAt)
      .slice(0, limit)
      .map((p) => ({ ...p }));
  }

  close(): void {}
}
