import type { Logger } from '../../core/ports';

/**
 * Keeps ingests and maintenance sweeps (reconcile, rebuild) apart. A sweep lists the folder and deletes media
 * that has neither a sidecar nor a row: an ingest caught between its media write and its row commit would look
 * exactly like that. So a sweep waits for the ingests in flight and holds new ones until it is done.
 */
export class MaintenanceGate {
  private sweeping: Promise<void> | null = null;
  private readonly running = new Set<Promise<unknown>>();

  /** Runs one ingest (or other writer of new items); waits while a sweep is in flight. */
  async task<T>(work: () => Promise<T>): Promise<T> {
    while (this.sweeping) await this.sweeping;
    const p = work();
    this.running.add(p);
    try {
      return await p;
    } finally {
      this.running.delete(p);
    }
  }

  /** Runs `work` alone: after the tasks already running, before any task that arrives meanwhile. */
  async sweep<T>(work: () => Promise<T>): Promise<T> {
    while (this.sweeping) await this.sweeping;
    let done = () => {};
    this.sweeping = new Promise<void>((resolve) => (done = resolve));
    try {
      await this.quiet();
      return await work();
    } finally {
      this.sweeping = null;
      done();
    }
  }

  /** Resolves when no task is running (background work yields to ingests this way). */
  async quiet(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}

export interface PreviewJob {
  id: string;
  /** The pixels to scale: the stored image (read when the job runs) or a video's poster frame. */
  source: () => Promise<Uint8Array>;
}

/**
 * Lightbox previews (1024 px) are made here, one at a time, after the item's row has committed and when no ingest
 * is running: the grid only needs the thumbnail, and the preview decode costs about twice the whole ingest. A
 * preview lost to a crash or a quit is remade by reconcile, like any missing rendition.
 */
export class PreviewQueue {
  private jobs: PreviewJob[] = [];
  private draining: Promise<void> | null = null;

  constructor(
    private readonly gate: MaintenanceGate,
    private readonly make: (job: PreviewJob) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  push(job: PreviewJob): void {
    this.jobs.push(job);
    this.draining ??= this.drain();
  }

  private async drain(): Promise<void> {
    await Promise.resolve(); // let the ingest that queued us return first
    for (let job = this.jobs.shift(); job; job = this.jobs.shift()) {
      await this.gate.quiet();
      await this.make(job).catch((err: unknown) => this.logger.warn('library: preview failed', { id: job?.id, error: String(err) }));
    }
    this.draining = null;
  }

  /** Drops the jobs not started yet (a sweep remakes missing previews anyway) and waits for the one in progress. */
  async stop(): Promise<void> {
    this.jobs = [];
    await this.draining;
  }

  /** Resolves when every queued preview is written. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }
}
