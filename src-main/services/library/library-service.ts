import { availableParallelism } from 'node:os';
import type { LibraryFilter, LibraryItemDetail, LibraryQueryInput, LibraryQueryOutput, LibraryRecord } from '@contract';
import { fail } from '../../core/app-error';
import { highlightRanges } from '../../core/library/fts-query';
import { normalizeTag, parseSearchQuery } from '../../core/library/search-query';
import type { LibraryStore } from '../../core/library/library-store';
import type { ShareRow } from '../../core/share/ports';
import { previewPath, sidecarPath, thumbPath } from '../../core/library/paths';
import type { ExternalFiles, IngestStep, LibraryFiles, MediaProcessor } from '../../core/library/ports';
import type { Clock, EventSink, Logger } from '../../core/ports';
import { createCollections } from './collections';
import { createSmartCollections } from './smart-collections';
import { PerceptualHashQueue } from './hash-queue';
import { createDuplicateFinder } from './duplicates';
import { MaintenanceGate, nextTurn, PreviewQueue } from './background';
import { ThumbnailBackfill } from './thumb-queue';
import { createIngest, type IngestInput } from './ingest';
import { Maintenance } from './maintenance';
import { SidecarSync } from './sidecar-sync';
import { rebuildIndex, reconcileLibrary, type MaintenanceDeps, type ReconcileReport } from './reconcile';
import { ImportJobs } from './import-jobs';
import { ImportPipeline } from './import-pipeline';
import { QueryLanes } from './query-lanes';
import { Slots } from './slots';
import { exportedFile, exportItems, importFiles, importInputFor, type ExportFormat, type ImportRequest } from './transfer';

/** Everything the library service needs; `createLibraryAdapters(libraryDir)` builds the adapter half. */
export interface LibraryServiceDeps {
  store: LibraryStore;
  files: LibraryFiles;
  external: ExternalFiles;
  media: MediaProcessor;
  clock: Clock;
  events: EventSink;
  logger: Logger;
  /** New ids (32 hex); defaults to a random UUID without dashes. */
  newId?: () => string;
  /** Make perceptual hashes after ingests (default); the `imagine` command leaves them to the app. */
  backgroundHashing?: boolean;
  /** Fault injection for crash tests only. */
  faultHook?: (step: IngestStep) => void;
  /** Thumbnail decodes at once (default: one per core). */
  decodeSlots?: number;
}

const randomId = () => crypto.randomUUID().replaceAll('-', '');
/**
 * Thumbnail decodes at once: one per core (libvips runs each image on one thread here — sharp's default on glibc
 * Linux), so a 500-file import keeps every core decoding while its other files are read, written and synced.
 */
const DECODE_SLOTS = Math.max(1, availableParallelism());
/** Events carry at most this many ids; beyond that the renderer simply re-queries everything. */
const EVENT_IDS = 1000;

