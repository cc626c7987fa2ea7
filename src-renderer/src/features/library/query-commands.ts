/**
 * Side-effecting commands for the grid's data: run the query (ordered ids first), page more ids with the keyset
 * cursor, fetch records for the visible window, and react to `library:changed`. State lives in the library slice.
 */
import type { EventPayload, LibraryFilter, LibraryRecord } from '@contract';
import { invoke } from '../../lib/api';
import type { LibraryState } from '../../stores/library-slice';
import { useStudio } from '../../stores/store';
import { dateInputToMs } from './format';
import { farSpan, idsToFetch, withPlaced } from './grid-window';
import { pruneSelection } from './selection';
import { loadSmartCollections } from './smart-commands';

/** Ids per query page: large, so almost every library arrives in one round trip (the ids are tiny). */
export const ID_PAGE = 50_000;

const lib = () => useStudio.getState().library;

/** The contract filter for the slice's view, filters and search text. */
export function toQueryFilter(state: Pick<LibraryState, 'view' | 'filters' | 'text'>): LibraryFilter {
  const f = state.filters;
  const text = state.text.trim();
  const filter: LibraryFilter = { trashed: state.view.kind === 'trash' };
  if (state.view.kind === 'collection') filter.collectionId = state.view.id;
  if (state.view.kind === 'smart') {
    // A smart collection saved inside a collection keeps that collection as its base.
    const base = useStudio.getState().library.smart.find((s) => s.id === (state.view as { id: string }).id)?.query.filter.collectionId;
    if (base) filter.collectionId = base;
  }
  if (f.kind) filter.kind = f.kind;
  if (f.model?.trim()) filter.model = f.model.trim();
  if (f.provider) filter.provider = f.provider;
  if (f.aspectRatio) filter.aspectRatio = f.aspectRatio;
  if (f.favorite) filter.favorite = true;
  if (f.hasLineage) filter.hasLineage = true;
  if (f.rating !== undefined) filter.ratings = f.rating === 0 ? [0] : [1, 2, 3, 4, 5].filter((r) => r >= (f.rating ?? 0));
  if (f.tags?.length) filter.tags = f.tags;
  const from = f.from ? dateInputToMs(f.from) : undefined;
  const to = f.to ? dateInputToMs(f.to, true) : undefined;
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  if (text) filter.text = text;
  return filter;
}

/** Relevance only means something while searching; fall back to newest otherwise. */
function effectiveSort(state: LibraryState) {
  return state.sort === 'relevance' && !state.text.trim() ? 'newest' : state.sort;
}

/**
 * This window's lane for grid queries (see `LibraryQueryInput.lane`): main answers only the newest query of a lane
 * that is still waiting, so keystrokes typed while main was busy cost one query, not one each.
 */
export const QUERY_LANE = `grid-${Math.random().toString(36).slice(2, 14)}`;

/** Fewest ids in a first page, whatever the window (a small window still gets a margin to scroll into). */
export const FIRST_PAGE_MIN = 200;
/** Content below the view the grid renders at rest (use-virtual-rows' resting overscan). */
const FIRST_OVERSCAN_PX = 600;
/** How long the rest of the ids waits after the first page (the grid scrolled past the first page loads it sooner). */
export const REST_DELAY_MS = 250;

/**
 * A new query's first page, sized to the window: records for the tiles of the first screenful (counting narrow
 * tiles: a justified row fits more portraits than squares), and twice as many ids as the screenful and the
 * overscan below it hold. The overscan's records follow with the window fetch, after the answer is on screen:
 * sent with it, they were half of what a keystroke cost main and the renderer (issue 16). A fixed 1,000 ids + 120
 * records cost more than the rest of a keystroke's work.
 */
export function firstPageSize(tileSize: number, view: { width: number; height: number } = { width: window.innerWidth, height: window.innerHeight }) {
  const columns = Math.max(1, Math.ceil(view.width / (tileSize * 0.6)));
  const rows = Math.ceil((view.height + FIRST_OVERSCAN_PX) / tileSize) + 1;
  const records = Math.min(1000, columns * (Math.ceil(view.height / tileSize) + 1));
  return { ids: Math.min(ID_PAGE, Math.max(FIRST_PAGE_MIN, columns * rows * 2)), records };
}

