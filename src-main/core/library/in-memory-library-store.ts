import type { LibraryFacet, LibraryFilter, LibraryRecord, LibraryTag } from '@contract';
import { fail } from '../app-error';
import { shapeOf } from './aspect';
import { COUNT_CAP, decodeCursor, encodeCursor, RELEVANCE_CAP, sortValue } from './cursor';
import { matchesTerms, type SearchTerm } from './fts-query';
import { isEmptyQuery, normalizeTag, parseSearchQuery, type SearchQuery } from './search-query';
import type { LibraryStore } from './library-store';
import type { ShareRow } from '../share/ports';
import type { CollectionRow, FileRef, HashMatch, OlderThumb, ItemSync, LineageEdge, NewItem, SmartRow, StoreQuery, StoreQueryResult, StoredItem } from './types';

/** The in-memory twin of `SqliteLibraryStore`: same behaviour, checked by the same test suite. */
export class InMemoryLibraryStore implements LibraryStore {
  private readonly items = new Map<string, StoredItem>();
  private edges: LineageEdge[] = [];
  private readonly collections = new Map<string, { id: string; name: string; createdAt: number }>();
  private readonly members = new Map<string, Set<string>>();
  private readonly smart = new Map<string, SmartRow>();
  private readonly phashes = new Map<string, string>();
  private readonly links = new Map<string, ShareRow>();

  insert(entries: readonly NewItem[]): void {
    for (const { item, parents } of entries) {
      // Like SQLite: an update without a hash keeps the one the item has.
      const contentHash = item.contentHash ?? this.items.get(item.id)?.contentHash;
      const thumbPx = item.thumbPx ?? this.items.get(item.id)?.thumbPx;
      this.items.set(item.id, { ...item, tags: [...new Set(item.tags)].sort(), ...(contentHash ? { contentHash } : {}), ...(thumbPx ? { thumbPx } : {}) });
      this.edges = this.edges.filter((e) => e.childId !== item.id);
      for (const p of parents) this.edges.push({ childId: item.id, parentId: p.parentId, kind: p.kind });
    }
  }

  syncItems(batch: ItemSync): void {
    this.insert(batch.upsert);
    for (const [itemId, collections] of batch.memberships) {
      for (const set of this.members.values()) set.delete(itemId);
      for (const c of collections) if (this.items.has(itemId)) this.members.get(c)?.add(itemId);
    }
    this.remove(batch.remove);
  }

  private hasLineage(id: string): boolean {
    return this.edges.some((e) => e.childId === id || e.parentId === id);
  }

  private toRecord(item: StoredItem): LibraryRecord {
    return { ...item, params: { ...item.params }, tags: [...item.tags], hasLineage: this.hasLineage(item.id) };
  }

  private matches(item: StoredItem, f: LibraryFilter, q: SearchQuery): boolean {
    if (f.trashed !== (item.trashedAt !== null)) return false;
    if (f.kind !== undefined && item.kind !== f.kind) return false;
    if (f.model !== undefined && item.model !== f.model) return false;
    if (f.provider !== undefined && item.provider !== f.provider) return false;
    if (q.providers && !(item.provider && q.providers.includes(item.provider))) return false;
    if (f.origin !== undefined && item.origin !== f.origin) return false;
    if (f.from !== undefined && item.createdAt < f.from) return false;
    if (f.to !== undefined && item.createdAt >= f.to) return false;
    if (f.aspectRatio !== undefined && item.aspectRatio !== f.aspectRatio) return false;
    if (f.favorite !== undefined && item.favorite !== f.favorite) return false;
    if (f.hasLineage !== undefined && this.hasLineage(item.id) !== f.hasLineage) return false;
    if (f.collectionId !== undefined && !this.members.get(f.collectionId)?.has(item.id)) return false;
    if (f.ratings && !f.ratings.includes(item.rating)) return false;
    if (q.ratings && !q.ratings.includes(item.rating)) return false;
    const wantedTags = [...(f.tags ?? []).map(normalizeTag).filter(Boolean), ...q.tags];
    if (!wantedTags.every((t) => item.tags.includes(t))) return false;
    if (q.excludedTags.some((t) => item.tags.includes(t))) return false;
    const texts = [item.prompt, item.editInstruction, item.title ?? null, item.originalPrompt ?? null];
    if (q.excluded.some((term) => matchesTerms(texts, [term]))) return false;
    return q.terms.length === 0 || matchesTerms(texts, q.terms);
  }

