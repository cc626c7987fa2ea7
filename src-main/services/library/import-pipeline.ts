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
 * Files in flight at once (read, hashed, written, fsync'ed; their decodes take turns in the library's decode slots,
 * one per core, see `decodeSlots`). More files than decodes, so the cores keep decoding while other files' media
 * and sidecars wait on their fdatasyncs (2–40 ms each here, depending on what else writes to the disk): with three
 * files that each held their slot through the syncs, the cores idled whenever the disk was slow.
 */
export const IMPORT_FILES = 6;
/**
 * The bound on big files: past IMPORT_BIG_FILES files, another is taken only while those in flight hold less than
 * this many bytes, so large files stay at three in memory at once (as before the split) while small ones fill all
 * IMPORT_FILES (the host's 16 × 20 MiB trial: `e-backpressure.test.ts`).
 */
export const IMPORT_BIG_FILES = 3;
export const IMPORT_BYTES = 32 * 1024 * 1024;
/** Rows per commit: one transaction and one folder sync per shard for up to this many files. */
export const COMMIT_BATCH = 32;
/** The longest a prepared file waits for its batch to fill while others are still being decoded. */
const COMMIT_WAIT_MS = 150;

/** What one file in flight holds: whether it has been read, and its size once it has. */
interface Held {
  bytes: number;
  read: boolean;
}

const reasonOf = (err: unknown) =>
  err instanceof Error && 'appError' in err ? err.message : 'Could not import this file.';

/**
 * The import pipeline: up to IMPORT_FILES files at a time are read, hashed, checked against the library's content
 * hashes (a file already in is reported as a duplicate, not imported again) and prepared (media, thumbnail and
 * sidecar written); prepared files are committed in batches — one transaction, one `library:changed` with their ids
 * — and their previews are left to the background queue. Any number of jobs share it, so two imports at once
 * still keep the machine at its pace rather than twice over it.
 */
export class ImportPipeline {
  /** Files in flight, those of them not read yet, and the bytes the read ones hold (until their prepare ends). */
  private active = 0;
  private unread = 0;
  private bytes = 0;
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
      const held = { bytes: 0, read: false };
      let result: { outcome: Promise<ImportOutcome> };
      try {
        if (cancelled()) return { kind: 'cancelled' };
        result = await this.prepareOne(file, held);
      } finally {
        this.release(held);
      }
      return result.outcome;
    });
  }

  /** Everything up to the commit; the outcome then settles with the batch (wrapped, so awaiting does not wait for it). */
  private async prepareOne(file: ImportFile, held: Held): Promise<{ outcome: Promise<ImportOutcome> }> {
    const now = (outcome: ImportOutcome) => ({ outcome: Promise.resolve(outcome) });
    let bytes: Uint8Array;
    try {
      bytes = await file.load();
      this.read(held, bytes.length);
    } catch (err) {
      this.read(held, 0);
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

  /**
   * A file may start: always while fewer than IMPORT_BIG_FILES are in flight; up to IMPORT_FILES once every file in
   * flight has been read and together they hold less than IMPORT_BYTES (a file's size is known only once read).
   */
  private admits(): boolean {
    return this.active < IMPORT_BIG_FILES || (this.active < IMPORT_FILES && this.unread === 0 && this.bytes < IMPORT_BYTES);
  }

  private async slot(): Promise<void> {
    if (this.waiting.length === 0 && this.admits()) this.start();
    else await new Promise<void>((resolve) => this.waiting.push(resolve)); // `pump` counts it in when it starts
  }

  private start(): void {
    this.active += 1;
    this.unread += 1;
  }

  /** A file's bytes are in (or its read failed): its size counts now, and may admit the next. */
  private read(held: Held, bytes: number): void {
    held.read = true;
    held.bytes = bytes;
    this.unread -= 1;
    this.bytes += bytes;
    this.pump();
  }

  private release(held: Held): void {
    if (!held.read) this.unread -= 1; // cancelled before its read
    this.active -= 1;
    this.bytes -= held.bytes;
    this.pump();
    // Nothing else is being prepared: the files waiting for their batch need not wait any longer.
    if (this.active === 0 && this.batch.length > 0) this.flush();
  }

  /** The waiting files start in order, as many as the bounds admit now. */
  private pump(): void {
    while (this.waiting.length > 0 && this.admits()) {
      this.start();
      this.waiting.shift()?.();
    }
  }

  /** Runs `work` (a whole import's feeding) as one writer task: background work waits until it is through. */
  hold<T>(work: () => Promise<T>): Promise<T> {
    return this.deps.task(work);
  }

  /** Resolves when every batch handed over so far is committed. */
  async idle(): Promise<void> {
    this.flush();
    await this.committing;
  }
}