/** The offline library: ingest, grid queries, curation, import/export and start-up repair. */
export function createLibraryService(deps: LibraryServiceDeps) {
  const { store, files, clock, events, logger } = deps;
  const newId = deps.newId ?? randomId;
  const changed = (reason: Parameters<typeof emitChanged>[0], ids?: readonly string[]) => emitChanged(reason, ids);
  function emitChanged(
    reason: 'added' | 'updated' | 'trashed' | 'restored' | 'deleted' | 'collections' | 'rebuilt' | 'reconciled' | 'external',
    ids?: readonly string[],
  ) {
    smart.invalidate();
    duplicates.invalidate();
    const list = ids && ids.length <= EVENT_IDS ? [...ids] : undefined;
    events.emit('library:changed', list ? { reason, ids: list } : { reason });
  }
  const gate = new MaintenanceGate();
  let watch: ReturnType<typeof setInterval> | undefined;
  const previews = new PreviewQueue(
    gate,
    async ({ id, source }) => {
      if (!store.get(id)) return; // deleted meanwhile
      await files.writeAtomic(previewPath(id), await deps.media.preview(await source()), 'none');
    },
    logger,
  );
  /** Ids whose files an ingest is writing right now: the background check and rebuild leave them alone. */
  const writing = new Set<string>();
  const decodes = new Slots(deps.decodeSlots ?? DECODE_SLOTS);
  const rawIngest = createIngest({
    store,
    files,
    media: deps.media,
    now: () => clock.now(),
    newId,
    schedulePreview: (job) => previews.push(job),
    faultHook: deps.faultHook,
    writing: { begin: (id) => writing.add(id), end: (id) => writing.delete(id) },
    decode: (work) => decodes.run(work),
  });
  const ingest = async (input: IngestInput) => {
    const record = await gate.task(() => rawIngest.ingest(input));
    changed('added', [record.id]);
    if (record.kind === 'image' && deps.backgroundHashing !== false) hashes.kick([record.id]);
    return record;
  };
  const sidecars = new SidecarSync({ store, files, gate, logger });
  // Its back-fill walk gives way to browsing like the start-up check (a window of 4,096 rows is 10–25 ms at 1M).
  const hashes = new PerceptualHashQueue({ store, files, media: deps.media, gate, logger, pause: () => browsingPause() });
  const thumbs = new ThumbnailBackfill({ store, files, media: deps.media, gate, logger, updated: (ids) => changed('updated', ids) });
  const duplicates = createDuplicateFinder({ store, hashes });
  const smart = createSmartCollections({ store, files, logger, now: () => clock.now(), newId, changed: () => changed('collections') });
  const maintenance = new Maintenance({ events, logger, now: () => Date.now() });
  /** The latest check, for `checked()`. */
  let lastCheck: Promise<unknown> = Promise.resolve();
  /** What reconcile and rebuild need; `now` is the wall clock, since they compare it with file times. */
  const passDeps = (step: MaintenanceDeps['step']): MaintenanceDeps => ({
    store, files, media: deps.media, logger, busy: (id) => writing.has(id), now: () => Date.now(), step,
  });
  const transfer = { store, files, external: deps.external, media: deps.media };
  const pipeline = new ImportPipeline({
    // The pipeline has hashed the bytes already: ingest need not do it again.
    toInput: (name, bytes, hash) => ({ ...importInputFor(name, bytes), contentHash: hash }),
    prepare: (input) => rawIngest.prepare(input),
    commit: (batch) => rawIngest.commit(batch),
    findByContentHash: (hashes) => store.findByContentHash(hashes),
    task: (work) => gate.task(work),
    added: (ids) => {
      changed('added', ids);
      if (deps.backgroundHashing !== false) hashes.kick(ids); // the images among them get their signatures
    },
    logger,
  });
  const imports = new ImportJobs({ pipeline, events, now: () => Date.now(), newId });

  const lanes = new QueryLanes();
  /**
   * When the grid last asked for ids, records or a position: the start-up check gives way to browsing (see
   * `browsingPause`). It starts as "now", so the check's first shard waits for a quiet moment after the start too.
   * The browser host's page and media routes count too (`noteBrowsing`); not every call: a window that polls
   * something would hold the check at one shard per BROWSE_WAIT_MS.
   */
  let lastBrowse = Date.now();
  /**
   * The start-up check waits between two shards until the grid has been quiet for BROWSE_QUIET_MS, at most
   * BROWSE_WAIT_MS per shard so it always ends: a shard's synchronous part (listing and rows, ~50 ms at 1M items)
   * would otherwise land between a keystroke and its results, or in the first screenful (issue 16).
   */
  const browsingPause = async () => {
    const until = Date.now() + BROWSE_WAIT_MS;
    while (Date.now() - lastBrowse < BROWSE_QUIET_MS && Date.now() < until) await new Promise((r) => setTimeout(r, BROWSE_QUIET_MS));
  };
  function records(ids: readonly string[], text?: string): LibraryRecord[] {
    lastBrowse = Date.now();
    const found = store.records(ids);
    const terms = text ? parseSearchQuery(text).terms : [];
    if (terms.length === 0) return found;
    return found.map((r) => ({
      ...r,
      highlight: {
        prompt: highlightRanges(r.prompt, terms),
        editInstruction: highlightRanges(r.editInstruction, terms),
        ...(r.title ? { title: highlightRanges(r.title, terms) } : {}),
      },
    }));
  }

  function item(id: string): LibraryItemDetail {
    const record = store.get(id) ?? fail({ kind: 'not-found', message: 'This item is no longer in the library.' });
    const { parents, children } = store.lineage(id);
    const link = (kind: LibraryItemDetail['parents'][number]['kind'], other: string) => {
      const r = store.get(other);
      return r ? [{ kind, record: r }] : [];
    };
    return {
      record,
      parents: parents.flatMap((e) => link(e.kind, e.parentId)),
      children: children.flatMap((e) => link(e.kind, e.childId)),
      collections: store.collectionsOf(id),
    };
  }

  /** Ordered ids; with `withRecords`, the first ids' records too (the grid's first window in one round trip). */
  function query(input: LibraryQueryInput): LibraryQueryOutput {
    lastBrowse = Date.now();
    const page = store.query(input);
    if (!input.withRecords) return page;
    return { ...page, records: records(page.ids.slice(0, input.withRecords), input.filter.text) };
  }

  /** Called with the ids about to be deleted forever, before anything is removed (share links are revoked there). */
  const deletingForever: ((ids: readonly string[]) => Promise<void>)[] = [];

  async function emptyTrash(ids?: readonly string[]): Promise<number> {
    const doomed = store.trashedIds(ids);
    for (const hook of deletingForever) await hook(doomed);
    const refs = new Map(store.records(doomed).map((r) => [r.id, r]));
    // Row first: a crash mid-way leaves files without a row, which reconcile removes (they have a sidecar, so it
    // deletes the sidecar first to keep them from being re-imported).
    for (const id of doomed) await files.remove(sidecarPath(id));
    const removed = store.remove(doomed);
    for (const id of doomed) {
      const ref = refs.get(id);
      await Promise.all([ref?.file, thumbPath(id), previewPath(id)].map((p) => (p ? files.remove(p) : undefined)));
    }
    if (removed > 0) changed('deleted', doomed);
    return removed;
  }

  return {
    ingest,
    /** Runs `hook` before items are deleted forever; its failures are its own to handle (deletion goes on). */
    onDeletingForever(hook: (ids: readonly string[]) => Promise<void>) {
      deletingForever.push(hook);
    },
    /** Resolves when background work (previews, sidecars, a check or rebuild) is done: for tests and benchmarks. */
    idle: async () => {
      await maintenance.idle();
      await pipeline.idle();
      await previews.idle();
      await sidecars.idle();
      await smart.idle();
      await hashes.idle();
      await thumbs.idle();
    },
    /** An orderly quit: a running check or rebuild stops at its next step (the next start checks again). */
    async close(): Promise<void> {
      await maintenance.stop();
      await pipeline.idle();
      await previews.idle();
      await sidecars.idle();
    },
    /** The check or rebuild running now, or the last one to end. */
    maintenanceStatus: () => maintenance.current(),
    query,
    /** A window loads the page or thumbnails: background walks wait for a quiet moment before their next step. */
    noteBrowsing: () => {
      lastBrowse = Date.now();
    },
    /**
     * Items before the first one made at or before `at` (newest first) or at or after it (oldest first): the
     * filter narrowed to the items on the near side of `at`, counted (a date range is a rowid range: one seek).
     */
    position(input: { filter: LibraryFilter; sort: 'newest' | 'oldest'; at: number }): { index: number; capped: boolean } {
      lastBrowse = Date.now();
      const { filter, sort, at } = input;
      const before =
        sort === 'newest' ? { ...filter, from: Math.max(filter.from ?? at + 1, at + 1) } : { ...filter, to: Math.min(filter.to ?? at, at) };
      const { count, capped } = store.count(before);
      return { index: count, capped };
    },
    /**
     * `query` for a lane (see `LibraryQueryInput.lane`): it waits one turn of the event loop, in which every call
     * already received registers, and answers `superseded` without looking anything up when a newer one of its
     * lane came in meanwhile. A search typed while main was busy (a check's shard, a thumbnail, a large page)
     * then costs one query, the latest, however many keystrokes queued behind the busy turn.
     */
    async queryLatest(input: LibraryQueryInput & { lane: string }): Promise<LibraryQueryOutput> {
      const mine = lanes.enter(input.lane);
      const superseded = { ids: [], total: 0, totalCapped: false, nextCursor: null, superseded: true };
      await nextTurn();
      if (!lanes.isLatest(input.lane, mine)) return superseded;
      if (input.ids || input.limit <= LANE_CHUNK) return query(input);
      // A large page of ids (the rest of a grid: 50k ids of a 1M library cost main 100–300 ms in one piece) is
      // read LANE_CHUNK ids at a time, one event-loop turn each: a keystroke's query runs in between, and a newer
      // query of the lane ends the page there (its answer would be dropped anyway).
      const first = query({ ...input, limit: LANE_CHUNK });
      const ids = [...first.ids];
      const shapes = [...(first.shapes ?? [])];
      let next = first.nextCursor;
      while (next !== null && ids.length < input.limit) {
        await nextTurn();
        if (!lanes.isLatest(input.lane, mine)) return superseded;
        const { withRecords: _records, offset: _offset, ...rest } = input; // the cursor goes on from the chunk's end
        const page = query({ ...rest, cursor: next, limit: Math.min(LANE_CHUNK, input.limit - ids.length) });
        ids.push(...page.ids);
        shapes.push(...(page.shapes ?? []));
        next = page.nextCursor;
      }
      return { ...first, ids, shapes, nextCursor: next };
    },
    facets: (trashed: boolean) => store.facets(trashed),
    records,
    item,
    setFavorite(ids: readonly string[], favorite: boolean): number {
      const n = store.setFavorite(ids, favorite);
      if (n > 0) sidecars.mark(ids);
      if (n > 0) changed('updated', ids);
      return n;
    },
    setRating(ids: readonly string[], rating: number): number {
      const n = store.setRating(ids, rating);
      if (n > 0) sidecars.mark(ids);
      if (n > 0) changed('updated', ids);
      return n;
    },
    /** Adds and removes tags (normalized here; a tag both added and removed is added). */
    changeTags(ids: readonly string[], add: readonly string[], remove: readonly string[]): number {
      const toAdd = [...new Set(add.map(normalizeTag).filter(Boolean))];
      const toRemove = [...new Set(remove.map(normalizeTag).filter((t) => t && !toAdd.includes(t)))];
      if (toAdd.length + toRemove.length === 0) return 0;
      const changedIds = store.changeTags(ids, toAdd, toRemove);
      if (changedIds.length > 0) {
        sidecars.mark(changedIds);
        changed('updated', changedIds);
      }
      return changedIds.length;
    },
    /** Tags in use for autocomplete (by prefix), or the tags of the given items with how many carry each. */
    tags(input: { prefix?: string | undefined; ids?: readonly string[] | undefined; limit: number }) {
      if (input.ids) return store.tagsOf(input.ids).slice(0, input.limit);
      return store.tags({ prefix: normalizeTag(input.prefix ?? ''), limit: input.limit });
    },
    trash(ids: readonly string[]): number {
      const n = store.setTrashed(ids, clock.now());
      if (n > 0) sidecars.mark(ids);
      if (n > 0) changed('trashed', ids);
      return n;
    },
    restore(ids: readonly string[]): number {
      const n = store.setTrashed(ids, null);
      if (n > 0) sidecars.mark(ids);
      if (n > 0) changed('restored', ids);
      return n;
    },
    emptyTrash,
    collections: createCollections({
      store,
      now: () => clock.now(),
      newId,
      changed: () => changed('collections'),
      sync: { collections: () => sidecars.writeCollections(), members: (ids) => sidecars.mark(ids) },
    }),
    /**
     * Starts background work a freshly opened library may have left (perceptual hashes of older images), and the
     * watch for writes by another process on the same library (the `imagine` command): a cheap `data_version`
     * check every `watchMs`, which tells the renderer to re-query when it moved.
     */
    startBackground(watchMs = 1000) {
      hashes.kick();
      thumbs.kick();
      let seen = store.externalVersion();
      clearInterval(watch);
      watch = setInterval(() => {
        const now = store.externalVersion();
        if (now === seen) return;
        seen = now;
        changed('external');
        hashes.kick();
        thumbs.kick();
      }, watchMs);
      watch.unref();
    },
    /** Stops background work at the next item (closing the library); what is left resumes at the next start. */
    stopBackground: () => {
      clearInterval(watch);
      return Promise.all([hashes.stop(), thumbs.stop()]).then(() => undefined);
    },
    duplicates: () => duplicates.report(),
    /**
     * One item as a file that may leave the computer through an xAI public link: PNG and JPEG as stored, WebP as
     * JPEG and GIF as PNG (public links refuse both), MP4 as is; image metadata (prompt, settings) stripped.
     */
    async shareableFile(id: string): Promise<{ name: string; bytes: Uint8Array; mime: string; convertedFrom: string | null }> {
      const record = store.get(id) ?? fail({ kind: 'not-found', message: 'This item is no longer in the library.' });
      if (record.missing) fail({ kind: 'not-found', message: 'This item\'s file is missing, so it cannot be shared.' });
      if (record.kind === 'video' && record.mime !== 'video/mp4') {
        fail({ kind: 'validation', message: 'Only MP4 videos can be shared with a link.', issues: [] });
      }
      const target = record.mime === 'image/webp' ? 'jpeg' : record.mime === 'image/gif' ? 'png' : 'original';
      const file = await exportedFile({ files, media: deps.media }, record, target, false);
      const mime = record.kind === 'video' ? 'video/mp4' : target === 'jpeg' ? 'image/jpeg' : target === 'png' ? 'image/png' : record.mime;
      return { ...file, mime, convertedFrom: target === 'original' ? null : record.mime };
    },
    /** Share links live in the index (services/share keeps them). */
    shareLinks: {
      put: (row: ShareRow) => store.putShare(row),
      list: (filter: { itemId?: string; liveAt?: number }) => store.shares(filter),
    },
    smart: {
      list: () => smart.list(),
      create: smart.create,
      update: smart.update,
      remove: smart.remove,
    },
    /** Starts an import of `total` files (0: main counts them), for progress events and cancelling. */
    beginImport: (total: number) => ({ job: imports.start(total).id }),
    /** Imports files as part of `job` (a one-off import without one); see `importFiles`. */
    importFiles: async (request: ImportRequest, job?: string) => {
      const target = job === undefined ? imports.start(request.kind === 'bytes' ? 1 : 0) : imports.get(job);
      if (!target) fail({ kind: 'not-found', message: 'This import has ended; start it again.' });
      return importFiles(deps.external, request, target);
    },
    cancelImport(job: string): void {
      imports.get(job)?.cancel();
    },
    exportItems: async (input: { ids: string[]; targetDir: string; format: ExportFormat; metadata: 'keep' | 'strip' }) =>
      exportItems(transfer, input),
    /**
     * The start-up check (see `reconcileLibrary`): runs in the background, a shard at a time, while the app is
     * used; the library shows that it runs. Resolves with what it found.
     */
    async reconcile(): Promise<ReconcileReport> {
      const gentle = (step: MaintenanceDeps['step']): MaintenanceDeps['step'] => async (done, items) => (await browsingPause(), step(done, items));
      const run = maintenance.run('check', (step) => reconcileLibrary(passDeps(gentle(step))), describeCheck);
      lastCheck = run.catch(() => {});
      const report = await run;
      const { window: _w, ...counts } = report;
      logger.info('library: reconciled', counts);
      if (report.markedMissing + report.imported + report.foundAgain > 0) changed('reconciled');
      return report;
    },
    /** Resolves when the latest start-up check has ended (staged recovery waits for it; see `LibraryIngest`). */
    checked: async () => {
      await lastCheck;
    },
    /** Recreates the index from the files (see `rebuildIndex`), with progress events; browsing keeps working. */
    async rebuild(): Promise<{ items: number; skipped: number }> {
      await sidecars.idle(); // sidecars carry the latest favorites and trash: let pending ones land first
      store.bulkWrites(true);
      const result = await maintenance
        .run('rebuild', (step) => rebuildIndex(passDeps(step)), describeRebuild)
        .finally(() => store.bulkWrites(false));
      changed('rebuilt');
      thumbs.kick(); // the rebuilt rows do not know which rule made their thumbnails: the back-fill looks
      return { items: result.items, skipped: result.skipped };
    },
  };
}

