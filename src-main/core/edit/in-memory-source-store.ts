import type { EditSourceStore, StoredSourceMeta } from './ports';

/** The in-memory twin of the temp-area source store, for service tests. */
export class InMemoryEditSourceStore implements EditSourceStore {
  private readonly items = new Map<string, { meta: StoredSourceMeta; bytes: Uint8Array }>();

  put(meta: StoredSourceMeta, bytes: Uint8Array): Promise<void> {
    this.items.set(meta.id, { meta: { ...meta }, bytes });
    return Promise.resolve();
  }

  get(id: string) {
    const found = this.items.get(id);
    return Promise.resolve(found ? { meta: { ...found.meta }, bytes: found.bytes } : null);
  }

  setLibraryItem(id: string, itemId: string): Promise<void> {
    const found = this.items.get(id);
    if (found) found.meta.libraryItemId = itemId;
    return Promise.resolve();
  }

  sweep(before: number): Promise<number> {
    let n = 0;
    for (const [id, { meta }] of this.items) {
      if (meta.createdAt < before) {
        this.items.delete(id);
        n++;
      }
    }
    return Promise.resolve(n);
  }
}
