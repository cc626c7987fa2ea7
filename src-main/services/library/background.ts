import type { Logger } from '../../core/ports';

/** One turn of the event loop: calls that arrived meanwhile (a search typed, a page asked for) are answered first. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Tracks the ingests (and other writers of new items) in flight, so background work yields to them: previews and
 * sidecar rewrites wait for `quiet()`. (Reconcile and rebuild no longer hold ingests: they run beside them and
 * leave the ids being written alone; see `reconcile.ts`.)
 */
export class MaintenanceGate {
  private readonly running = new Set<Promise<unknown>>();

  /** Runs one ingest (or other writer of new items). */
  async task<T>(work: () => Promise<T>): Promise<T> {
    const p = work();
    this.running.add(p);
    try {
      return await p;
    } finally {
      this.running.delete(p);
    }
  }

  /** Resolves when no task is running (background work yields to ingests this way). */
  async quiet(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}

/**
 * One background loop at a time (the thumbnail back-fill, perceptual hashing): `run` starts `drain` unless it is
 * already running; a failure (the index closed under it, a full disk) ends that round with a warning and the next
 * `run` starts over. `stop` ends it after the item in hand; `idle` waits until it has nothing left.
 */
export class BackgroundLoop {
  private draining: Promise<void> | null = null;
  stopped = false;

  constructor(
    private readonly drain: () => Promise<void>,
    private readonly warn: (error: string) => void,
  ) {}

  run(): void {
    if (this.stopped) return;
    this.draining ??= this.drain()
      .catch((err: unknown) => this.warn(String(err)))
      .finally(() => (this.draining = null));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.draining;
  }

  async idle(): Promise<void> {
    while (this.draining) await this.draining;
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
 * preview lost to a crash or a quit is remade by the start-up check, like any missing rendition.
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

  /** Resolves when every queued preview is written. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }
}
