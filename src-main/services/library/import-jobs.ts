import type { ImportProgress } from '@contract';
import type { EventSink } from '../../core/ports';
import type { ImportFile, ImportOutcome, ImportPipeline } from './import-pipeline';
import { COMMIT_BATCH, IMPORT_FILES } from './import-pipeline';

/** Progress events at most this often per job (and always when it ends). */
const EVENT_EVERY_MS = 200;
/** A job nobody has fed or asked about for this long is forgotten (a page that was closed mid-import). */
const IDLE_MS = 10 * 60 * 1000;
/**
 * How long a page's import keeps background work waiting after its files in flight are through: the page reads and
 * sends its next file meanwhile (a few ms). Without it a preview and a perceptual hash started whenever the page's
 * four files were all in and the next had not arrived — 49 of each during 200 files, 37 → 21 ms of CPU per file.
 */
export const IMPORT_LEASE_MS = 1000;

/**
 * One import the user started (a drop, Import…, Import folder…): counts, rate and ETA as `library:import` events,
 * and a cancel that stops it before its next file. Files come from the renderer one call at a time (the browser
 * host has no paths) or from main walking a folder; either way they go through the shared pipeline.
 */
export class ImportJob {
  total: number;
  private done = 0;
  private imported = 0;
  private duplicates = 0;
  private rejected = 0;
  private cancelled = false;
  private finished = false;
  private lastEvent = 0;
  /** Files of this job in flight, and the writer task that keeps background work waiting while it runs. */
  private inFlight = 0;
  private lease: (() => void) | null = null;
  private leaseTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly startedAt: number;
  lastSeen: number;

  constructor(
    readonly id: string,
    total: number,
    private readonly deps: { pipeline: ImportPipeline; events: EventSink; now: () => number },
  ) {
    this.total = total;
    this.startedAt = deps.now();
    this.lastSeen = this.startedAt;
  }

  get isCancelled(): boolean {
    return this.cancelled;
  }

  /** Imports one file as part of this job; a cancelled job reports it as not imported. */
  async add(file: ImportFile): Promise<ImportOutcome> {
    this.lastSeen = this.deps.now();
    this.holdGate();
    this.inFlight += 1;
    try {
      const outcome = await this.deps.pipeline.run(file, () => this.cancelled);
      this.count(outcome);
      return outcome;
    } finally {
      this.inFlight -= 1;
      if (this.finished || this.cancelled) this.dropGate();
      else if (this.inFlight === 0) {
        this.leaseTimer = setTimeout(() => this.dropGate(), IMPORT_LEASE_MS);
        this.leaseTimer.unref?.(); // a page that went away must not keep a quitting process alive
      }
    }
  }

  /**
   * From its first file until it ends (or its files stop coming for IMPORT_LEASE_MS), the job is one writer task
   * (`ImportPipeline.hold`): previews and perceptual hashes wait until the import is through instead of starting in
   * every gap between its files (a batch's commit, the page sending its next file).
   */
  private holdGate(): void {
    if (this.leaseTimer) clearTimeout(this.leaseTimer);
    this.leaseTimer = null;
    if (this.lease || this.finished || this.cancelled) return;
    void this.deps.pipeline.hold(() => new Promise<void>((resolve) => (this.lease = resolve)));
  }

  private dropGate(): void {
    if (this.leaseTimer) clearTimeout(this.leaseTimer);
    this.leaseTimer = null;
    this.lease?.();
    this.lease = null;
  }

  /** Main knows how many files it was given (chosen files, a folder it counted): a job begun with 0 takes that. */
  expect(files: number): void {
    if (this.total === 0) this.total = files;
    if (files === 0) this.finish();
  }

  /** Imports files main reads itself (chosen in a dialog, or found in a folder), keeping the pipeline's slots full. */
  async feed(files: readonly ImportFile[]): Promise<[string, ImportOutcome][]> {
    // In the files' order, whatever order they finish in.
    const outcomes: [string, ImportOutcome][] = files.map((f) => [f.name, { kind: 'cancelled' }]);
    const running = new Set<Promise<unknown>>();
    for (const [i, file] of files.entries()) {
      if (this.cancelled) break;
      const p = this.add(file).then((o) => void (outcomes[i] = [file.name, o]));
      void p.finally(() => running.delete(p));
      running.add(p);
      // A file's outcome waits for its batch's commit: the window holds a whole batch besides the files being
      // prepared, so the decodes keep going while a batch fills and commits (with only twice the slots, every file
      // in the window ended up waiting for the same commit and both cores idled around each one). Files waiting
      // for their turn hold no bytes yet (they are read when it comes); prepared ones hold none.
      if (running.size >= COMMIT_BATCH + IMPORT_FILES * 2) await Promise.race(running);
    }
    await Promise.all(running);
    this.finish();
    return outcomes;
  }

  private count(outcome: ImportOutcome): void {
    this.done += 1;
    if (this.total > 0 && this.done >= this.total) this.finished = true;
    if (outcome.kind === 'imported') this.imported += 1;
    else if (outcome.kind === 'duplicate') this.duplicates += 1;
    else if (outcome.kind === 'rejected') this.rejected += 1;
    this.publish(false);
  }

  cancel(): void {
    this.cancelled = true;
    if (this.inFlight === 0) this.dropGate();
    this.publish(true);
  }

  /** The feeding side is done: the job reports its end once every file it was given is through. */
  finish(): void {
    this.finished = true;
    if (this.inFlight === 0) this.dropGate();
    this.publish(true);
  }

  progress(): ImportProgress {
    const now = this.deps.now();
    const elapsed = Math.max(1, now - this.startedAt);
    const rate = (this.done * 1000) / elapsed;
    const left = Math.max(0, this.total - this.done);
    const state = this.cancelled ? 'cancelled' : this.finished ? 'done' : 'running';
    return {
      job: this.id,
      state,
      total: Math.max(this.total, this.done),
      done: this.done,
      imported: this.imported,
      duplicates: this.duplicates,
      rejected: this.rejected,
      ratePerSec: Math.round(rate * 10) / 10,
      // Guessed only once a few files went through: the first ones include warming up.
      etaMs: state === 'running' && this.done >= 3 && rate > 0 ? Math.round((left / rate) * 1000) : null,
      elapsedMs: Math.round(elapsed),
    };
  }

  private publish(force: boolean): void {
    const now = this.deps.now();
    if (!force && now - this.lastEvent < EVENT_EVERY_MS && this.done < this.total) return;
    this.lastEvent = now;
    this.deps.events.emit('library:import', this.progress());
  }
}

/** The imports in progress, by id (a page may start several; each is forgotten a while after its last file). */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();

  constructor(private readonly deps: { pipeline: ImportPipeline; events: EventSink; now: () => number; newId: () => string }) {}

  start(total: number): ImportJob {
    this.sweep();
    const job = new ImportJob(this.deps.newId(), total, this.deps);
    this.jobs.set(job.id, job);
    return job;
  }

  get(id: string): ImportJob | null {
    const job = this.jobs.get(id) ?? null;
    if (job) job.lastSeen = this.deps.now();
    return job;
  }

  private sweep(): void {
    const now = this.deps.now();
    for (const [id, job] of this.jobs) if (now - job.lastSeen > IDLE_MS) this.jobs.delete(id);
  }
}
