import type { LibraryStore } from '../../core/library/library-store';
import type { LibraryFiles, MediaProcessor } from '../../core/library/ports';
import type { Logger } from '../../core/ports';
import type { MaintenanceGate } from './background';

/** Images hashed per store round trip. */
const BATCH = 50;

/**
 * Makes the perceptual hash of every image in the background: new ones right after ingest (they are the newest, so
 * they come first) and older ones as a back-fill, one at a time between ingests. It hashes the 256 px thumbnail
 * (the original when the thumbnail is gone): the same pHash at a fraction of the decode. An image that cannot be
 * hashed is skipped for the rest of the session, so the back-fill always ends.
 */
export class PerceptualHashQueue {
  private draining: Promise<void> | null = null;
  private stopped = false;
  private readonly failed = new Set<string>();
  /** Bumped when hashes were added: duplicate groups computed before are stale. */
  version = 0;

  constructor(
    private readonly deps: { store: LibraryStore; files: LibraryFiles; media: MediaProcessor; gate: MaintenanceGate; logger: Logger },
  ) {}

  /** Starts (or keeps) the back-fill running. */
  kick(): void {
    if (this.stopped) return;
    // A failure (the index closed under it, a full disk) ends this round quietly; the next kick starts over.
    this.draining ??= this.drain()
      .catch((err: unknown) => this.deps.logger.warn('library: perceptual hashing stopped', { error: String(err) }))
      .finally(() => (this.draining = null));
  }

  private async drain(): Promise<void> {
    const { store, files, media, gate } = this.deps;
    await Promise.resolve(); // let the ingest that kicked us return first
    while (!this.stopped) {
      const batch = store.unhashedImages(BATCH + this.failed.size).filter((r) => !this.failed.has(r.id)).slice(0, BATCH);
      if (batch.length === 0) return;
      const done: { id: string; phash: string }[] = [];
      for (const image of batch) {
        if (this.stopped) break;
        await gate.quiet(); // ingests first
        const bytes = await files.read(image.thumb ?? image.file).catch(() => files.read(image.file).catch(() => null));
        const phash = bytes ? await media.perceptualHash(bytes) : null;
        if (phash) done.push({ id: image.id, phash });
        else this.failed.add(image.id);
        await new Promise((r) => setImmediate(r)); // one image per event-loop turn: queries stay responsive
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
  async stop(): Promise<void> {
    this.stopped = true;
    await this.draining;
  }

  /** Resolves when every image is hashed (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }
}
