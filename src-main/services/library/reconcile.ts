import type { LibraryStore } from '../../core/library/library-store';
import { isTempName, mimeForExt, parseLibraryName, previewPath, thumbPath } from '../../core/library/paths';
import type { LibraryFiles, MediaProcessor } from '../../core/library/ports';
import { COLLECTIONS_FILE, parseCollections, parseSidecar, type SidecarEntry } from '../../core/library/sidecar';
import { parseSmartFile, SMART_FILE } from '../../core/library/smart-file';
import type { Logger } from '../../core/ports';

/** What reconcile found and did, for the log and the `library:changed` event. */
export interface ReconcileReport {
  removedTemp: number;
  removedOrphans: number;
  markedMissing: string[];
  foundAgain: string[];
  imported: string[];
  renditionsRepaired: number;
}

/** Files on disk grouped by item id. */
interface OnDisk {
  media?: string;
  sidecar?: string;
  thumb?: string;
  preview?: string;
}

async function scan(files: LibraryFiles): Promise<{ temps: string[]; strays: string[]; byId: Map<string, OnDisk> }> {
  const temps: string[] = [];
  const strays: string[] = [];
  const byId = new Map<string, OnDisk>();
  for (const rel of await files.list()) {
    const name = rel.split('/').at(-1) ?? '';
    if (isTempName(name)) {
      temps.push(rel);
      continue;
    }
    const parsed = parseLibraryName(rel);
    if (!parsed) {
      strays.push(rel);
      continue;
    }
    const slot = byId.get(parsed.id) ?? {};
    if (parsed.dir === 'thumbs') slot.thumb = rel;
    else if (parsed.dir === 'previews') slot.preview = rel;
    else if (parsed.ext === 'json') slot.sidecar = rel;
    else slot.media = rel;
    byId.set(parsed.id, slot);
  }
  return { temps, strays, byId };
}

export interface MaintenanceDeps {
  store: LibraryStore;
  files: LibraryFiles;
  media: MediaProcessor;
  logger: Logger;
}

/** Recreates the missing renditions of an item from its media file (a poster frame for videos). */
async function repairRenditions(deps: MaintenanceDeps, id: string, media: string, missing: { thumb: boolean; preview: boolean }) {
  const source = mimeForExt(media.split('.').at(-1) ?? '')?.startsWith('video/')
    ? await deps.media.videoPoster(deps.files.absolute(media))
    : await deps.files.read(media);
  if (missing.thumb) {
    const thumb = await deps.media.thumbnail(source);
    if (!thumb) throw new Error('The media file could not be decoded.');
    await deps.files.writeAtomic(thumbPath(id), thumb, 'none');
  }
  if (missing.preview) await deps.files.writeAtomic(previewPath(id), await deps.media.preview(source), 'none');
}

const lacks = (disk: OnDisk | undefined) => ({ thumb: !disk?.thumb, preview: !disk?.preview });

/** Reads a sidecar that belongs to `media`; null when damaged or describing another file. */
async function readEntry(deps: MaintenanceDeps, id: string, disk: OnDisk): Promise<SidecarEntry | null> {
  if (!disk.media || !disk.sidecar) return null;
  const text = new TextDecoder().decode(await deps.files.read(disk.sidecar));
  const entry = parseSidecar(text);
  return entry && entry.item.id === id && entry.item.file === disk.media ? entry : null;
}

/** Restores sidecar memberships in collections that exist (a deleted collection's id is simply dropped). */
function restoreMemberships(store: LibraryStore, entries: readonly SidecarEntry[]): void {
  const known = new Set(store.listCollections().map((c) => c.id));
  const members = new Map<string, string[]>();
  for (const e of entries) {
    for (const c of e.collections) if (known.has(c)) members.set(c, [...(members.get(c) ?? []), e.item.id]);
  }
  for (const [c, ids] of members) store.addToCollection(c, ids);
}

