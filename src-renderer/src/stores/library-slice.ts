import type { LibraryCollection, LibraryFacet, LibraryMaintenance, LibraryRecord, LibrarySmartCollection, LibrarySort, MediaKind, ProviderId } from '@contract';
import type { StateCreator } from 'zustand';
import { DEFAULT_TILE_SIZE } from '../features/library/grid-window';
import { EMPTY_SELECTION, type Selection } from '../features/library/selection';
import type { StudioState } from './store';

/** Which part of the library the grid shows. */
export type LibraryView =
  | { kind: 'all' }
  | { kind: 'trash' }
  | { kind: 'collection'; id: string }
  /** A smart collection: its saved query is loaded into text, filters and sort (see smart-commands). */
  | { kind: 'smart'; id: string }
  /** "Find duplicates": sets of copies instead of the grid. */
  | { kind: 'duplicates' }
  /** Every live share link. */
  | { kind: 'shared' };

/** Filters as the form holds them (dates as `yyyy-mm-dd`); `toQueryFilter` turns them into the contract's filter. */
export interface LibraryFilters {
  kind?: MediaKind;
  model?: string;
  provider?: ProviderId;
  from?: string;
  to?: string;
  aspectRatio?: string;
  favorite?: boolean;
  hasLineage?: boolean;
  /** 0: unrated only; 1–5: that many stars or more. */
  rating?: number;
  /** Items carrying all of these (normalized) tags. */
  tags?: string[];
}

/**
 * What the Library hands to another section when the user picks Remix, Edit or Animate on an item. The Generate,
 * Edit and Video screens read it on mount with `takeLibraryHandoff()` (which clears it, so it is used once) and
 * load the item with `library:item`: `remix` reuses prompt and params, `edit` uses the image as the source,
 * `animate` uses it as the video's start frame; a video's `extend` and `edit-video` make it the source video.
 */
export interface LibraryHandoff {
  action: 'remix' | 'edit' | 'animate' | 'extend' | 'edit-video';
  itemId: string;
  /** `edit` only: open the stage on Stability AI with this mask operation chosen ("Erase…": the user paints, sends). */
  operation?: 'erase';
}

export interface LibraryFacets {
  models: LibraryFacet[];
  aspectRatios: LibraryFacet[];
}

export interface LibraryToast {
  id: number;
  message: string;
  /** Ids to restore when the user presses Undo. */
  undoIds?: string[];
}

/** An import as the Library shows it: main's counts, pace and ETA (`library:import`) plus the files it refused. */
export interface ImportProgress {
  /** Null until main has answered `library:import-begin` (and for desktop imports of chosen files). */
  job: string | null;
  state: 'running' | 'done' | 'cancelled';
  total: number;
  done: number;
  imported: number;
  /** Files whose exact bytes were in the library already. */
  duplicates: number;
  ratePerSec: number;
  etaMs: number | null;
  current: string | null;
  /** Files refused, and why (the first few hundred). */
  errors: { name: string; reason: string }[];
}

export interface LibraryState {
  view: LibraryView;
  text: string;
  filters: LibraryFilters;
  sort: LibrarySort;
  tileSize: number;
  /** "Square tiles": the grid crops every item to a square cell instead of justified rows at true aspect ratios. */
  squareTiles: boolean;
  /**
   * Ordered ids for the current query (loaded first); records come per visible window. Past `loaded` it may have
   * a gap of undefined entries: "Jump to date" and End in a huge result place the page they need where it belongs
   * first (`placePage`), and the grid draws the gap as pending tiles until paging from the top reaches it.
   */
  ids: string[];
  /** How many of `ids` came from paging from the top: `nextCursor` continues there. */
  loaded: number;
  /**
   * Ranges `[start, end)` of `ids` past `loaded` placed by a far page (End, a jump, the scrollbar dragged there),
   * sorted and disjoint: the grid lays out their rows and estimates the gaps around them (see grid-layout.ts).
   */
  placed: readonly (readonly [number, number])[];
  /**
   * Width ÷ height of each id, parallel to `ids` (0: unknown), for the justified rows: a plain array from a query,
   * a Float64Array once a page was written into it (a 1M list of numbers: allocated zeroed and copied in bulk).
   */
  shapes: ArrayLike<number>;
  total: number;
  /** A text search stops counting at 10,000: the count reads "10,000+". */
  totalCapped: boolean;
  nextCursor: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** Bumped on every new query, so responses to an older one are dropped. */
  generation: number;
  /**
   * Records cached by id for the current search text (highlights depend on it). A Map mutated in place (no copy
   * per window fetch); `recordsVersion` is bumped on every change. Tiles select their own record, so a merge
   * re-renders only the tiles whose record changed; whole-cache readers subscribe to `recordsVersion`.
   */
  records: ReadonlyMap<string, LibraryRecord>;
  recordsVersion: number;
  /** Distinct models and aspect ratios with counts, for the filter dropdowns (`library:facets`). */
  facets: LibraryFacets;
  selection: Selection;
  /**
   * While a rubber band is being dragged: what the selection will be on release. Tiles show it; the selection
   * (and with it the selection bar above the grid, which would move the grid under the pointer) changes on release.
   */
  band: ReadonlySet<string> | null;
  /** Index of the tile that has keyboard focus (roving tabindex). */
  focusIndex: number;
  /** "Jump to date" asked the grid to bring this item to the top of the view and focus it (the grid clears it). */
  jump: { index: number } | null;
  collections: LibraryCollection[];
  smart: LibrarySmartCollection[];
  /** Bumped on `share:changed`: share link lists refresh. */
  shareVersion: number;
  toast: LibraryToast | null;
  importing: ImportProgress | null;
  handoff: LibraryHandoff | null;
  /** The start-up check or a rebuild, running or last ended (from `library:maintenance`). */
  maintenance: LibraryMaintenance | null;
}