/**
 * Runs the query. `keepRecords` keeps cached records (same search text, so highlights still apply). A query the
 * user asked for (open, search, filter, sort, view) first asks for a small page with its first records, so the
 * grid paints after one round trip, then pages the remaining ids in; selection pruning and focus clamping wait for
 * the full list. A `refresh` after a change asks for the full page at once, so the ids under the user (and the
 * selection and focus among them) never shrink to the first page, and cached records make it flicker-free.
 * Every call is sent at once (no debounce, no waiting for an older query): main drops the older ones of the lane
 * that have not started, and answers to older generations are dropped here.
 */
export async function runQuery(options: { keepRecords?: boolean; refresh?: boolean } = {}): Promise<void> {
  const store = useStudio.getState();
  const fresh = !(options.refresh ?? false);
  const generation = store.beginLibraryQuery();
  try {
    const state = lib();
    const filter = toQueryFilter(state);
    const size = firstPageSize(state.tileSize);
    const page = await invoke(
      'library:query',
      fresh
        ? { filter, sort: effectiveSort(state), limit: size.ids, withRecords: size.records, lane: QUERY_LANE }
        : { filter, sort: effectiveSort(state), limit: ID_PAGE, lane: QUERY_LANE },
    );
    if (lib().generation !== generation || page.superseded) return;
    store.applyLibraryPage(
      { ids: page.ids, loaded: page.ids.length, placed: [], shapes: shapesOf(page), total: page.total, totalCapped: page.totalCapped, nextCursor: page.nextCursor, status: 'ready' },
      page.records ?? [],
      options.keepRecords ?? false,
    );
    // The next page of ids (the rest, in all but the largest libraries) before anything prunes against them. It
    // waits a moment: main answers one request at a time, and the first screen's thumbnails should not queue
    // behind 50k ids.
    if (fresh && page.nextCursor) {
      await new Promise((r) => setTimeout(r, REST_DELAY_MS));
      if (lib().generation !== generation) return;
      await loadMoreIds();
    }
    const current = lib();
    if (current.generation !== generation) return;
    store.patchLibrary({
      // Clamped to the whole result (a huge library's ids page in after the focus may have gone to its end).
      focusIndex: Math.max(0, Math.min(current.focusIndex, Math.max(current.total, current.ids.length) - 1)),
      selection: pruneSelection(current.selection, current.ids),
    });
  } catch (err) {
    if (lib().generation === generation) store.patchLibrary({ status: 'error', error: errorText(err) });
  }
}

/** The query generation whose next page is being loaded (one page at a time per query). */
let loadingMoreFor = -1;

/** Appends the next page of ids (keyset cursor), for libraries larger than one page. */
export async function loadMoreIds(): Promise<void> {
  const state = lib();
  const { generation } = state;
  if (loadingMoreFor === generation || !state.nextCursor) return;
  loadingMoreFor = generation;
  try {
    // In the lane: a keystroke sent while main has not started on these ids supersedes them.
    const page = await invoke('library:query', {
      filter: toQueryFilter(state),
      sort: effectiveSort(state),
      cursor: state.nextCursor,
      limit: ID_PAGE,
      lane: QUERY_LANE,
    });
    if (lib().generation !== generation || page.superseded) return;
    // The total stays as it is: later pages repeat the first page's count, which placed additions have moved on.
    // Written at `loaded`, over the holes (and any page a jump placed) past it.
    const now = lib();
    const loaded = now.loaded + page.ids.length;
    useStudio.getState().patchLibrary({ ...spliced(now, now.loaded, page.ids, shapesOf(page)), loaded, placed: withPlaced(now.placed, loaded), nextCursor: page.nextCursor });
  } catch (err) {
    useStudio.getState().pushNotice('error', `Could not load more of the library: ${errorText(err)}`);
  } finally {
    if (loadingMoreFor === generation) loadingMoreFor = -1;
  }
}

/**
 * `ids` and `shapes` with a page written from `at` on; past their end the ids are left undefined and the shapes 0
 * (unknown). The shapes are a Float64Array (a zeroed allocation and a bulk copy: ~0.3 ms for a million); the ids a
 * copy lengthened to the result (V8 may keep a list written far past its old end as a dictionary: reading it stays
 * cheap for the few hundred ids a frame reads). Filling ~950k placeholders into two plain arrays instead cost
 * 20–60 ms of the renderer's main thread on End at 1M (issue 16).
 */
