/**
 * Ratings and tags: the calls behind the viewer's stars and tag editor, the bulk bar and the 0–5 keys. Cached
 * records are patched at once so stars and chips do not wait for the refresh that `library:changed` brings.
 */
import type { LibraryRecord, LibraryTag } from '@contract';
import { invoke } from '../../lib/api';
import { useStudio } from '../../stores/store';
import { formatCount } from './format';
import { chunk } from './grid-window';
import { showToast } from './item-commands';
import { errorText } from './query-commands';

const BULK = 20_000;
const store = () => useStudio.getState();

function patchCached(ids: readonly string[], change: (r: LibraryRecord) => LibraryRecord): void {
  const records = store().library.records;
  store().mergeLibraryRecords(ids.flatMap((id) => {
    const r = records.get(id);
    return r ? [change(r)] : [];
  }));
}

/** The same normalization main applies, so the cached record shows what main stored. */
export const tidyTag = (raw: string) => raw.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 64).trim();

export async function setRating(ids: readonly string[], rating: number): Promise<void> {
  if (ids.length === 0) return;
  try {
    for (const part of chunk(ids, BULK)) await invoke('library:rate', { ids: part, rating });
    patchCached(ids, (r) => ({ ...r, rating }));
    if (ids.length > 1) showToast(rating === 0 ? `Cleared the rating of ${formatCount(ids.length)}.` : `Rated ${formatCount(ids.length)} ${'★'.repeat(rating)}.`);
  } catch (err) {
    store().pushNotice('error', `Could not change the rating: ${errorText(err)}`);
  }
}

/** Adds and removes tags on items; returns how many items changed (null when it failed). */
export async function changeTags(ids: readonly string[], add: readonly string[], remove: readonly string[]): Promise<number | null> {
  const plus = add.map(tidyTag).filter(Boolean);
  const minus = remove.map(tidyTag).filter((t) => t && !plus.includes(t));
  if (ids.length === 0 || plus.length + minus.length === 0) return 0;
  try {
    let count = 0;
    for (const part of chunk(ids, BULK)) count += (await invoke('library:tag', { ids: part, add: plus, remove: minus })).count;
    patchCached(ids, (r) => ({ ...r, tags: [...new Set([...r.tags.filter((t) => !minus.includes(t)), ...plus])].sort() }));
    return count;
  } catch (err) {
    store().pushNotice('error', `Could not change the tags: ${errorText(err)}`);
    return null;
  }
}

/** Tags in use starting with `prefix`, most used first (autocomplete). Quiet on failure: suggestions are optional. */
export async function suggestTags(prefix: string, limit = 8): Promise<LibraryTag[]> {
  try {
    return (await invoke('library:tags', { prefix: tidyTag(prefix), limit })).tags;
  } catch {
    return [];
  }
}

/** The tags on a selection with how many of its items carry each. */
export async function tagsOfItems(ids: readonly string[]): Promise<LibraryTag[]> {
  try {
    return (await invoke('library:tags', { ids: [...ids].slice(0, 20_000), limit: 1000 })).tags;
  } catch (err) {
    store().pushNotice('error', `Could not read the tags: ${errorText(err)}`);
    return [];
  }
}
