import type { LibraryMaintenance } from '@contract';
import type { EventSink, Logger } from '../../core/ports';
import { ID_SHARDS } from '../../core/library/types';
import { nextTurn } from './background';

type Task = LibraryMaintenance['task'];

/** Progress events at most this often (and always at the start and the end). */
const EVENT_EVERY_MS = 250;
const SHARDS = ID_SHARDS.length;

/**
 * Runs the library's long passes (the start-up check, a rebuild) one at a time in the background, with progress
 * as `library:maintenance` events and a status the renderer can ask for after a reload. A pass works in steps and
 * yields between them, so the grid and search keep answering; `stop()` ends it at the next step (on close: the
 * next start checks again).
 */
export class Maintenance {
  private status: LibraryMaintenance | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private running = 0;
  private stopping = false;

  constructor(private readonly deps: { events: EventSink; logger: Logger; now: () => number }) {}

  current(): LibraryMaintenance | null {
    return this.status;
  }

  /**
   * Queues a pass. `work` gets `step(shardsDone, items)`, to call after each shard; it resolves false once the
   * pass should stop. `describe` turns the result into the line the UI shows when it ends.
   */
  run<T extends { complete: boolean }>(
    task: Task,
    work: (step: (shardsDone: number, items: number) => Promise<boolean>) => Promise<T>,
    describe: (result: T) => string,
  ): Promise<T> {
    this.running += 1;
    const result = this.tail.then(() => this.pass(task, work, describe));
    this.tail = result.catch(() => {});
    void this.tail.finally(() => (this.running -= 1));
    return result;
  }

  private async pass<T extends { complete: boolean }>(
    task: Task,
    work: (step: (shardsDone: number, items: number) => Promise<boolean>) => Promise<T>,
    describe: (result: T) => string,
  ): Promise<T> {
    const started = this.deps.now();
    let lastEvent = 0;
    const publish = (patch: Omit<LibraryMaintenance, 'task' | 'elapsedMs'>, force = false) => {
      const now = this.deps.now();
      this.status = { task, elapsedMs: Math.max(0, Math.round(now - started)), ...patch };
      if (!force && now - lastEvent < EVENT_EVERY_MS) return;
      lastEvent = now;
      this.deps.events.emit('library:maintenance', this.status);
    };
    publish({ state: 'running', progress: 0, items: 0 }, true);
    let items = 0;
    try {
      const result = await work(async (done, seen) => {
        items = seen;
        publish({ state: 'running', progress: Math.min(1, done / SHARDS), items });
        await nextTurn();
        return !this.stopping;
      });
      publish({ state: result.complete ? 'done' : 'stopped', progress: result.complete ? 1 : (this.status?.progress ?? 0), items, message: describe(result) }, true);
      return result;
    } catch (err) {
      this.deps.logger.error(`library: ${task} failed`, { error: String(err) });
      publish({ state: 'failed', progress: this.status?.progress ?? 0, items, message: err instanceof Error ? err.message : String(err) }, true);
      throw err;
    }
  }

  /** Ends the running pass at its next step and drops queued ones' work (they end at once as stopped). */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
  }

  /** Resolves when no pass is running or queued. */
  async idle(): Promise<void> {
    while (this.running > 0) await this.tail;
  }
}