async function removeAll(files: LibraryFiles, disk: OnDisk): Promise<number> {
  const paths = [disk.media, disk.sidecar, disk.thumb, disk.preview].filter((p): p is string => !!p);
  await Promise.all(paths.map((p) => files.remove(p)));
  return paths.length;
}

/**
 * Start-up repair, run before any ingest: removes temp files and orphans (media without a sidecar and no row),
 * marks rows whose files vanished as missing (and unmarks them when they come back), regenerates lost renditions,
 * and imports items whose media and sidecar exist without a row (a crash after the sidecar, or files copied in).
 */
export async function reconcileLibrary(deps: MaintenanceDeps): Promise<ReconcileReport> {
  const { store, files } = deps;
  const { temps, byId } = await scan(files);
  const report: ReconcileReport = {
    removedTemp: temps.length,
    removedOrphans: 0,
    markedMissing: [],
    foundAgain: [],
    imported: [],
    renditionsRepaired: 0,
  };
  await Promise.all(temps.map((t) => files.remove(t)));
  for (const ref of store.fileRefs()) {
    const disk = byId.get(ref.id);
    byId.delete(ref.id);
    const present = disk?.media === ref.file;
    if (!present && !ref.missing) report.markedMissing.push(ref.id);
    if (present && ref.missing) report.foundAgain.push(ref.id);
    if (present && (!disk?.thumb || !disk.preview)) {
      await repairRenditions(deps, ref.id, ref.file, lacks(disk)).then(
        () => (report.renditionsRepaired += 1),
        (err: unknown) => deps.logger.warn('library: rendition repair failed', { id: ref.id, error: String(err) }),
      );
    }
  }
  store.setMissing(report.markedMissing, true);
  store.setMissing(report.foundAgain, false);
  const adopt: SidecarEntry[] = [];
  for (const [id, disk] of byId) {
    const entry = await readEntry(deps, id, disk).catch(() => null);
    if (!entry) {
      report.removedOrphans += await removeAll(files, disk);
      continue;
    }
    if (!disk.thumb || !disk.preview) {
      await repairRenditions(deps, id, entry.item.file, lacks(disk)).catch(() => {});
      report.renditionsRepaired += 1;
    }
    adopt.push(entry);
  }
  store.insert(adopt);
  restoreMemberships(store, adopt);
  report.imported = adopt.map((e) => e.item.id);
  return report;
}

/**
 * Recreates the whole index from media files, sidecars and `collections.json` alone (the disaster path when the
 * database is lost or damaged), favorites, trash and collections included. Sidecars follow the index within
 * seconds of a change (see `SidecarSync`), so only the very last changes before a crash can be older here.
 */
export async function rebuildIndex(deps: MaintenanceDeps): Promise<{ items: number; skipped: number }> {
  const { byId } = await scan(deps.files);
  const entries: SidecarEntry[] = [];
  let skipped = 0;
  for (const [id, disk] of byId) {
    const entry = await readEntry(deps, id, disk).catch(() => null);
    if (!entry) {
      skipped += disk.media ? 1 : 0;
      continue;
    }
    if (!disk.thumb || !disk.preview) await repairRenditions(deps, id, entry.item.file, lacks(disk)).catch(() => {});
    entries.push(entry);
  }
  const text = (file: string) => deps.files.read(file).then((b) => new TextDecoder().decode(b), () => null);
  const saved = await text(COLLECTIONS_FILE);
  const smart = parseSmartFile(await text(SMART_FILE));
  deps.store.clear();
  for (const c of parseCollections(saved)) deps.store.createCollection(c.id, c.name, c.createdAt);
  for (const s of smart) deps.store.putSmart(s);
  deps.store.insert(entries);
  restoreMemberships(deps.store, entries);
  deps.logger.info('library: index rebuilt', { items: entries.length, skipped });
  return { items: entries.length, skipped };
}
