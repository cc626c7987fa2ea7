import { THUMB_SHORT_SIDE, renditionSize } from '@contract';
import type { LibraryStore } from '../../core/library/library-store';
import { thumbPath } from '../../core/library/paths';
import type { LibraryFiles, MediaProcessor } from '../../core/library/ports';
import type { OlderThumb } from '../../core/library/types';
import type { Logger } from '../../core/ports';
import { BackgroundLoop, nextTurn, type MaintenanceGate } from './background';

/** Thumbnails remade per store round trip (and per `library:changed` event, so the open grid picks them up). */
const BATCH = 20;

/**
 * Back-fills thumbnails made before the current size rule (256 px long side, soft on a 2× display) to the 512 px
 * short-side rule, newest first, one at a time between ingests (they always go first). Runs at start-up and
 * after a rebuild; an item that cannot be remade is skipped for the session, so the back-fill always ends.
 */
export class ThumbnailBackfill {
  private readonly loop = new BackgroundLoop(
    () => this.drain(),
    (error) => this.deps.logger.warn('library: thumbnail back-fill stopped', { error }),
  );
  private readonly failed = new Set<string>();

  constructor(
    private readonly deps: {
      store: LibraryStore;
      files: LibraryFiles;
      media: MediaProcessor;
      gate: MaintenanceGate;
      logger: Logger;
      /** Tells the renderer which items have a new thumbnail. */
      updated(ids: readonly string[]): void;
    },
  ) {}

  kick(): void {
    this.loop.run();
  }

  private async drain(): Promise<void> {
    const { store, files, media, gate } = this.deps;
    await Promise.resolve(); // the caller (start-up) returns first
    while (!this.loop.stopped) {
      const batch = store.olderThumbnails(BATCH + this.failed.size).filter((r) => !this.failed.has(r.id)).slice(0, BATCH);
      if (batch.length === 0) return;
      const done: string[] = [];
      for (const item of batch) {
        if (this.loop.stopped) break;
        await gate.quiet(); // ingests first
        try {
          // A thumbnail already made to the rule (a rebuilt index forgets which rule made it) is only marked.
          if (await this.followsRule(item)) {
            done.push(item.id);
            continue;
          }
          const source = item.kind === 'video' ? await media.videoPoster(files.absolute(item.file)) : await files.read(item.file);
          const thumb = await media.thumbnail(source);
          if (!thumb) throw new Error('The media file could not be decoded.');
          await files.writeAtomic(thumbPath(item.id), thumb, 'none');
          done.push(item.id);
        } catch (err) {
          this.failed.add(item.id);
          this.deps.logger.warn('library: thumbnail back-fill skipped an item', { id: item.id, error: String(err) });
        }
        await nextTurn(); // one item per event-loop turn: queries stay responsive
      }
      if (done.length > 0) {
        store.setThumbPx(done, THUMB_SHORT_SIDE);
        this.deps.updated(done);
      }
    }
  }

  private async followsRule(item: OlderThumb): Promise<boolean> {
    if (!item.width || !item.height) return false;
    const bytes = await this.deps.files.read(thumbPath(item.id)).catch(() => null);
    const info = bytes ? await this.deps.media.probeImage(bytes).catch(() => null) : null;
    const want = renditionSize(item.width, item.height, 'thumb');
    return !!info && Math.abs(info.width - want.width) <= 2 && Math.abs(info.height - want.height) <= 2;
  }

  /** Stops after the item in hand (closing the library); the rest is picked up at the next start. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Resolves when the back-fill has nothing left (tests, benchmarks). */
  idle(): Promise<void> {
    return this.loop.idle();
  }
}
