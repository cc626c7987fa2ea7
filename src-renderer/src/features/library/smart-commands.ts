/**
 * Smart collections in the renderer: a saved search + filters + sort. Opening one loads its query into the search
 * box, the filter panel and the sort (so the user sees what it is and can refine it); "Save changes" writes the
 * refined query back. Counts come from main, which keeps them until the library changes.
 */
import type { LibraryFilter, LibrarySmartCollection, SmartQuery } from '@contract';
import { invoke } from '../../lib/api';
import type { LibraryFilters, LibraryState } from '../../stores/library-slice';
import { useStudio } from '../../stores/store';
import { msToDateInput } from './format';
import { errorText, toQueryFilter } from './query-commands';

const store = () => useStudio.getState();

/** The query the toolbar and filter panel describe right now, as a smart collection saves it. */
export function currentSmartQuery(state: Pick<LibraryState, 'view' | 'filters' | 'text' | 'sort'>): SmartQuery {
  const { trashed: _trashed, ...filter } = toQueryFilter({ ...state, view: state.view.kind === 'trash' ? { kind: 'all' } : state.view });
  return { filter, sort: state.sort === 'relevance' && !state.text.trim() ? 'newest' : state.sort };
}

/** The form state for a saved filter (the inverse of `toQueryFilter`). */
export function formFromQuery(filter: Omit<LibraryFilter, 'trashed'>): { text: string; filters: LibraryFilters } {
  const f: LibraryFilters = {};
  if (filter.kind) f.kind = filter.kind;
  if (filter.model) f.model = filter.model;
  if (filter.provider) f.provider = filter.provider;
  if (filter.aspectRatio) f.aspectRatio = filter.aspectRatio;
  if (filter.favorite) f.favorite = true;
  if (filter.hasLineage) f.hasLineage = true;
  if (filter.from !== undefined) f.from = msToDateInput(filter.from);
  if (filter.to !== undefined) f.to = msToDateInput(filter.to);
  if (filter.ratings?.length) f.rating = filter.ratings.includes(0) ? 0 : Math.min(...filter.ratings);
  if (filter.tags?.length) f.tags = [...filter.tags];
  return { text: filter.text ?? '', filters: f };
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** True when the toolbar and filters no longer say what the open smart collection saved. */
export function smartChanged(state: LibraryState, saved: LibrarySmartCollection): boolean {
  const now = currentSmartQuery(state);
  const { collectionId: _c, ...nowFilter } = now.filter;
  const { collectionId: _s, ...savedFilter } = saved.query.filter;
  return now.sort !== saved.query.sort || !sameJson(sortKeys(nowFilter), sortKeys(savedFilter));
}

function sortKeys(o: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export async function loadSmartCollections(): Promise<void> {
  try {
    const { collections } = await invoke('library:smart-collections', {});
    store().patchLibrary({ smart: collections });
  } catch (err) {
    store().pushNotice('error', `Could not load smart collections: ${errorText(err)}`);
  }
}

/** Shows a smart collection: its query becomes the search, filters and sort. */
export function openSmart(collection: LibrarySmartCollection): void {
  const { text, filters } = formFromQuery(collection.query.filter);
  store().patchLibrary({
    view: { kind: 'smart', id: collection.id },
    text,
    filters,
    sort: collection.query.sort,
    focusIndex: 0,
    selection: { selected: new Set(), anchor: null },
  });
}

export async function saveSmartCollection(name: string): Promise<LibrarySmartCollection | null> {
  try {
    const created = await invoke('library:smart-create', { name, query: currentSmartQuery(store().library) });
    await loadSmartCollections();
    openSmart(created);
    return created;
  } catch (err) {
    store().pushNotice('error', `Could not save the smart collection: ${errorText(err)}`);
    return null;
  }
}

export async function updateSmartCollection(id: string, change: { name?: string; query?: SmartQuery }): Promise<void> {
  try {
    await invoke('library:smart-update', { id, ...change });
    await loadSmartCollections();
  } catch (err) {
    store().pushNotice('error', `Could not update the smart collection: ${errorText(err)}`);
  }
}

export async function deleteSmartCollection(id: string): Promise<void> {
  try {
    await invoke('library:smart-delete', { id });
    const { view } = store().library;
    if (view.kind === 'smart' && view.id === id) store().patchLibrary({ view: { kind: 'all' }, text: '', filters: {} });
    await loadSmartCollections();
  } catch (err) {
    store().pushNotice('error', `Could not delete the smart collection: ${errorText(err)}`);
  }
}