function spliced(state: Pick<LibraryState, 'ids' | 'shapes'>, at: number, ids: readonly string[], shapes: readonly number[]) {
  const length = Math.max(state.ids.length, state.shapes.length, at + ids.length);
  const nextIds = state.ids.slice();
  if (nextIds.length < length) nextIds.length = length;
  const nextShapes = new Float64Array(length);
  nextShapes.set(state.shapes);
  for (let i = 0; i < ids.length; i += 1) {
    nextIds[at + i] = ids[i] as string;
    nextShapes[at + i] = shapes[i] ?? 0;
  }
  return { ids: nextIds, shapes: nextShapes };
}

/** Two lists of shapes one after the other (items added on top of, or after, the grid's). */
function joined(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Puts a page of ids (with its first records) at `at` in a result whose ids from the top have not reached there
 * yet, in one store update with `patch` (the jump itself): the tiles there draw at once, and paging from the top
 * fills the gap above behind them. Nothing when the view changed meanwhile or the page is already in.
 */
export function placePage(
  generation: number,
  at: number,
  page: { ids: readonly string[]; shapes?: readonly number[] | undefined; records?: readonly LibraryRecord[] | undefined },
  patch: Partial<LibraryState> = {},
): void {
  const now = lib();
  if (now.generation !== generation) return;
  if (at < now.loaded || page.ids.length === 0) return useStudio.getState().patchLibrary(patch);
  const placed = withPlaced(now.placed, now.loaded, [at, at + page.ids.length]);
  useStudio.getState().applyLibraryPage({ ...spliced(now, at, page.ids, shapesOf(page)), placed, ...patch }, page.records ?? [], true);
}

/**
 * Items `[start, end)` of the current result, placed where they belong (`placePage`): asked for by offset from the
 * nearer end — past the middle, the same view in the other order, reversed (main walks the rows it skips) — which
 * only the dated orders with an exact total have. No lane: the pages from the top ride it, and a later one would
 * answer this one `superseded`.
 */
async function fetchPlaced(state: LibraryState, start: number, end: number, withRecords = 0): Promise<void> {
  const { generation, total } = state;
  const sort = effectiveSort(state);
  const reverse = start > total - end && !state.totalCapped && (sort === 'newest' || sort === 'oldest');
  const query = { filter: toQueryFilter(state), limit: end - start, uncounted: true, ...(withRecords > 0 ? { withRecords } : {}) } as const;
  const page = reverse
    ? await invoke('library:query', { ...query, sort: sort === 'newest' ? 'oldest' : 'newest', offset: total - end })
    : await invoke('library:query', { ...query, sort, offset: start });
  const ids = reverse ? [...page.ids].reverse() : page.ids;
  const shapes = reverse ? shapesOf(page).reverse() : shapesOf(page);
  placePage(generation, reverse ? end - ids.length : start, { ids, shapes, records: page.records ?? [] });
}

/** The tail page being fetched, for this generation (one at a time). */
let tailFor = -1;

/**
 * The end of a huge result (End, Ctrl+End, the scrollbar dragged to the bottom) before the pages above it: the
 * same view in the other order, its first page reversed, placed at the end (`placePage`). Only for the dated
 * orders, with an exact total; otherwise the ids page in from the top as before.
 */
export async function loadTail(): Promise<boolean> {
  const state = lib();
  const sort = effectiveSort(state);
  const { generation, total } = state;
  if (state.nextCursor === null || state.totalCapped || (sort !== 'newest' && sort !== 'oldest')) return false;
  if (tailFor === generation) return true;
  if (state.ids[total - 1] !== undefined || total - state.loaded <= FIRST_PAGE_MIN) return false;
  tailFor = generation;
  try {
    const size = firstPageSize(state.tileSize);
    const limit = Math.min(size.ids, total - state.loaded);
    await fetchPlaced(state, total - limit, total, Math.min(limit, size.records));
  } catch (err) {
    useStudio.getState().pushNotice('error', `Could not load the end of the library: ${errorText(err)}`);
  } finally {
    if (tailFor === generation) tailFor = -1;
  }
  return true;
}

/** Ids of a far page (see `loadFar`): a few screenfuls, so a drag that comes to rest is covered around it. */
export const FAR_PAGE_MIN = 2000;
/** The far page being fetched, for this generation (one at a time), and the span asked for meanwhile. */
let farFor = -1;
let farNext: [number, number] | null = null;

/**
 * The page around items `[start, end)` of a huge result whose ids have not arrived, far below the ids from the top
 * (the scrollbar dragged to the middle of 1M items, Page Down or the arrows into a gap): asked for by its offset in
 * the result, from the nearer end (main walks the rows it skips), and placed where it belongs (`placePage`); the
 * ids above it are not paged in. The end of the result goes to `loadTail` (the same view in the other order).
 * While one is on its way, the latest span asked for waits for it.
 */
export async function loadFar(span: [number, number]): Promise<void> {
  const state = lib();
  const { generation, total } = state;
  if (farFor === generation) {
    farNext = span;
    return;
  }
  if (span[1] >= total && (await loadTail())) return;
  const limit = Math.min(ID_PAGE, Math.max(FAR_PAGE_MIN, firstPageSize(state.tileSize).ids * 4, span[1] - span[0]));
  // Centred on the span, inside the result and below the ids from the top.
  const start = Math.max(state.loaded, Math.min(total - limit, Math.round((span[0] + span[1] - limit) / 2)));
  const end = Math.min(total, start + limit);
  if (end <= start) return;
  farFor = generation;
  farNext = null;
  try {
    await fetchPlaced(state, start, end);
  } catch (err) {
    useStudio.getState().pushNotice('error', `Could not load that part of the library: ${errorText(err)}`);
  } finally {
    if (farFor === generation) farFor = -1;
  }
  const next = farNext;
  farNext = null;
  const now = lib();
  // (Indexed, not `some`: the ids past a far page may be holes, which array methods skip.)
  if (next && now.generation === generation && farSpan(now.ids, next, -Infinity) !== null) await loadFar(next);
}

/** Ids asked for and not yet answered, so scrolling never fetches the same records twice. */
const inflight = new Set<string>();

/** Fetches records for the item span `[start, end)` (visible window plus overscan) that are not cached yet. */
export async function fetchWindow(span: [number, number]): Promise<void> {
  const state = lib();
  const batches = idsToFetch(state.ids, span, (id) => state.records.has(id) || inflight.has(id));
  const text = state.text.trim() || undefined;
  await Promise.all(
    batches.map(async (ids) => {
      for (const id of ids) inflight.add(id);
      try {
        const { records } = await invoke('library:records', text ? { ids, text } : { ids });
        // Highlights depend on the search text only, so records stay valid across refreshes of the same search.
        if (lib().text.trim() === (text ?? '')) {
          useStudio.getState().mergeLibraryRecords(records);
        }
      } catch (err) {
        useStudio.getState().pushNotice('error', `Could not load library items: ${errorText(err)}`);
      } finally {
        for (const id of ids) inflight.delete(id);
      }
    }),
  );
}

export async function loadCollections(): Promise<void> {
  try {
    const { collections } = await invoke('library:collections', {});
    useStudio.getState().patchLibrary({ collections });
  } catch (err) {
    useStudio.getState().pushNotice('error', `Could not load collections: ${errorText(err)}`);
  }
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let smartTimer: ReturnType<typeof setTimeout> | undefined;
let placeTimer: ReturnType<typeof setTimeout> | undefined;
/** Ids announced as added and not placed in the grid yet (a burst of import batches is placed at once). */
const pendingAdded = new Set<string>();
/** Added items the grid could not place (another sort, an older date): one refresh once the burst is over. */
let refreshAfterBurst = false;
/** How long a burst of additions must pause before a view that cannot place them is re-queried. */
export const BURST_QUIET_MS = 1500;
/** How far from the top an added id is looked for, in case a refresh already brought it in. */
const HEAD_CHECK = 2000;

/**
 * Routed from the `library:changed` event (bootstrap). Changed ids are dropped from the cache so the grid
 * refetches them; the query re-runs once per burst of events. Added items (each batch of an import, each new
 * result) are placed instead, without re-running the whole query: see `placeAdded`.
 */
export function onLibraryChanged(change: EventPayload<'library:changed'>): void {
  const store = useStudio.getState();
  if (change.reason === 'added' && change.ids) {
    for (const id of change.ids) pendingAdded.add(id);
    clearTimeout(placeTimer);
    placeTimer = setTimeout(() => void placeAdded(), 60);
    return;
  }
  if (change.ids) store.dropLibraryRecords(change.ids);
  else if (change.reason === 'rebuilt' || change.reason === 'reconciled' || change.reason === 'switched' || change.reason === 'external') store.clearLibraryRecords();
  if (change.reason === 'collections' || change.reason === 'deleted' || change.reason === 'added' || change.reason === 'external') void loadCollections();
  // Any change can move a smart collection's count; main recounts once per change, so this stays cheap.
  clearTimeout(smartTimer);
  smartTimer = setTimeout(() => void loadSmartCollections(), 300);
  if (store.library.status === 'idle') return; // The Library has not been opened yet: it queries on mount.
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    void runQuery({ keepRecords: true, refresh: true });
    if (facetWatchers > 0 && change.reason !== 'collections') void loadFacets();
  }, 60);
}

