import type { LibraryCollection, LibraryRecord, LibrarySort, MediaKind } from '@contract';
import type { StateCreator } from 'zustand';
import { EMPTY_SELECTION, type Selection } from '../features/library/selection';
import type { StudioState } from './store';

/** Which part of the library the grid shows. */
export type LibraryView = { kind: 'all' } | { kind: 'trash' } | { kind: 'collection'; id: string };

/** Filters as the form holds them (dates as `yyyy-mm-dd`); `toQueryFilter` turns them into the contract's filter. */
export interface LibraryFilters {
  kind?: MediaKind;
  model?: string;
  from?: string;
  to?: string;
  aspectRatio?: string;
  favorite?: boolean;
  hasLineage?: boolean;
}

/**
 * What the Library hands to another section when the user picks Remix, Edit or Animate on an item. The Generate,
 * Edit and Video screens read it on mount with `takeLibraryHandoff()` (which clears it, so it is used once) and
 * load the item with `library:item`: `remix` reuses prompt and params, `edit` uses the image as the source,
 * `animate` uses it as the video's start frame.
 */
export interface LibraryHandoff {
  action: 'remix' | 'edit' | 'animate';
  itemId: string;
}

export interface LibraryToast {
  id: number;
  message: string;
  /** Ids to restore when the user presses Undo. */
  undoIds?: string[];
}

export interface ImportProgress {
  total: number;
  done: number;
  current: string | null;
  errors: { name: string; reason: string }[];
}

export interface LibraryState {
  view: LibraryView;
  text: string;
  filters: LibraryFilters;
  sort: LibrarySort;
  tileSize: number;
  /** Ordered ids for the current query (loaded first); records come per visible window. */
  ids: string[];
  total: number;
  /** A text search stops counting at 10,000: the count reads "10,000+". */
  totalCapped: boolean;
  nextCursor: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** Bumped on every new query, so responses to an older one are dropped. */
  generation: number;
  /** Records cached by id for the current search text (highlights depend on it). */
  records: Record<string, LibraryRecord>;
  selection: Selection;
  /** Index of the tile that has keyboard focus (roving tabindex). */
  focusIndex: number;
  lightboxId: string | null;
  collections: LibraryCollection[];
  toast: LibraryToast | null;
  importing: ImportProgress | null;
  handoff: LibraryHandoff | null;
}

export interface LibrarySlice {
  library: LibraryState;
  patchLibrary(patch: Partial<LibraryState>): void;
  /** Starts a new query: new generation, ids and cache reset (the cache survives when only the order changes). */
  beginLibraryQuery(keepRecords: boolean): number;
  mergeLibraryRecords(records: readonly LibraryRecord[]): void;
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
  tileSize: 180,
  ids: [],
  total: 0,
  totalCapped: false,
  nextCursor: null,
  status: 'idle',
  error: null,
  generation: 0,
  records: {},
  selection: EMPTY_SELECTION,
  focusIndex: 0,
  lightboxId: null,
  collections: [],
  toast: null,
  importing: null,
  handoff: null,
};

/**
 * Records kept in memory. Each merge copies the cache (immutable state), so an unbounded cache after scrolling a
 * 100k library turned every window fetch into a 40k-key copy; beyond this the oldest-fetched records are dropped
 * and simply fetched again if the user scrolls back.
 */
export const RECORD_CACHE_LIMIT = 3000;

function trimCache(records: Record<string, LibraryRecord>): Record<string, LibraryRecord> {
  const keys = Object.keys(records);
  if (keys.length <= RECORD_CACHE_LIMIT) return records;
  for (const key of keys.slice(0, keys.length - RECORD_CACHE_LIMIT)) delete records[key];
  return records;
}

const SECTION_FOR = { remix: 'generate', edit: 'edit', animate: 'video' } as const;

export const createLibrarySlice: StateCreator<StudioState, [], [], LibrarySlice> = (set, get) => ({
  library: initialLibraryState,
  patchLibrary: (patch) => set((s) => ({ library: { ...s.library, ...patch } })),
  beginLibraryQuery: (keepRecords) => {
    const generation = get().library.generation + 1;
    set((s) => ({
      library: { ...s.library, generation, status: 'loading', error: null, records: keepRecords ? s.library.records : {} },
    }));
    return generation;
  },
  mergeLibraryRecords: (records) =>
    set((s) => {
      const next = { ...s.library.records };
      for (const r of records) {
        delete next[r.id]; // re-insert so the object's key order is "least recently fetched first"
        next[r.id] = r;
      }
      return { library: { ...s.library, records: trimCache(next) } };
    }),
  dropLibraryRecords: (ids) =>
    set((s) => {
      const next = { ...s.library.records };
      for (const id of ids) delete next[id];
      return { library: { ...s.library, records: next } };
    }),
  setLibrarySelection: (selection) => set((s) => ({ library: { ...s.library, selection } })),
  handOffLibraryItem: (handoff) =>
    set((s) => ({ section: SECTION_FOR[handoff.action], library: { ...s.library, handoff, lightboxId: null } })),
  takeLibraryHandoff: () => {
    const { handoff } = get().library;
    if (handoff) set((s) => ({ library: { ...s.library, handoff: null } }));
    return handoff;
  },
});
