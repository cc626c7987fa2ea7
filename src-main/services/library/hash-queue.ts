import type { LibraryStore } from '../../core/library/library-store';
import type { LibraryFiles, MediaProcessor } from '../../core/library/ports';
import type { Logger } from '../../core/ports';
import { BackgroundLoop, nextTurn, type MaintenanceGate } from './background';

/** Images hashed per store round trip. */
const BATCH = 50;
/**
 * Items one step of the back-fill's walk reads (a few milliseconds of the main thread, whatever the library size).
 * 4,096 cost 25–30 ms a step at 300k on a busy machine (host CPU profile): a step begun just before the Library
 * tab opened held its first query and thumbnails back that long, twice (the pause is checked between steps).
 */
export const HASH_WINDOW = 1024;

/**
 * Makes the perceptual hash of every image in the background: new ones right after ingest (by id, at once) and
 * older ones as a back-fill, one at a time between ingests. The back-fill walks the library newest first a window
 * of HASH_WINDOW items per event-loop turn: asking SQLite for "the newest unhashed images" in one query scanned the
 * whole table once everything was hashed (2 s of blocked main thread per start at 1M items, issue 16). It hashes
 * the 256 px thumbnail (the original when the thumbnail is gone): the same pHash at a fraction of the decode. An
 * image that cannot be hashed is skipped for the rest of the session, so the back-fill always ends.
 */
export class PerceptualHashQueue {
  private readonly loop = new BackgroundLoop(
    () => this.drain(),
    (error) => this.deps.logger.warn('library: perceptual hashing stopped', { error }),
  );
  private readonly failed = new Set<string>();
  /** Ingested images waiting for their hash (hashed before the back-fill's next window). */
  private readonly fresh = new Set<string>();
  /** A walk of the whole library was asked for (start, a change by another process) and has not begun yet. */
  private walk = false;
  /** Bumped when hashes were added: duplicate groups computed before are stale. */
  version = 0;

  constructor(
    private readonly deps: {
      store: LibraryStore;
      files: LibraryFiles;
      media: MediaProcessor;
      gate: MaintenanceGate;
      logger: Logger;
      /** Waited for before each window of the back-fill's walk (the library gives way to browsing there). */
      pause?: () => Promise<void>;
    },
  ) {}

  /** Hashes these new images soon; with no ids, walks the whole library for images without a hash (the back-fill). */
  kick(ids?: readonly string[]): void {
    if (this.loop.stopped) return;
    if (ids) for (const id of ids) this.fresh.add(id);
    else this.walk = true;
    this.loop.run();
  }

  private async drain(): Promise<void> {
    const { store } = this.deps;
    await Promise.resolve(); // let the ingest that kicked us return first
    let cursor: string | null = null;
    let walking = false;
    while (!this.loop.stopped) {
      if (this.fresh.size > 0) {
        const ids = [...this.fresh].slice(0, BATCH);
        for (const id of ids) this.fresh.delete(id);
        const images = store.records(ids).filter((r) => r.kind === 'image' && !r.missing && !this.failed.has(r.id));
        await this.hash(images);
        continue;
      }
      if (this.walk) {
        // A new walk request restarts from the newest item (what changed is most likely there).
        this.walk = false;
        walking = true;
        cursor = null;
      }
      if (!walking) return;
      await this.deps.pause?.();
      if (this.loop.stopped) return;
      const step = store.unhashedWindow(cursor, HASH_WINDOW);
      await this.hash(step.images.filter((r) => !this.failed.has(r.id)));
      cursor = step.next;
      if (cursor === null) walking = false;
      await nextTurn(); // one window per event-loop turn: queries stay responsive
    }
  }

  private async hash(images: readonly { id: string; file: string; thumb: string | null }[]): Promise<void> {
    const { store, files, media, gate } = this.deps;
    for (let at = 0; at < images.length && !this.loop.stopped; at += BATCH) {
      const done: { id: string; phash: string }[] = [];
      for (const image of images.slice(at, at + BATCH)) {
        if (this.loop.stopped) break;
        await gate.quiet(); // ingests first
        const bytes = await files.read(image.thumb ?? image.file).catch(() => files.read(image.file).catch(() => null));
        const phash = bytes ? await media.perceptualHash(bytes) : null;
        if (phash) done.push({ id: image.id, phash });
        else this.failed.add(image.id);
        await nextTurn(); // one image per event-loop turn: queries stay responsive
      }
      if (done.length > 0) {
        store.setPerceptualHashes(done);
        this.version += 1;
      }
    }
  }

  /** How many images still wait (the ones that failed are not waited for). */
  pending(): number {
    return Math.max(0, this.deps.store.unhashedCount() - this.failed.size);
  }

  /** Stops after the image in hand (closing the library); the rest is picked up at the next start. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Resolves when every image is hashed (tests, benchmarks). */
  idle(): Promise<void> {
    return this.loop.idle();
  }
}
