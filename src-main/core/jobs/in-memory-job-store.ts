import type { JobStore } from './job-store';
import type { BatchWithJobs, StoredBatch, StoredJob } from './types';

const copy = <T>(v: T): T => structuredClone(v);

/** The in-memory twin of `SqliteJobStore`, for service tests that do not need a file. */
export class InMemoryJobStore implements JobStore {
  private batches: StoredBatch[] = [];
  private jobs = new Map<string, StoredJob>();
  private order: string[] = [];
  private ledger: { jobId: string; at: number; ticks: number }[] = [];

  insertBatch(batch: StoredBatch, jobs: StoredJob[]): void {
    this.batches.push(copy(batch));
    for (const j of jobs) {
      this.jobs.set(j.id, copy(j));
      this.order.push(j.id);
    }
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

  listBatches(): BatchWithJobs[] {
    return [...this.batches].reverse().map((b) => ({ batch: copy(b), jobs: this.jobsOf(b.id) }));
  }

  queuedJobIds(): string[] {
    return this.order.filter((id) => this.jobs.get(id)?.state === 'queued');
  }

  markInterrupted(message: string, now: number): string[] {
    const ids: string[] = [];
    for (const j of this.jobs.values()) {
      if (j.state !== 'running') continue;
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

  recordSpend(entry: { jobId: string; at: number; ticks: number }): void {
    this.ledger.push({ ...entry });
  }

  spentSince(since: number): number {
    return this.ledger.filter((e) => e.at >= since).reduce((sum, e) => sum + e.ticks, 0);
  }

  close(): void {}
}
