import type { LibraryFacet, LibraryRecord } from '@contract';
import type { CollectionRow, FileRef, HashMatch, ItemSync, LineageEdge, NewItem, StoreQuery, StoreQueryResult } from './types';

/**
 * The library index: items, lineage edges and collections. Synchronous because the real adapter (node:sqlite
 * `DatabaseSync`) is; every method is one transaction. Implemented by `SqliteLibraryStore` and its twin
 * `InMemoryLibraryStore`, which share one test suite.
 */
export interface LibraryStore {
  /** Inserts (or replaces, by id) items and their parent edges in one transaction. */
  insert(items: readonly NewItem[]): void;
  /** Upserts, sets memberships and deletes in one transaction (a page read meanwhile sees all of it or none). */
  syncItems(batch: ItemSync): void;
  /** Ordered ids and total count for a filter and sort; `nextCursor` continues after the last id. */
  query(query: StoreQuery): StoreQueryResult;
  /** Distinct models and aspect ratios (non-null) with counts, most used first, then by value. */
  facets(trashed: boolean): { models: LibraryFacet[]; aspectRatios: LibraryFacet[] };
  /** Records for the given ids, in the given order; unknown ids are left out. */
  records(ids: readonly string[]): LibraryRecord[];
  get(id: string): LibraryRecord | null;
  /** Edges where the item is the child (`parents`) or the parent (`children`). */
  lineage(id: string): { parents: LineageEdge[]; children: LineageEdge[] };
  setFavorite(ids: readonly string[], favorite: boolean): number;
  /** Trash (`at` = time) or restore (`at` = null); returns how many rows changed. */
  setTrashed(ids: readonly string[], at: number | null): number;
  /** Trashed ids among `ids`, or all trashed ids when `ids` is omitted. */
  trashedIds(ids?: readonly string[]): string[];
  /** Deletes rows, their edges and memberships. */
  remove(ids: readonly string[]): number;
  setMissing(ids: readonly string[], missing: boolean): number;
  /**
   * The file paths of the items of one id shard (ids starting with `shard`, two hex chars), in id order. Reconcile
   * and rebuild walk the library a shard at a time, so they never hold more than ~1/256 of it.
   */
  shardRefs(shard: string): FileRef[];
  /** Items whose content hash is one of `hashes` (one per hash; the live one when there are several). */
  findByContentHash(hashes: readonly string[]): Map<string, HashMatch>;
  listCollections(): CollectionRow[];
  createCollection(id: string, name: string, createdAt: number): CollectionRow;
  /** Returns null when the collection does not exist. */
  renameCollection(id: string, name: string): CollectionRow | null;
  deleteCollection(id: string): number;
  addToCollection(collectionId: string, ids: readonly string[]): number;
  removeFromCollection(collectionId: string, ids: readonly string[]): number;
  collectionsOf(id: string): string[];
  /** Drops every item, edge and collection (rebuild starts from nothing). */
  clear(): void;
  close(): void;
}
