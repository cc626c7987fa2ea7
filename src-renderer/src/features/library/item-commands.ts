/**
 * Commands on library items: favorite, trash with undo, empty trash, collections (exports live in features/export).
 * Each calls the contract and leaves the grid refresh to the `library:changed` event main emits, so every window
 * stays in sync.
 */
import type { LibraryCollection } from '@contract';
import { invoke } from '../../lib/api';
import { useStudio } from '../../stores/store';
import { formatCount } from './format';
import { chunk } from './grid-window';
import { errorText, loadCollections } from './query-commands';

const BULK = 20_000;
let toastId = 0;

const store = () => useStudio.getState();
const fail = (what: string, err: unknown) => store().pushNotice('error', `${what}: ${errorText(err)}`);

export function showToast(message: string, undoIds?: string[]): void {
  store().patchLibrary({ toast: { id: ++toastId, message, ...(undoIds ? { undoIds } : {}) } });
}

export async function setFavorite(ids: readonly string[], favorite: boolean): Promise<void> {
  if (ids.length === 0) return;
  try {
    for (const part of chunk(ids, BULK)) await invoke('library:favorite', { ids: part, favorite });
    // Patch the cached records at once so the star does not wait for the refresh.
    const records = store().library.records;
    store().mergeLibraryRecords(ids.flatMap((id) => {
      const r = records.get(id);
      return r ? [{ ...r, favorite }] : [];
    }));
  } catch (err) {
    fail('Could not change favorites', err);
  }
}

/** Moves items to the trash and offers Undo in a toast. */
export async function trashItems(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  try {
    for (const part of chunk(ids, BULK)) await invoke('library:trash', { ids: part });
    store().closeViewer();
    showToast(`Moved ${formatCount(ids.length)} to the trash.`, [...ids]);
    // Collection counts and covers leave trashed items out: the sidebar follows.
    void loadCollections();
  } catch (err) {
    fail('Could not move to the trash', err);
  }
}

export async function restoreItems(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  try {
    for (const part of chunk(ids, BULK)) await invoke('library:restore', { ids: part });
    showToast(`Restored ${formatCount(ids.length)}.`);
    void loadCollections();
  } catch (err) {
    fail('Could not restore', err);
  }
}

/** Deletes trashed items for good (all of them, or only `ids`). */
export async function emptyTrash(ids?: readonly string[]): Promise<void> {
  try {
    const { count } = await invoke('library:empty-trash', ids ? { ids: [...ids] } : {});
    store().setLibrarySelection({ selected: new Set(), anchor: null });
    showToast(`Deleted ${formatCount(count)} for good.`);
  } catch (err) {
    fail('Could not empty the trash', err);
  }
}

export async function createCollection(name: string): Promise<LibraryCollection | null> {
  try {
    return await invoke('library:collection-create', { name });
  } catch (err) {
    fail('Could not create the collection', err);
    return null;
  }
}

export async function renameCollection(id: string, name: string): Promise<void> {
  try {
    await invoke('library:collection-rename', { id, name });
  } catch (err) {
    fail('Could not rename the collection', err);
  }
}

export async function deleteCollection(id: string): Promise<void> {
  try {
    await invoke('library:collection-delete', { id });
    const { view } = store().library;
    if (view.kind === 'collection' && view.id === id) store().patchLibrary({ view: { kind: 'all' } });
  } catch (err) {
    fail('Could not delete the collection', err);
  }
}

export async function addToCollection(collection: LibraryCollection, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  try {
    let added = 0;
    for (const part of chunk(ids, BULK)) added += (await invoke('library:collection-add', { id: collection.id, ids: part })).count;
    showToast(`Added ${formatCount(added)} to “${collection.name}”.`);
  } catch (err) {
    fail('Could not add to the collection', err);
  }
}