/** Ids read per event-loop turn for a large page of a lane (see `queryLatest`): ~10–30 ms of main's time at 1M items. */
export const LANE_CHUNK = 10_000;
/** How long the grid must have been quiet before the start-up check takes its next shard, and the longest wait. */
const BROWSE_QUIET_MS = 300;
const BROWSE_WAIT_MS = 2000;

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

function describeCheck(r: ReconcileReport): string {
  const found = [
    r.markedMissing > 0 ? `${plural(r.markedMissing, 'item')} missing their file` : '',
    r.foundAgain > 0 ? `${plural(r.foundAgain, 'file')} found again` : '',
    r.imported > 0 ? `${plural(r.imported, 'item')} recovered from their files` : '',
    r.renditionsRepaired > 0 ? `${plural(r.renditionsRepaired, 'thumbnail')} remade` : '',
  ].filter(Boolean);
  if (!r.complete) return 'Library check paused; it continues at the next start.';
  return found.length ? `Library checked: ${found.join(', ')}.` : 'Library checked: everything is in place.';
}

function describeRebuild(r: { items: number; skipped: number; complete: boolean }): string {
  if (!r.complete) return `Rebuild stopped after ${plural(r.items, 'item')}.`;
  return `Library rebuilt: ${plural(r.items, 'item')}${r.skipped ? `, ${plural(r.skipped, 'file')} without a readable sidecar skipped` : ''}.`;
}

export type LibraryService = ReturnType<typeof createLibraryService>;
