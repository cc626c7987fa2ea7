import type { LibraryStore } from '../../core/library/library-store';
import { isTempName, mimeForExt, parseLibraryName, previewPath, sidecarPath, thumbPath } from '../../core/library/paths';
import type { LibraryFiles, MediaProcessor } from '../../core/library/ports';
import { COLLECTIONS_FILE, parseCollections, parseSidecar, type SidecarEntry } from '../../core/library/sidecar';
import { parseSmartFile, SMART_FILE } from '../../core/library/smart-file';
import { ID_SHARDS, type FileRef } from '../../core/library/types';
import type { Logger } from '../../core/ports';
import { nextTurn } from './background';

/** What reconcile found and did, for the log and the `library:changed` event. */
export interface ReconcileReport {
  removedTemp: number;
  removedOrphans: number;
  /** Imported files found again without a row whose bytes another item already has (see `adoptable`). */
  removedDuplicates: number;
  markedMissing: number;
  foundAgain: number;
  imported: number;
  renditionsRepaired: number;
  /** The most rows and directory entries held at once: one shard's, never the library's (see the bounded test). */
  window: Window;
  /** False when stopped early (the library closed); the next start checks again. */
  complete: boolean;
}

export interface RebuildReport {
  items: number;
  skipped: number;
  removed: number;
  window: Window;
  complete: boolean;
}

interface Window {
  maxRows: number;
  maxEntries: number;
}

export interface MaintenanceDeps {
  store: LibraryStore;
  files: LibraryFiles;
  media: MediaProcessor;
  logger: Logger;
  /** Ids an ingest of this process is writing right now: their files are not orphans, their rows not stale. */
  busy(id: string): boolean;
  /** Wall clock (ms): files modified after a check began belong to a live writer and are left alone. */
  now(): number;
  /**
   * Called after each shard with the shards done and items seen so far: reports progress and lets the app answer
   * queries in between. Resolves false to stop at this shard boundary.
   */
  step(shardsDone: number, items: number): Promise<boolean>;
}

/** Files of one shard grouped by item id. */
interface OnDisk {
  media?: string;
  sidecar?: string;
  thumb?: string;
  preview?: string;
}

function group(listed: readonly string[]): { temps: string[]; byId: Map<string, OnDisk> } {
  const temps: string[] = [];
  const byId = new Map<string, OnDisk>();
  for (const rel of listed) {
    if (isTempName(rel.split('/').at(-1) ?? '')) {
      temps.push(rel);
      continue;
    }
    const parsed = parseLibraryName(rel);
    if (!parsed) continue; // not ours: left alone
    const slot = byId.get(parsed.id) ?? {};
    if (parsed.dir === 'thumbs') slot.thumb = rel;
    else if (parsed.dir === 'previews') slot.preview = rel;
    else if (parsed.ext === 'json') slot.sidecar = rel;
    else slot.media = rel;
    byId.set(parsed.id, slot);
  }
  return { temps, byId };
}

/** Runs `work` over `list` with at most `limit` in flight (sidecar reads overlap their disk waits). */
async function eachLimited<T>(list: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < list.length) await work(list[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, list.length) }, lane));
}

/** Recreates the missing renditions of an item from its media file (a poster frame for videos). */
async function repairRenditions(deps: MaintenanceDeps, id: string, media: string, disk: OnDisk | undefined): Promise<boolean> {
  try {
    const video = mimeForExt(media.split('.').at(-1) ?? '')?.startsWith('video/');
    const source = video ? await deps.media.videoPoster(deps.files.absolute(media)) : await deps.files.read(media);
    if (!disk?.thumb) {
      const thumb = await deps.media.thumbnail(source);
      if (!thumb) throw new Error('The media file could not be decoded.');
      await deps.files.writeAtomic(thumbPath(id), thumb, 'none');
    }
    if (!disk?.preview) await deps.files.writeAtomic(previewPath(id), await deps.media.preview(source), 'none');
    return true;
  } catch (err) {
    deps.logger.warn('library: rendition repair failed', { id, error: String(err) });
    return false;
  }
}

