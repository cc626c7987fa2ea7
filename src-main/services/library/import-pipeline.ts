import type { LibraryRecord } from '@contract';
import type { HashMatch } from '../../core/library/types';
import type { Logger } from '../../core/ports';
import type { IngestInput, PreparedItem } from './ingest';
import { contentHash } from './content-hash';

/** One file to import: its name (for reports) and a way to read it when its turn comes. */
export interface ImportFile {
  name: string;
  load(): Promise<Uint8Array>;
}

export type ImportOutcome =
  | { kind: 'imported'; id: string }
  | { kind: 'duplicate'; id: string; trashed: boolean }
  | { kind: 'rejected'; reason: string }
  | { kind: 'cancelled' };

export interface PipelineDeps {
  /** Turns a file's bytes into what ingest takes (metadata read from our own XMP, the title, …). */
  toInput(name: string, bytes: Uint8Array, hash: Promise<string>): IngestInput;
  prepare(input: IngestInput): Promise<PreparedItem>;
  commit(batch: readonly PreparedItem[]): Promise<LibraryRecord[]>;
  findByContentHash(hashes: readonly string[]): Map<string, HashMatch>;
  /** Runs a writer of new items (background work yields to these): each file, from its slot to its commit. */
  task<T>(work: () => Promise<T>): Promise<T>;
  /** A batch of items is in: one `library:changed` for all of them. */
  added(ids: readonly string[]): void;
  logger: Logger;
}

/**
 * Files decoded at once. Two cores: sharp decodes two while a third file's reads, writes and fsyncs wait on the
 * disk (libvips runs each image on one thread here; see `SHARP_THREADS`).
 */
export const IMPORT_SLOTS = 3;
/** Rows per commit: one transaction and one folder sync per shard for up to this many files. */
export const COMMIT_BATCH = 32;
/** The longest a prepared file waits for its batch to fill while others are still being decoded. */
const COMMIT_WAIT_MS = 150;

const reasonOf = (err: unknown) =>
  err instanceof Error && 'appError' in err ? err.message : 'Could not import this file.';

/**
 * The import pipeline: up to IMPORT_SLOTS files at a time are read, hashed, checked against the library's content
 * hashes (a file already in is reported as a duplicate, not imported again) and prepared (media, thumbnail and
 * sidecar written); prepared files are committed in batches — one transaction, one `library:changed` with their ids
 * — and their previews are left to the background queue. Any number of jobs share it, so two imports at once
 * still keep the machine at its pace rather than twice over it.
 */
export class ImportPipeline {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Hashes being imported right now: a second copy in the same import waits for the first and is its duplicate. */
  private readonly hashing = new Map<string, Promise<ImportOutcome>>();
  private batch: { prepared: PreparedItem; done: (r: LibraryRecord | Error) => void }[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private committing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: PipelineDeps) {}

  /**
   * Imports one file: it takes a slot for the reading, hashing and writing, and gives it up while its batch
   * commits. `cancelled()` is asked again just before it starts.
   */
  async run(file: ImportFile, cancelled: () => boolean = () => false): Promise<ImportOutcome> {
    // The whole file is one writer task, from waiting for its slot to its commit, not only its prepare: between two
    // prepares (the next file being read and hashed) the gate was quiet, and a 1024 px preview or a perceptual hash
    // (30–40 ms of a core each) started in the gap, so a 500-file import ran beside its own previews.
    return this.deps.task(async () => {
      await this.slot();
      let result: { outcome: Promise<ImportOutcome> };
      try {
        if (cancelled()) return { kind: 'cancelled' };
        result = await this.prepareOne(file);
      } finally {
        this.release();
      }
      return result.outcome;
    });
  }

  /** Everything up to the commit; the outcome then settles with the batch (wrapped, so awaiting does not wait for it). */
  private async prepareOne(file: ImportFile): Promise<{ outcome: Promise<ImportOutcome> }> {
    const now = (outcome: ImportOutcome) => ({ outcome: Promise.resolve(outcome) });
    let bytes: Uint8Array;
    try {
      bytes = await file.load();
    } catch (err) {
      return now({ kind: 'rejected', reason: err instanceof Error && 'appError' in err ? err.message : 'Could not read this file.' });
    }
    const hash = await contentHash(bytes);
    const same = this.hashing.get(hash);
    // The same bytes are being imported right now: this copy ends as the first one does (without holding a slot).
    if (same) return { outcome: same.then((first): ImportOutcome => (first.kind === 'imported' ? { kind: 'duplicate', id: first.id, trashed: false } : first)) };
    const known = this.deps.findByContentHash([hash]).get(hash);
    if (known) return now({ kind: 'duplicate', ...known });
    let settle: (o: ImportOutcome) => void = () => {};
    const outcome = new Promise<ImportOutcome>((resolve) => (settle = resolve));
    this.hashing.set(hash, outcome);
    void outcome.finally(() => this.hashing.delete(hash));
    try {
      const prepared = await this.deps.prepare(this.deps.toInput(file.name, bytes, Promise.resolve(hash)));
      this.enqueue(prepared).then(
        (record) => settle({ kind: 'imported', id: record.id }),
        (err: unknown) => settle(this.refusal(file.name, err)),
      );
    } catch (err) {
      settle(this.refusal(file.name, err));
    }
    return { outcome };
  }

  private refusal(name: string, err: unknown): ImportOutcome {
    if (!(err instanceof Error && 'appError' in err)) this.deps.logger.warn('library: import failed', { name, error: String(err) });
    return { kind: 'rejected', reason: reasonOf(err) };
  }

  /** Waits for this file's batch to commit: when it is full, when no other file is being prepared, or soon. */
  private enqueue(prepared: PreparedItem): Promise<LibraryRecord> {
    return new Promise<LibraryRecord>((resolve, reject) => {
      this.batch.push({ prepared, done: (r) => (r instanceof Error ? reject(r) : resolve(r)) });
      if (this.batch.length >= COMMIT_BATCH) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), COMMIT_WAIT_MS);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.batch;
    this.batch = [];
    if (batch.length === 0) return;
    this.committing = this.committing.then(async () => {
      try {
        const records = await this.deps.commit(batch.map((b) => b.prepared));
        batch.forEach((b, i) => b.done(records[i] as LibraryRecord));
        this.deps.added(records.map((r) => r.id));
      } catch (err) {
        for (const b of batch) b.done(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  private async slot(): Promise<void> {
    if (this.active < IMPORT_SLOTS) {
      this.active += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next(); // the slot passes straight on
    else this.active -= 1;
    // Nothing else is being prepared: the files waiting for their batch need not wait any longer.
    if (this.active === 0 && this.batch.length > 0) this.flush();
  }

  /** Resolves when every batch handed over so far is committed. */
  async idle(): Promise<void> {
    this.flush();
    await this.committing;
  }
}