export interface LibrarySlice {
  library: LibraryState;
  patchLibrary(patch: Partial<LibraryState>): void;
  /**
   * Starts a new query: a new generation, no more paging of the old answer. The ids and records on screen stay
   * until the answer replaces them in one update (`applyLibraryPage`): clearing the cache here would re-render
   * every tile as "Loading item" and fetch the old ids' records again, once per keystroke (issue 16).
   */
  beginLibraryQuery(): number;
  /**
   * A query's answer, in one store update (one render): the patch (ids, shapes, total…) and the page's records,
   * merged into the cache (`keep`: same search text) or replacing it (a new text: highlights depend on it).
   */
  applyLibraryPage(patch: Partial<LibraryState>, records: readonly LibraryRecord[], keep: boolean): void;
  mergeLibraryRecords(records: readonly LibraryRecord[]): void;
  /** Empties the record cache (a rebuild, or a new search text). */
  clearLibraryRecords(): void;
  dropLibraryRecords(ids: readonly string[]): void;
  setLibrarySelection(selection: Selection): void;
  /** Hands an item to another section and switches to it (see `LibraryHandoff`). */
  handOffLibraryItem(handoff: LibraryHandoff): void;
  /** Reads and clears the handoff: the receiving screen uses it once. */
  takeLibraryHandoff(): LibraryHandoff | null;
}

export const initialLibraryState: LibraryState = {
  view: { kind: 'all' },
  text: '',
  filters: {},
  sort: 'newest',
  tileSize: DEFAULT_TILE_SIZE,
  squareTiles: false,
  ids: [],
  loaded: 0,
  placed: [],
  shapes: [],
  total: 0,
  totalCapped: false,
  nextCursor: null,
  status: 'idle',
  error: null,
  generation: 0,
  records: new Map(),
  recordsVersion: 0,
  facets: { models: [], aspectRatios: [] },
  selection: EMPTY_SELECTION,
  band: null,
  focusIndex: 0,
  jump: null,
  collections: [],
  smart: [],
  shareVersion: 0,
  toast: null,
  importing: null,
  handoff: null,
  maintenance: null,
};

/**
 * Records kept in memory: beyond this the least recently fetched are dropped and simply fetched again if the user
 * scrolls back (a 100k library scrolled end to end would otherwise keep every record).
 */
export const RECORD_CACHE_LIMIT = 3000;

/** Oldest-fetched first: a Map iterates in insertion order, and a merge re-inserts what it touches. */
function trimCache(records: Map<string, LibraryRecord>): void {
  let excess = records.size - RECORD_CACHE_LIMIT;
  if (excess <= 0) return;
  for (const key of records.keys()) {
    if (excess-- <= 0) break;
    records.delete(key);
  }
}

const cacheOf = (state: LibraryState) => state.records as Map<string, LibraryRecord>;
/** The initial state's Map is shared by every reset (`{ ...initialLibraryState }`): never mutate that one. */
const writableCache = (state: LibraryState) =>
  state.records === initialLibraryState.records ? new Map<string, LibraryRecord>() : cacheOf(state);

const SECTION_FOR = { remix: 'generate', edit: 'edit', animate: 'video', extend: 'video', 'edit-video': 'video' } as const;

export const createLibrarySlice: StateCreator<StudioState, [], [], LibrarySlice> = (set, get) => ({
  library: initialLibraryState,
  patchLibrary: (patch) => set((s) => ({ library: { ...s.library, ...patch } })),
  beginLibraryQuery: () => {
    const generation = get().library.generation + 1;
    set((s) => ({ library: { ...s.library, generation, status: 'loading', error: null, nextCursor: null } }));
    return generation;
  },
  applyLibraryPage: (patch, records, keep) =>
    set((s) => {
      const cache = keep ? writableCache(s.library) : new Map<string, LibraryRecord>();
      for (const r of records) {
        cache.delete(r.id);
        cache.set(r.id, r);
      }
      trimCache(cache);
      const changed = !keep || records.length > 0;
      return { library: { ...s.library, ...patch, records: cache, recordsVersion: s.library.recordsVersion + (changed ? 1 : 0) } };
    }),
  mergeLibraryRecords: (records) =>
    set((s) => {
      if (records.length === 0) return s;
      const cache = writableCache(s.library);
      for (const r of records) {
        cache.delete(r.id); // re-insert so iteration order stays "least recently fetched first"
        cache.set(r.id, r);
      }
      trimCache(cache);
      return { library: { ...s.library, records: cache, recordsVersion: s.library.recordsVersion + 1 } };
    }),
  clearLibraryRecords: () => set((s) => ({ library: { ...s.library, records: new Map(), recordsVersion: s.library.recordsVersion + 1 } })),
  dropLibraryRecords: (ids) =>
    set((s) => {
      const cache = cacheOf(s.library);
      let dropped = 0;
      for (const id of ids) if (cache.delete(id)) dropped += 1;
      return dropped ? { library: { ...s.library, recordsVersion: s.library.recordsVersion + 1 } } : s;
    }),
  setLibrarySelection: (selection) => set((s) => ({ library: { ...s.library, selection } })),
  handOffLibraryItem: (handoff) =>
    set((s) => ({ section: SECTION_FOR[handoff.action], viewer: null, library: { ...s.library, handoff } })),
  takeLibraryHandoff: () => {
    const { handoff } = get().library;
    if (handoff) set((s) => ({ library: { ...s.library, handoff: null } }));
    return handoff;
  },
});