/** Reads a sidecar that belongs to `media`; null when damaged or describing another file. */
async function readEntry(deps: MaintenanceDeps, id: string, disk: OnDisk): Promise<SidecarEntry | null> {
  if (!disk.media || !disk.sidecar) return null;
  const text = new TextDecoder().decode(await deps.files.read(disk.sidecar));
  const entry = parseSidecar(text);
  return entry && entry.item.id === id && entry.item.file === disk.media ? entry : null;
}

async function removeAll(files: LibraryFiles, disk: OnDisk): Promise<number> {
  const paths = [disk.media, disk.sidecar, disk.thumb, disk.preview].filter((p): p is string => !!p);
  await Promise.all(paths.map((p) => files.remove(p)));
  return paths.length;
}

/** True when every file was last modified before `since` (a file gone meanwhile counts as old). */
async function olderThan(files: LibraryFiles, paths: readonly (string | undefined)[], since: number): Promise<boolean> {
  for (const p of paths) if (p && ((await files.modifiedAt(p)) ?? -Infinity) >= since) return false;
  return true;
}

/** Rows in batches of this many per transaction: a query waits for at most one batch. */
const WRITE_BATCH = 256;

/** Upserts in transactions of WRITE_BATCH rows (the deletions ride with the last one). */
function writeBatched(store: LibraryStore, entries: readonly SidecarEntry[], remove: readonly string[]): void {
  let i = 0;
  do {
    const part = entries.slice(i, i + WRITE_BATCH);
    i += WRITE_BATCH;
    const last = i >= entries.length;
    if (part.length === 0 && (!last || remove.length === 0)) continue;
    store.syncItems({ upsert: part, memberships: part.map((e) => [e.item.id, e.collections] as const), remove: last ? remove : [] });
  } while (i < entries.length);
}

/**
 * Files with a sidecar and no row are adopted, except an imported file whose bytes another item already has: a
 * crash after its sidecar, then the same file imported again before this check found it (import skips duplicates
 * by hash, but cannot see a row that does not exist yet). Generated results are always adopted (staged recovery
 * waits for this check, so it never files them twice).
 */
function adoptable(store: LibraryStore, entries: SidecarEntry[]): { keep: SidecarEntry[]; duplicates: SidecarEntry[] } {
  const hashed = entries.filter((e) => e.item.origin === 'imported' && e.item.contentHash);
  const known = store.findByContentHash(hashed.map((e) => e.item.contentHash as string));
  const seen = new Set<string>();
  const keep: SidecarEntry[] = [];
  const duplicates: SidecarEntry[] = [];
  for (const e of entries) {
    const hash = e.item.origin === 'imported' ? e.item.contentHash : undefined;
    const other = hash ? known.get(hash) : undefined;
    if (hash && ((other && other.id !== e.item.id) || seen.has(hash))) duplicates.push(e);
    else keep.push(e);
    if (hash) seen.add(hash);
  }
  return { keep, duplicates };
}

/** A shard's directory entries grouped this many at a time, one event-loop turn each. */
const GROUP_SLICE = 2048;
const HEX = '0123456789abcdef';

/**
 * A shard's rows read a 16th at a time (~250 rows at 1M items), one event-loop turn each: read at once they cost
 * 15–20 ms of main's time at 1M items, which a search typed meanwhile waited for (issue 16).
 */
async function shardRows(store: MaintenanceDeps['store'], shard: string): Promise<FileRef[]> {
  const refs: FileRef[] = [];
  for (const part of HEX) {
    refs.push(...store.shardRefs(shard + part));
    await nextTurn();
  }
  return refs;
}

