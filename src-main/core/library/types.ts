import type { LibraryFilter, LibraryRecord, LibrarySort, LineageKind } from '@contract';

/** A lineage edge as stored: `childId` was made from `parentId` (an edit is `edited-from` its source). */
export interface LineageEdge {
  childId: string;
  parentId: string;
  kind: LineageKind;
}

/**
 * What the store keeps for one item: the contract record minus what the store derives (`hasLineage`) or what only
 * a search adds (`highlight`).
 */
export type StoredItem = Omit<LibraryRecord, 'hasLineage' | 'highlight'>;

/** An item to insert, with the edges to its parents (the parents need not be in the library yet). */
export interface NewItem {
  item: StoredItem;
  parents: { kind: LineageKind; parentId: string }[];
}

/** A store-level query: the contract filter after defaults, a sort, a keyset cursor and a page size. */
export interface StoreQuery {
  filter: LibraryFilter;
  sort: LibrarySort;
  cursor?: string | undefined;
  limit: number;
  /** Only these ids (see `LibraryQueryInput.ids`): no paging, `total` counts the matches. */
  ids?: readonly string[] | undefined;
  /** Count nothing: `total` is the page's length (see `LibraryQueryInput.uncounted`). */
  uncounted?: boolean | undefined;
  /** Skip this many items first; counts nothing (see `LibraryQueryInput.offset`). */
  offset?: number | undefined;
}

export interface StoreQueryResult {
  ids: string[];
  /** Width ÷ height of each id (0: unknown), for the grid's justified rows. */
  shapes: number[];
  total: number;
  /** True when a text search stopped counting at `COUNT_CAP` ("10,000+"). */
  totalCapped: boolean;
  nextCursor: string | null;
}

/** Where an item's files live, for reconcile and rebuild: relative to the library root. */
export interface FileRef {
  id: string;
  file: string;
  thumb: string | null;
  preview: string | null;
  missing: boolean;
}

/** A smart collection as stored: its saved query is JSON the service validates (`SmartQuery`). */
export interface SmartRow {
  id: string;
  name: string;
  createdAt: number;
  query: string;
}

/** A collection row with its item count. */
export interface CollectionRow {
  id: string;
  name: string;
  createdAt: number;
  /** Items in it that are not in the trash. */
  count: number;
  /** The thumbnail of its newest item outside the trash, for the board's cover. */
  cover: string | null;
}

/**
 * One atomic step of reconcile or rebuild: rows to insert or update from their sidecars, each one's collection
 * memberships to set exactly (unknown collection ids are skipped), and rows to delete.
 */
export interface ItemSync {
  upsert: readonly NewItem[];
  memberships: readonly (readonly [itemId: string, collectionIds: readonly string[]])[];
  remove: readonly string[];
}

/** An item that already has these bytes, found by content hash. */
export interface HashMatch {
  id: string;
  trashed: boolean;
}

/** The 256 id shards (first two hex chars of an id): the unit reconcile and rebuild work in. */
export const ID_SHARDS: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** An item whose thumbnail predates the current size rule, with what the back-fill needs to remake it. */
export interface OlderThumb {
  id: string;
  kind: 'image' | 'video';
  file: string;
  width: number | null;
  height: number | null;
}
