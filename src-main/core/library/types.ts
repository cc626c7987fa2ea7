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
}

export interface StoreQueryResult {
  ids: string[];
  total: number;
  /** True when a text search stopped counting at `COUNT_CAP` ("10,000+"). */
  totalCapped: boolean;
  nextCursor: string | null;
}

/** Where an item's files live, for reconcile: relative to the library root. */
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
  count: number;
}