/** `group`, a slice of entries per event-loop turn (~8 ms at once for a 1M library's ~12k entries per shard). */
async function groupSliced(listed: readonly string[]): Promise<ReturnType<typeof group>> {
  const temps: string[] = [];
  const byId = new Map<string, OnDisk>();
  for (let i = 0; i < listed.length; i += GROUP_SLICE) {
    const part = group(listed.slice(i, i + GROUP_SLICE));
    temps.push(...part.temps);
    for (const [id, slot] of part.byId) byId.set(id, { ...byId.get(id), ...slot });
    await nextTurn();
  }
  return { temps, byId };
}

async function reconcileShard(deps: MaintenanceDeps, shard: string, since: number, report: ReconcileReport): Promise<number> {
  const { store, files } = deps;
  const listed = await files.listShard(shard);
  report.window.maxEntries = Math.max(report.window.maxEntries, listed.length);
  const { temps, byId } = await groupSliced(listed);
  for (const temp of temps) {
    // A temp file from before this check is a dead process's; a newer one is a write in progress.
    if (!(await olderThan(files, [temp], since))) continue;
    await files.remove(temp);
    report.removedTemp += 1;
  }
  const refs = await shardRows(store, shard);
  report.window.maxRows = Math.max(report.window.maxRows, refs.length);
  const gone: FileRef[] = [];
  const back: string[] = [];
  for (const ref of refs) {
    const disk = byId.get(ref.id);
    byId.delete(ref.id);
    const present = disk?.media === ref.file;
    if (!present && !ref.missing) gone.push(ref);
    if (present && ref.missing) back.push(ref.id);
    if (disk && present && (!disk.thumb || !disk.preview) && (await repairRenditions(deps, ref.id, ref.file, disk))) {
      report.renditionsRepaired += 1;
    }
  }
  // Written after the listing (an ingest that committed meanwhile): look again before calling a file missing.
  const missing: string[] = [];
  for (const ref of gone) if (!deps.busy(ref.id) && !(await files.exists(ref.file))) missing.push(ref.id);
  report.markedMissing += store.setMissing(missing, true);
  report.foundAgain += store.setMissing(back, false);

  const found: SidecarEntry[] = [];
  for (const [id, disk] of byId) {
    if (deps.busy(id) || !(await olderThan(files, [disk.media, disk.sidecar], since))) continue;
    const entry = await readEntry(deps, id, disk).catch(() => null);
    if (!entry) {
      report.removedOrphans += await removeAll(files, disk);
      continue;
    }
    if ((!disk.thumb || !disk.preview) && (await repairRenditions(deps, id, entry.item.file, disk))) report.renditionsRepaired += 1;
    found.push(entry);
  }
  const { keep, duplicates } = adoptable(store, found);
  for (const d of duplicates) report.removedDuplicates += (await removeAll(files, byId.get(d.item.id) ?? {})) > 0 ? 1 : 0;
  if (keep.length > 0) writeBatched(store, keep, []);
  report.imported += keep.length;
  return refs.length + found.length;
}

/**
 * The start-up check, run in the background while the app is in use: removes temp files and orphans (media
 * without a sidecar and no row) left by a dead process, marks rows whose files vanished as missing (and unmarks
 * them when they come back), regenerates lost renditions, and adopts items whose media and sidecar exist without
 * a row (a crash after the sidecar, or files copied in). It walks the library one id shard at a time (1/256 of
 * it: a directory listing and a range of rows), so memory stays flat at any size. Files written after it began
 * belong to live writers (this process's ingests, or another process on the same library) and are left alone.
 */
export async function reconcileLibrary(deps: MaintenanceDeps): Promise<ReconcileReport> {
  const since = deps.now();
  const report: ReconcileReport = {
    removedTemp: 0, removedOrphans: 0, removedDuplicates: 0, markedMissing: 0, foundAgain: 0, imported: 0,
    renditionsRepaired: 0, window: { maxRows: 0, maxEntries: 0 }, complete: false,
  };
  let items = 0;
  for (const [i, shard] of ID_SHARDS.entries()) {
    items += await reconcileShard(deps, shard, since, report);
    if (!(await deps.step(i + 1, items))) return report;
  }
  report.complete = true;
  return report;
}

