import type { LibraryFacet, LibraryFilter, LibraryRecord, LibraryTag } from '@contract';
import type { ShareRow } from '../share/ports';
import type { CollectionRow, FileRef, HashMatch, OlderThumb, ItemSync, LineageEdge, NewItem, SmartRow, StoreQuery, StoreQueryResult } from './types';

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
  /** How many items match a filter, without a page (smart collection counts); text searches stop at COUNT_CAP. */
  count(filter: LibraryFilter): { count: number; capped: boolean };
  /** Distinct models and aspect ratios (non-null) with counts, most used first, then by value. */
  facets(trashed: boolean): { models: LibraryFacet[]; aspectRatios: LibraryFacet[] };
  /** Records for the given ids, in the given order; unknown ids are left out. */
  records(ids: readonly string[]): LibraryRecord[];
  get(id: string): LibraryRecord | null;
  /** Edges where the item is the child (`parents`) or the parent (`children`). */
  lineage(id: string): { parents: LineageEdge[]; children: LineageEdge[] };
  setFavorite(ids: readonly string[], favorite: boolean): number;
  /** Sets the star rating (0–5); returns how many items changed. */
  setRating(ids: readonly string[], rating: number): number;
  /** Adds and removes tags (already normalized); returns the ids whose tags changed. */
  changeTags(ids: readonly string[], add: readonly string[], remove: readonly string[]): string[];
  /** Tags carried by items outside the trash, most used first (then by name); only those starting with `prefix`. */
  tags(options: { prefix?: string; limit: number }): LibraryTag[];
  /** The tags of these items, each with how many of them carry it, most common first. */
  tagsOf(ids: readonly string[]): LibraryTag[];
  /** Trash (`at` = time) or restore (`at` = null); returns how many rows changed. */
  setTrashed(ids: readonly string[], at: number | null): number;
  /** Trashed ids among `ids`, or all trashed ids when `ids` is omitted. */
  trashedIds(ids?: readonly string[]): string[];
  /** Deletes rows, their edges and memberships. */
  remove(ids: readonly string[]): number;
  setMissing(ids: readonly string[], missing: boolean): number;
  /**
   * The file paths of the items of one id shard (ids starting with `shard`, two hex chars; three for a 16th of
   * one), in id order. Reconcile and rebuild walk the library a shard at a time, so they never hold more than
   * ~1/256 of it.
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
  /** Stores perceptual hashes (16 hex digits) of images. */
  setPerceptualHashes(hashes: readonly { id: string; phash: string }[]): void;
  /** Images with a readable file and no perceptual hash yet, newest first (the back-fill's next batch). */
  unhashedImages(limit: number): { id: string; file: string; thumb: string | null }[];
  /**
   * The back-fill's bounded step: the images without a perceptual hash among the next `rows` items, newest first,
   * after `cursor` (null: from the newest); `next` continues the walk, null at the end. However many items are
   * already hashed, one step reads at most `rows` of them (the unbounded `unhashedImages` scans them all).
   */
  unhashedWindow(cursor: string | null, rows: number): { images: { id: string; file: string; thumb: string | null }[]; next: string | null };
  /** How many images still wait for a perceptual hash. */
  unhashedCount(): number;
  /** Items whose thumbnail predates the current size rule (`thumbPx` unset), newest first: the back-fill's work. */
  olderThumbnails(limit: number): OlderThumb[];
  /** Records that these items' thumbnails follow the rule for `px` (THUMB_SHORT_SIDE). */
  setThumbPx(ids: readonly string[], px: number): void;
  /** Every image outside the trash with its hashes, for duplicate grouping (`contentHash` where known). */
  hashedImages(): { id: string; phash: string | null; contentHash: string | null }[];
  /** Creates or replaces a share link row. */
  putShare(row: ShareRow): void;
  /** Share links, newest first: of one item, or all; `liveAt` keeps those neither revoked nor expired at that time. */
  shares(filter: { itemId?: string; liveAt?: number }): ShareRow[];
  /** Smart collections, by name. */
  listSmart(): SmartRow[];
  /** Creates or replaces a smart collection. */
  putSmart(row: SmartRow): void;
  deleteSmart(id: string): number;
  /**
   * A number that changes when another process commits to the same index (SQLite `PRAGMA data_version`); this
   * connection's own writes leave it as it is. The in-memory twin has no other writers: always 0.
   */
  externalVersion(): number;
  /**
   * A long run of writes (a rebuild) starts or ends: SQLite then checkpoints its log into the database less often,
   * each checkpoint being a flush to disk, and catches up once at the end. The in-memory twin has no log.
   */
  bulkWrites(on: boolean): void;
  /** Drops every item, edge, tag and collection, smart ones too (rebuild starts from nothing). */
  clear(): void;
  close(): void;
}
