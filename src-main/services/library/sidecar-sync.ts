import type { LibraryStore } from '../../core/library/library-store';
import { sidecarPath } from '../../core/library/paths';
import type { LibraryFiles } from '../../core/library/ports';
import { COLLECTIONS_FILE, serializeCollections, serializeSidecar } from '../../core/library/sidecar';
import type { Logger } from '../../core/ports';
import type { MaintenanceGate } from './background';

/** Sidecars rewritten per gate task: an ingest waits for at most one batch. */
const BATCH = 64;

/**
 * Keeps sidecars in step with the index after favorite, trash and collection changes, so `rebuild()` keeps them.
 * Changed ids are collected and rewritten in the background from the row as it is then (repeated changes to one
 * item coalesce into one write), each write atomic (temp file + fdatasync + rename: a crash leaves the old
 * sidecar or the new one, never a torn one). A bulk action on 20,000 items so answers at once; its sidecars
 * follow within seconds. Quitting before then leaves older state in those sidecars; the index still has it.
 */
export class SidecarSync {
  private readonly dirty = new Set<string>();
  private draining: Promise<void> | null = null;
  private collections: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: { store: LibraryStore; files: LibraryFiles; gate: MaintenanceGate; logger: Logger },
  ) {}

  mark(ids: Iterable<string>): void {
    for (const id of ids) this.dirty.add(id);
    this.draining ??= this.drain();
  }

  /** Rewrites `collections.json` (small; chained so two quick renames land in order). */
  writeCollections(): void {
    this.collections = this.collections.then(async () => {
      const text = serializeCollections(this.deps.store.listCollections());
      await this.deps.files
        .writeAtomic(COLLECTIONS_FILE, new TextEncoder().encode(text))
        .catch((err: unknown) => this.deps.logger.warn('library: collections.json update failed', { error: String(err) }));
    });
  }

  private async drain(): Promise<void> {
    await Promise.resolve();
    while (this.dirty.size > 0) {
      const batch = [...this.dirty].slice(0, BATCH);
      for (const id of batch) this.dirty.delete(id);
      await this.deps.gate.task(() => this.write(batch));
    }
    this.draining = null;
  }

  private async write(ids: readonly string[]): Promise<void> {
    const { store, files, logger } = this.deps;
    for (const record of store.records(ids)) {
      const parents = store.lineage(record.id).parents.map((e) => ({ kind: e.kind, parentId: e.parentId }));
      const text = serializeSidecar({ item: record, parents }, store.collectionsOf(record.id));
      await files
        .writeAtomic(sidecarPath(record.id), new TextEncoder().encode(text), 'file')
        .catch((err: unknown) => logger.warn('library: sidecar update failed', { id: record.id, error: String(err) }));
    }
  }

  /** Resolves when every changed sidecar is written. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
    await this.collections;
  }
}