/** Makes the collections match `collections.json`: missing ones created, renamed ones renamed, others deleted. */
async function syncCollections(deps: MaintenanceDeps): Promise<void> {
  const saved = await deps.files.read(COLLECTIONS_FILE).then((b) => new TextDecoder().decode(b), () => null);
  const wanted = parseCollections(saved);
  const have = new Map(deps.store.listCollections().map((c) => [c.id, c]));
  for (const c of wanted) {
    const current = have.get(c.id);
    if (!current) deps.store.createCollection(c.id, c.name, c.createdAt);
    else if (current.name !== c.name) deps.store.renameCollection(c.id, c.name);
    have.delete(c.id);
  }
  for (const id of have.keys()) deps.store.deleteCollection(id);
  // Smart collections come back from smart-collections.json the same way (those missing from it go).
  const smart = parseSmartFile(await deps.files.read(SMART_FILE).then((b) => new TextDecoder().decode(b), () => null));
  const keep = new Set(smart.map((s) => s.id));
  for (const s of smart) deps.store.putSmart(s);
  for (const s of deps.store.listSmart()) if (!keep.has(s.id)) deps.store.deleteSmart(s.id);
}

async function rebuildShard(deps: MaintenanceDeps, shard: string, report: RebuildReport): Promise<number> {
  const listed = await deps.files.listShard(shard);
  report.window.maxEntries = Math.max(report.window.maxEntries, listed.length);
  const { byId } = group(listed);
  const entries: SidecarEntry[] = [];
  await eachLimited([...byId], 8, async ([id, disk]) => {
    if (deps.busy(id)) return; // its ingest commits it
    const entry = await readEntry(deps, id, disk).catch(() => null);
    if (!entry) {
      report.skipped += disk.media ? 1 : 0;
      return;
    }
    if (!disk.thumb || !disk.preview) await repairRenditions(deps, id, entry.item.file, disk);
    entries.push(entry);
  });
  const read = new Set(entries.map((e) => e.item.id));
  const rows = deps.store.shardRefs(shard);
  report.window.maxRows = Math.max(report.window.maxRows, rows.length);
  // Rows without a readable sidecar go, except one whose sidecar appeared after the listing (a new item).
  const remove: string[] = [];
  for (const r of rows) {
    if (read.has(r.id) || deps.busy(r.id)) continue;
    if (byId.get(r.id)?.sidecar || !(await deps.files.exists(sidecarPath(r.id)))) remove.push(r.id);
  }
  writeBatched(deps.store, entries, remove);
  report.items += entries.length;
  report.removed += remove.length;
  return entries.length;
}

/**
 * Recreates the index from media files, sidecars and `collections.json` alone (the disaster path when the database
 * is lost or damaged), favorites, trash and collections included. It merges shard by shard instead of starting
 * from an empty index: every row is updated in place from its sidecar, rows without one are deleted, and each
 * step is one transaction, so the grid keeps answering with whole, consistent pages while it runs. Sidecars follow
 * the index within seconds of a change (see `SidecarSync`), so only the very last changes before a crash can be
 * older here.
 */
export async function rebuildIndex(deps: MaintenanceDeps): Promise<RebuildReport> {
  const report: RebuildReport = { items: 0, skipped: 0, removed: 0, window: { maxRows: 0, maxEntries: 0 }, complete: false };
  await syncCollections(deps);
  for (const [i, shard] of ID_SHARDS.entries()) {
    await rebuildShard(deps, shard, report);
    if (!(await deps.step(i + 1, report.items))) return report;
  }
  report.complete = true;
  deps.logger.info('library: index rebuilt', { items: report.items, skipped: report.skipped, removed: report.removed });
  return report;
}