  query(q: StoreQuery): StoreQueryResult {
    const search = parseSearchQuery(q.filter.text ?? '');
    if (q.filter.text?.trim() && isEmptyQuery(search)) return { ids: [], shapes: [], total: 0, totalCapped: false, nextCursor: null };
    const terms = search.terms;
    const sort = q.sort === 'relevance' && terms.length === 0 ? 'newest' : q.sort;
    if (q.ids) {
      // Like SQLite: the matching ones in the sort's order (relevance: newest first), no paging.
      const only = q.ids.flatMap((id) => this.items.get(id) ?? []).filter((item) => this.matches(item, q.filter, search));
      const key = (item: StoredItem) => sortValue(sort === 'relevance' ? 'newest' : sort, item);
      only.sort((a, b) => (sort === 'oldest' ? 1 : -1) * (key(a) - key(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
      const unique = [...new Map(only.map((i) => [i.id, i])).values()];
      return { ids: unique.map((i) => i.id), shapes: unique.map((i) => shapeOf(i.width, i.height)), total: unique.length, totalCapped: false, nextCursor: null };
    }
    const cursor = decodeCursor(q.cursor, sort);
    const all = [...this.items.values()].filter((item) => this.matches(item, q.filter, search));
    let relevanceCapped = false;
    const key = (item: StoredItem) => sortValue(sort, item);
    const byId = (a: StoredItem, b: StoredItem) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    // The rating sort breaks ties by date then id (SQLite: by seq, the same order).
    const byKey = (a: StoredItem, b: StoredItem) =>
      key(a) - key(b) || (sort === 'rating' ? a.createdAt - b.createdAt : 0) || byId(a, b);
    if (sort === 'oldest') all.sort(byKey);
    else if (sort === 'relevance') {
      // Like SQLite: only the newest RELEVANCE_CAP hits are ranked (see cursor.ts).
      all.sort((a, b) => byKey(b, a));
      relevanceCapped = all.length > RELEVANCE_CAP;
      all.splice(RELEVANCE_CAP);
      all.sort((a, b) => this.score(b, terms) - this.score(a, terms) || byKey(b, a));
    } else all.sort((a, b) => byKey(b, a));
    let start = 0;
    if (cursor?.kind === 'offset') start = cursor.offset;
    else if (cursor?.kind === 'key' || cursor?.kind === 'rank') {
      const after = (item: StoredItem) => {
        const k = key(item);
        const at = cursor.kind === 'rank' ? item.createdAt - cursor.at : 0;
        const cmp = k - cursor.value || at || (item.id < cursor.id ? -1 : item.id > cursor.id ? 1 : 0);
        return sort === 'oldest' ? cmp > 0 : cmp < 0;
      };
      start = all.findIndex(after);
      if (start < 0) start = all.length;
    }
    start += q.offset ?? 0;
    const page = all.slice(start, start + q.limit);
    const last = page.at(-1);
    const more = start + page.length < all.length && last !== undefined;
    // Same counting rules as SQLite: counted on the first page, capped for searches, then carried by the cursor.
    const capped = relevanceCapped || (terms.length > 0 && all.length > COUNT_CAP);
    const total = cursor?.total ?? (q.uncounted || q.offset !== undefined ? { count: page.length, capped: false } : { count: capped && !relevanceCapped ? COUNT_CAP : all.length, capped });
    const nextCursor = !more
      ? null
      : sort === 'relevance'
        ? encodeCursor({ kind: 'offset', offset: start + page.length, total })
        : sort === 'rating'
          ? encodeCursor({ kind: 'rank', value: key(last), at: last.createdAt, id: last.id, total })
          : encodeCursor({ kind: 'key', value: key(last), id: last.id, total });
    return { ids: page.map((i) => i.id), shapes: page.map((i) => shapeOf(i.width, i.height)), total: total.count, totalCapped: total.capped, nextCursor };
  }

  count(filter: LibraryFilter): { count: number; capped: boolean } {
    const search = parseSearchQuery(filter.text ?? '');
    if (filter.text?.trim() && isEmptyQuery(search)) return { count: 0, capped: false };
    const n = [...this.items.values()].filter((item) => this.matches(item, filter, search)).length;
    return search.terms.length > 0 && n > COUNT_CAP ? { count: COUNT_CAP, capped: true } : { count: n, capped: false };
  }

  /** A stand-in for bm25: items matching in the prompt or title rank above matches only in the edit instruction. */
  private score(item: StoredItem, terms: SearchTerm[]): number {
    return matchesTerms([item.prompt, item.title ?? null, item.originalPrompt ?? null], terms) ? 1 : 0;
  }

  facets(trashed: boolean): { models: LibraryFacet[]; aspectRatios: LibraryFacet[] } {
    const count = (pick: (item: StoredItem) => string | null) => {
      const counts = new Map<string, number>();
      for (const item of this.items.values()) {
        const value = pick(item);
        if (value !== null && (item.trashedAt !== null) === trashed) counts.set(value, (counts.get(value) ?? 0) + 1);
      }
      return [...counts]
        .map(([value, n]) => ({ value, count: n }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    };
    return { models: count((i) => i.model), aspectRatios: count((i) => i.aspectRatio) };
  }

  records(ids: readonly string[]): LibraryRecord[] {
    return ids.flatMap((id) => {
      const item = this.items.get(id);
      return item ? [this.toRecord(item)] : [];
    });
  }

  get(id: string): LibraryRecord | null {
    return this.records([id])[0] ?? null;
  }

  lineage(id: string): { parents: LineageEdge[]; children: LineageEdge[] } {
    return {
      parents: this.edges.filter((e) => e.childId === id),
      children: this.edges.filter((e) => e.parentId === id),
    };
  }

  private update(ids: readonly string[], change: (item: StoredItem) => boolean): number {
    let n = 0;
    for (const id of new Set(ids)) {
      const item = this.items.get(id);
      if (item && change(item)) n += 1;
    }
    return n;
  }

  setFavorite(ids: readonly string[], favorite: boolean): number {
    return this.update(ids, (i) => i.favorite !== favorite && ((i.favorite = favorite), true));
  }

  setRating(ids: readonly string[], rating: number): number {
    return this.update(ids, (i) => i.rating !== rating && ((i.rating = rating), true));
  }

  changeTags(ids: readonly string[], add: readonly string[], remove: readonly string[]): string[] {
    return [...new Set(ids)].filter((id) => {
      const item = this.items.get(id);
      if (!item) return false;
      const next = [...new Set([...item.tags.filter((t) => !remove.includes(t)), ...add])].sort();
      const changed = next.length !== item.tags.length || next.some((t, i) => t !== item.tags[i]);
      item.tags = next;
      return changed;
    });
  }

  private countTags(items: Iterable<StoredItem>): LibraryTag[] {
    const counts = new Map<string, number>();
    for (const item of items) for (const t of item.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
    return [...counts]
      .map(([tag, count]) => ({ tag, count }))
      .sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  }

  tags(options: { prefix?: string; limit: number }): LibraryTag[] {
    const live = [...this.items.values()].filter((i) => i.trashedAt === null);
    return this.countTags(live)
      .filter((t) => t.tag.startsWith(options.prefix ?? ''))
      .slice(0, options.limit);
  }

  tagsOf(ids: readonly string[]): LibraryTag[] {
    return this.countTags([...new Set(ids)].flatMap((id) => this.items.get(id) ?? []));
  }

  setTrashed(ids: readonly string[], at: number | null): number {
    return this.update(ids, (i) => (i.trashedAt === null) !== (at === null) && ((i.trashedAt = at), true));
  }

  setMissing(ids: readonly string[], missing: boolean): number {
    return this.update(ids, (i) => i.missing !== missing && ((i.missing = missing), true));
  }

  trashedIds(ids?: readonly string[]): string[] {
    const pool = ids ? [...new Set(ids)] : [...this.items.keys()];
    return pool.filter((id) => (this.items.get(id)?.trashedAt ?? null) !== null);
  }

  remove(ids: readonly string[]): number {
    const gone = new Set(ids.filter((id) => this.items.delete(id)));
    for (const id of gone) this.phashes.delete(id);
    this.edges = this.edges.filter((e) => !gone.has(e.childId) && !gone.has(e.parentId));
    for (const set of this.members.values()) for (const id of gone) set.delete(id);
    return gone.size;
  }

  shardRefs(shard: string): FileRef[] {
    return [...this.items.values()]
      .filter((i) => i.id.startsWith(shard))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map(({ id, file, thumb, preview, missing }) => ({ id, file, thumb, preview, missing }));
  }

  findByContentHash(hashes: readonly string[]): Map<string, HashMatch> {
    const wanted = new Set(hashes);
    const found = new Map<string, HashMatch>();
    for (const item of this.items.values()) {
      const hash = item.contentHash;
      if (!hash || !wanted.has(hash)) continue;
      const trashed = item.trashedAt !== null;
      if (!found.has(hash) || found.get(hash)?.trashed) found.set(hash, { id: item.id, trashed });
    }
    return found;
  }

  listCollections(): CollectionRow[] {
    return [...this.collections.values()]
      .map((c) => {
        // As in SQLite: trashed items neither count nor make the cover.
        const live = [...(this.members.get(c.id) ?? [])].map((id) => this.items.get(id)).filter((i): i is StoredItem => !!i && i.trashedAt === null);
        const cover = live.filter((i) => !i.missing && i.thumb).sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1))[0]?.thumb ?? null;
        return { ...c, count: live.length, cover };
      })
      .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
  }

  createCollection(id: string, name: string, createdAt: number): CollectionRow {
    if (this.collections.has(id)) fail({ kind: 'storage', message: 'Collection already exists.' });
    this.collections.set(id, { id, name, createdAt });
    this.members.set(id, new Set());
    return { id, name, createdAt, count: 0, cover: null };
  }

  renameCollection(id: string, name: string): CollectionRow | null {
    const c = this.collections.get(id);
    if (!c) return null;
    c.name = name;
    return this.listCollections().find((row) => row.id === id) ?? null;
  }

  deleteCollection(id: string): number {
    this.members.delete(id);
    return this.collections.delete(id) ? 1 : 0;
  }

  addToCollection(collectionId: string, ids: readonly string[]): number {
    const set = this.members.get(collectionId);
    if (!set) return 0;
    const before = set.size;
    for (const id of ids) if (this.items.has(id)) set.add(id);
    return set.size - before;
  }

  removeFromCollection(collectionId: string, ids: readonly string[]): number {
    const set = this.members.get(collectionId);
    return set ? ids.filter((id) => set.delete(id)).length : 0;
  }

  collectionsOf(id: string): string[] {
    return [...this.members.entries()].filter(([, set]) => set.has(id)).map(([cid]) => cid).sort();
  }

  setPerceptualHashes(hashes: readonly { id: string; phash: string }[]): void {
    for (const h of hashes) if (this.items.has(h.id)) this.phashes.set(h.id, h.phash);
  }

  private unhashed(): StoredItem[] {
    return [...this.items.values()].filter((i) => i.kind === 'image' && !i.missing && !this.phashes.has(i.id));
  }

  unhashedImages(limit: number): { id: string; file: string; thumb: string | null }[] {
    return this.unhashed()
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
      .slice(0, limit)
      .map(({ id, file, thumb }) => ({ id, file, thumb }));
  }

  unhashedCount(): number {
    return this.unhashed().length;
  }

  olderThumbnails(limit: number): OlderThumb[] {
    return [...this.items.values()]
      .filter((i) => !i.thumbPx && i.thumb !== null && !i.missing)
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
      .slice(0, limit)
      .map(({ id, kind, file, width, height }) => ({ id, kind, file, width, height }));
  }

  setThumbPx(ids: readonly string[], px: number): void {
    for (const id of ids) {
      const item = this.items.get(id);
      if (item) this.items.set(id, { ...item, thumbPx: px });
    }
  }

  unhashedWindow(cursor: string | null, rows: number) {
    const all = [...this.items.values()].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
    const start = cursor === null ? 0 : Number(cursor);
    const window = all.slice(start, start + rows);
    const images = window
      .filter((i) => i.kind === 'image' && !i.missing && !this.phashes.has(i.id))
      .map(({ id, file, thumb }) => ({ id, file, thumb }));
    return { images, next: start + rows < all.length ? String(start + rows) : null };
  }

  hashedImages(): { id: string; phash: string | null; contentHash: string | null }[] {
    return [...this.items.values()]
      .filter((i) => i.kind === 'image' && i.trashedAt === null)
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
      .map((i) => ({ id: i.id, phash: this.phashes.get(i.id) ?? null, contentHash: i.contentHash ?? null }));
  }

  putShare(row: ShareRow): void {
    this.links.set(row.id, { ...row });
  }

  shares(filter: { itemId?: string; liveAt?: number }): ShareRow[] {
    const { itemId, liveAt } = filter;
    return [...this.links.values()]
      .filter((r) => (itemId === undefined || r.itemId === itemId) && (liveAt === undefined || (r.revokedAt === null && r.expiresAt > liveAt)))
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1))
      .map((r) => ({ ...r }));
  }

  externalVersion(): number {
    return 0;
  }

  bulkWrites(): void {}

  listSmart(): SmartRow[] {
    return [...this.smart.values()].map((r) => ({ ...r })).sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
  }

  putSmart(row: SmartRow): void {
    this.smart.set(row.id, { ...row });
  }

  deleteSmart(id: string): number {
    return this.smart.delete(id) ? 1 : 0;
  }

  clear(): void {
    this.smart.clear();
    this.phashes.clear();
    this.items.clear();
    this.edges = [];
    this.collections.clear();
    this.members.clear();
  }

  close(): void {}
}