/** One full refresh when additions pause (for views where new items cannot simply go on top). */
function refreshOnceQuiet(): void {
  refreshAfterBurst = true;
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    refreshAfterBurst = false;
    void runQuery({ keepRecords: true, refresh: true });
  }, BURST_QUIET_MS);
}

/**
 * Puts newly added items into the loaded list: main says which of them match the current view, in order, with
 * their records (`ids` query: lookups by id, whatever the library's size). Newest first, items dated after the
 * top one go on top; oldest first, they go at the end once the whole list is loaded (else paging brings them).
 * Anything else (largest, best match, an imported photo with an old date) waits for one refresh after the burst.
 */
async function placeAdded(): Promise<void> {
  const added = [...pendingAdded];
  pendingAdded.clear();
  void loadCollections();
  const state = lib();
  if (state.status === 'idle' || added.length === 0) return; // The grid queries on mount.
  if (facetWatchers > 0) void loadFacets();
  const sort = effectiveSort(state);
  if (sort === 'relevance' || sort === 'largest' || refreshAfterBurst) return refreshOnceQuiet();
  const { generation } = state;
  try {
    const page = await invoke('library:query', { filter: toQueryFilter(state), sort, limit: 1000, ids: added.slice(0, 1000), withRecords: Math.min(added.length, 1000) });
    const now = lib();
    if (now.generation !== generation || page.ids.length === 0) return;
    if (page.records) useStudio.getState().mergeLibraryRecords(page.records);
    const near = new Set(sort === 'newest' ? now.ids.slice(0, HEAD_CHECK) : now.ids.slice(-HEAD_CHECK));
    const shapeById = new Map(page.ids.map((id, i) => [id, page.shapes?.[i] ?? 0]));
    const fresh = page.ids.filter((id) => !near.has(id));
    if (fresh.length === 0) return;
    const freshShapes = fresh.map((id) => shapeById.get(id) ?? 0);
    const dateOf = (id: string | undefined) => (id === undefined ? undefined : lib().records.get(id)?.createdAt);
    const edge = dateOf(sort === 'newest' ? now.ids[0] : now.ids.at(-1));
    const fits = fresh.every((id) => edge === undefined || (dateOf(id) ?? -Infinity) >= edge);
    if (!fits || (sort === 'oldest' && now.nextCursor !== null && now.ids.length > 0)) {
      useStudio.getState().patchLibrary({ total: now.total + fresh.length });
      if (!fits) refreshOnceQuiet();
      return;
    }
    useStudio.getState().patchLibrary(
      sort === 'newest'
        ? {
            ids: [...fresh, ...now.ids],
            shapes: joined(freshShapes, now.shapes),
            loaded: now.loaded + fresh.length,
            placed: now.placed.map(([a, b]) => [a + fresh.length, b + fresh.length] as const),
            total: now.total + fresh.length,
            focusIndex: now.ids.length > 0 ? now.focusIndex + fresh.length : 0,
          }
        : { ids: [...now.ids, ...fresh], shapes: joined(now.shapes, freshShapes), loaded: now.ids.length + fresh.length, total: now.total + fresh.length },
    );
  } catch {
    refreshOnceQuiet(); // placing failed: the refresh brings them in
  }
}

/** Open filter panels: facets are counted over the whole library, so they load only while someone shows them. */
let facetWatchers = 0;

/** Loads the facets now and keeps them current on `library:changed` until the returned cleanup runs. */
export function watchFacets(): () => void {
  facetWatchers += 1;
  void loadFacets();
  return () => {
    facetWatchers -= 1;
  };
}

/** The filter dropdowns' models and aspect ratios with counts, for the trash or everything else. */
export async function loadFacets(): Promise<void> {
  const trashed = lib().view.kind === 'trash';
  try {
    const facets = await invoke('library:facets', { trashed });
    if ((lib().view.kind === 'trash') === trashed) useStudio.getState().patchLibrary({ facets });
  } catch {
    // The dropdowns keep their last values; the grid itself does not depend on them.
  }
}

/** A page's shapes, parallel to its ids (an older main without them: every item drawn square). */
function shapesOf(page: { ids: readonly string[]; shapes?: readonly number[] | undefined }): number[] {
  return page.shapes && page.shapes.length === page.ids.length ? [...page.shapes] : page.ids.map(() => 0);
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
