import { z } from 'zod';
import { OperationNameSchema, ProviderIdSchema } from './capabilities';
import { Empty } from './common';

/** Library item and collection ids: 32 lowercase hex chars (a random UUID without dashes). Strict so ids can name files. */
export const LibraryId = z.string().regex(/^[0-9a-f]{32}$/, 'Not a library id.');
export type LibraryId = z.infer<typeof LibraryId>;

/** A bounded list of ids for bulk actions (multi-select of a whole grid stays under this). */
const IdList = z.array(LibraryId).min(1).max(20_000);

export const MediaKind = z.enum(['image', 'video']);
export type MediaKind = z.infer<typeof MediaKind>;

/** How an item entered the library. */
export const ItemOrigin = z.enum(['generated', 'edited', 'imported', 'extracted']);
export type ItemOrigin = z.infer<typeof ItemOrigin>;

/** Lineage edge kinds: `child --kind--> parent` (an edit is `edited-from` its source). */
export const LineageKind = z.enum(['edited-from', 'animated-from', 'extended-from', 'reference-of', 'frame-of']);
export type LineageKind = z.infer<typeof LineageKind>;

/** Star ratings: 0 (unrated) to 5. */
export const Rating = z.number().int().min(0).max(5);
/** A tag as typed; main normalizes it (trimmed, lower-case, at most 64 characters) and drops empty ones. */
export const TagName = z.string().max(200);

/** Character ranges `[start, end)` in a text that matched the search. */
export const HighlightRanges = z.array(z.tuple([z.number().int(), z.number().int()]));

/** One library item as the grid and the lightbox see it. Paths are relative to the media base URL. */
export const LibraryRecord = z.object({
  id: LibraryId,
  kind: MediaKind,
  createdAt: z.number().int(),
  /** What the item is called when it has no prompt: an imported file's name without its extension. Searchable. */
  title: z.string().max(200).optional(),
  prompt: z.string(),
  /**
   * The prompt as the user wrote it, when the one sent (`prompt`) was a rewrite of it they accepted ("Enhance
   * prompt", issue 19). Searched like the prompt.
   */
  originalPrompt: z.string().max(10_000).optional(),
  editInstruction: z.string().nullable(),
  model: z.string().nullable(),
  /** The request parameters as sent, for "use these settings again". */
  params: z.record(z.string(), z.unknown()),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  aspectRatio: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  bytes: z.number().int(),
  mime: z.string(),
  /** Cost in the API's ticks, when known (this item's share of its request's bill). */
  costTicks: z.number().int().nullable(),
  /**
   * Who served it (xai-imagine-api-updates.md §1 #3: a response's `model` names the model that served, which differs
   * from `model` — the one requested — when xAI redirects a retired slug), the quality it was served and billed at
   * (2.0 only), and what xAI billed for the whole request the item came from. Present when known.
   */
  servedModel: z.string().max(200).optional(),
  /**
   * Which provider made it, the operation (generate, inpaint, upscale-fast, text-video…) and the seed the provider
   * reported (Stability's `seed` header), when known (issue 18 §7). Imports and items from before have none, except
   * that xAI's models name xAI.
   */
  provider: ProviderIdSchema.optional(),
  operation: OperationNameSchema.optional(),
  seed: z.number().int().nonnegative().optional(),
  servedQuality: z.string().max(20).optional(),
  billedTicks: z.number().int().optional(),
  requestId: z.string().nullable(),
  moderation: z.string().nullable(),
  sourceJobId: z.string().nullable(),
  origin: ItemOrigin,
  favorite: z.boolean(),
  /** 0 (unrated) to 5 stars. */
  rating: Rating,
  /** Normalized tags, sorted. */
  tags: z.array(z.string()),
  trashedAt: z.number().int().nullable(),
  /** The file vanished behind the app's back: show a "missing" tile, never a spinner. */
  missing: z.boolean(),
  hasLineage: z.boolean(),
  file: z.string(),
  thumb: z.string().nullable(),
  /** THUMB_SHORT_SIDE when the thumbnail follows `thumbnailSize`; absent for an older 256 px one (back-filled). */
  thumbPx: z.number().int().positive().optional(),
  preview: z.string().nullable(),
  /** SHA-256 (hex) of the bytes as they arrived (items from before hashing have none): exact duplicates share it. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  /** Present when records were asked for with a search text. */
  highlight: z.object({ prompt: HighlightRanges, editInstruction: HighlightRanges, title: HighlightRanges.optional() }).optional(),
});
export type LibraryRecord = z.infer<typeof LibraryRecord>;

/**
 * Thumbnails are made for the grid's largest common tile on a 2× display: 512 px on the short side (a justified
 * row's height, a square cell's crop), the long side at most 1024 (a panorama stays a few hundred kB of pixels).
 * Before these, thumbnails were 256 px on the long side (`LEGACY_THUMB_LONG_SIDE`); the background queue remakes them.
 */
export const THUMB_SHORT_SIDE = 512;
export const THUMB_LONG_SIDE = 1024;
export const LEGACY_THUMB_LONG_SIDE = 256;
/** The lightbox preview's long side. */
export const PREVIEW_LONG_SIDE = 1024;

/** Pixel size of a rendition of a `width`×`height` picture: the thumbnail rule above, or a long-side bound. Never enlarged. */
export function renditionSize(width: number, height: number, rule: 'thumb' | { longSide: number }): { width: number; height: number } {
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  const scale = rule === 'thumb' ? Math.min(1, THUMB_SHORT_SIDE / short, THUMB_LONG_SIDE / long) : Math.min(1, rule.longSide / long);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** `rating`: highest rated first, newest first among equal ratings. */
export const LibrarySort = z.enum(['newest', 'oldest', 'largest', 'relevance', 'rating']);
export type LibrarySort = z.infer<typeof LibrarySort>;

/** Grid filter; every field narrows. `trashed` false (default) hides trashed items, true shows only them. */
export const LibraryFilter = z
  .object({
    kind: MediaKind.optional(),
    model: z.string().max(200).optional(),
    /** Items made by this provider. */
    provider: ProviderIdSchema.optional(),
    from: z.number().int().optional(),
    to: z.number().int().optional(),
    aspectRatio: z.string().max(20).optional(),
    favorite: z.boolean().optional(),
    /** Items carrying every one of these tags. */
    tags: z.array(TagName).min(1).max(16).optional(),
    /** Items whose rating is one of these (0 = unrated): `[3, 4, 5]` is "3 stars or more". */
    ratings: z.array(Rating).min(1).max(6).optional(),
    collectionId: LibraryId.optional(),
    hasLineage: z.boolean().optional(),
    trashed: z.boolean().default(false),
    origin: ItemOrigin.optional(),
    /**
     * Search text: words and phrases in prompts, edit instructions and titles, `-word` to leave out, `tag:x` / `-tag:x`,
     * `rating:>=4` (see core/library/search-query.ts). Any characters are safe here.
     */
    text: z.string().max(500).optional(),
  })
  .strict();
export type LibraryFilter = z.infer<typeof LibraryFilter>;

export const LibraryQueryInput = z
  .object({
    filter: LibraryFilter.default({ trashed: false }),
    sort: LibrarySort.default('newest'),
    /** Opaque keyset cursor from the previous page's `nextCursor`. */
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(50_000).default(5_000),
    /** Also return the records of this page's first N ids (with highlights for a text search): the grid's first window in the same round trip. */
    withRecords: z.number().int().min(1).max(1000).optional(),
    /**
     * Only these ids (those of them the filter matches), in the sort's order, with `total` counting just them: how
     * the grid places items that were just added without re-running the whole query.
     */
    ids: z.array(LibraryId).min(1).max(1000).optional(),
    /**
     * One window's stream of grid queries (any key it picks): a query that has not started when a newer one of
     * the same lane arrives is answered `superseded` with no ids, so the keystrokes of a search typed while main
     * was busy cost one query, the latest.
     */
    lane: z.string().min(1).max(64).optional(),
    /**
     * The caller knows where this page sits in the whole result (the page a jump or End places far down the grid):
     * nothing is counted and `total` is this page's length. Counting a date range of a 1M library walks every row in it.
     */
    uncounted: z.literal(true).optional(),
    /**
     * Skip this many items of the result first: the page at a position far down the grid (its scrollbar dragged to
     * the middle of a 1M library) without paging every id above it. Implies `uncounted`; not with `cursor` or `ids`.
     * Main walks the skipped rows (~15 ms per 100k at 1M), so the grid asks from the nearer end.
     */
    offset: z.number().int().min(0).max(100_000_000).optional(),
  })
  .strict()
  .refine((q) => q.offset === undefined || (q.cursor === undefined && q.ids === undefined), { message: 'offset goes without cursor and ids', path: ['offset'] });
export type LibraryQueryInput = z.infer<typeof LibraryQueryInput>;

export const LibraryQueryOutput = z.object({
  ids: z.array(LibraryId),
  /** Width ÷ height of each id, in the same order (0 when unknown): the grid lays out justified rows from these. */
  shapes: z.array(z.number().min(0)).optional(),
  /** Counted on the first page and carried by the cursor, so later pages repeat it without recounting. */
  total: z.number().int(),
  /**
   * A text search stops counting at 10,000: show "10,000+" and keep paging with `nextCursor`. A relevance sort
   * ranks only the newest 2,000 hits: `total` is then 2,000 and this is true (the pages end there).
   */
  totalCapped: z.boolean(),
  nextCursor: z.string().nullable(),
  /** Present when asked for with `withRecords`: records of the first ids, in the same order. */
  records: z.array(LibraryRecord).optional(),
  /** True when a newer query of the same `lane` came in before this one started: nothing was looked up. */
  superseded: z.boolean().optional(),
});
export type LibraryQueryOutput = z.infer<typeof LibraryQueryOutput>;

export const LineageLink = z.object({ kind: LineageKind, record: LibraryRecord });
export const LibraryItemDetail = z.object({
  record: LibraryRecord,
  parents: z.array(LineageLink),
  children: z.array(LineageLink),
  collections: z.array(LibraryId),
});
export type LibraryItemDetail = z.infer<typeof LibraryItemDetail>;

export const LibraryCollection = z.object({
  id: LibraryId,
  name: z.string(),
  createdAt: z.number().int(),
  /** Items outside the trash. */
  count: z.number().int(),
  /** Thumbnail of the newest item outside the trash (a library-relative path), if any. */
  cover: z.string().nullable().default(null),
});
export type LibraryCollection = z.infer<typeof LibraryCollection>;

const CollectionName = z.string().trim().min(1).max(120);

/** What a smart collection saves: the grid's filter (search text included; never the trash) and its order. */
export const SmartQuery = z
  .object({
    filter: LibraryFilter.omit({ trashed: true }).strict(),
    sort: LibrarySort.default('newest'),
  })
  .strict();
export type SmartQuery = z.infer<typeof SmartQuery>;

/** A saved search that updates itself, with how many items match it now. */
export const LibrarySmartCollection = z.object({
  id: LibraryId,
  name: z.string(),
  createdAt: z.number().int(),
  query: SmartQuery,
  count: z.number().int(),
  /** The count stopped at 10,000 (a broad text search): show "10,000+". */
  countCapped: z.boolean(),
});
export type LibrarySmartCollection = z.infer<typeof LibrarySmartCollection>;
const Count = z.object({ count: z.number().int() });

/**
 * A main-issued, single-use, short-lived handle for a path the user picked in a native dialog (`desktop:choose-*`).
 * The renderer never names a file-system path itself: a compromised renderer can only use what the user just chose.
 */
export const PathToken = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/, 'Not a path token.');
export type PathToken = z.infer<typeof PathToken>;

export const ImportSource = z.discriminatedUnion('kind', [
  /** Files the user picked with `desktop:choose-files`, by their tokens. */
  z.object({ kind: z.literal('chosen'), tokens: z.array(PathToken).min(1).max(1000) }).strict(),
  /** A folder picked with `desktop:choose-folder` (purpose `import`): every image in it and its subfolders. */
  z.object({ kind: z.literal('folder'), token: PathToken }).strict(),
  z
    .object({
      kind: z.literal('bytes'),
      name: z.string().max(255),
      /** Base64 file content, for the browser host where dropped files have no path (≤ 64 MB). */
      base64: z.string().max(90_000_000),
    })
    .strict(),
]);

/** A tag with how many items (outside the trash) carry it. */
export const LibraryTag = z.object({ tag: z.string(), count: z.number().int() });
export type LibraryTag = z.infer<typeof LibraryTag>;

/** A set of copies: `exact` (same bytes) or `near` (looks the same: resized, re-encoded, lightly cropped). */
export const DuplicateGroup = z.object({
  kind: z.enum(['exact', 'near']),
  ids: z.array(LibraryId).min(2),
  /** The suggested one to keep: best rated, a favorite, most pixels, largest, oldest — in that order. */
  keep: LibraryId,
});
export const DuplicateReport = z.object({
  groups: z.array(DuplicateGroup),
  /** Images looked at (outside the trash). */
  images: z.number().int(),
  /** Images whose perceptual hash is still being made in the background: ask again for a complete answer. */
  pending: z.number().int(),
  /** More groups exist than were returned (deal with these, then ask again). */
  truncated: z.boolean(),
});
export type DuplicateReport = z.infer<typeof DuplicateReport>;

/** An import in progress (`library:import-begin`), for progress events and cancelling. */
export const ImportJobId = z.string().regex(/^[0-9a-f]{32}$/, 'Not an import id.');

/** Where an import stands: counts so far, its pace and a guess at the time left. */
export const ImportProgress = z.object({
  job: ImportJobId,
  state: z.enum(['running', 'done', 'cancelled']),
  /** Files in this import; a folder's count is known once main has walked it. */
  total: z.number().int().nonnegative(),
  /** Files through the pipeline, whatever became of them. */
  done: z.number().int().nonnegative(),
  imported: z.number().int().nonnegative(),
  /** Files whose exact bytes are in the library already: reported, not imported again. */
  duplicates: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  ratePerSec: z.number().nonnegative(),
  /** Null until a few files have gone through (and once it has ended). */
  etaMs: z.number().int().nonnegative().nullable(),
  elapsedMs: z.number().int().nonnegative(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

/** What one `library:import` call did (lists hold at most 1,000 entries each; progress events have the counts). */
export const ImportResult = z.object({
  imported: z.array(LibraryId),
  rejected: z.array(z.object({ name: z.string(), reason: z.string() })),
  /** Files already in the library, with the item that has their bytes. */
  duplicates: z.array(z.object({ name: z.string(), id: LibraryId })),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** One value of a filter dropdown with how many items have it. */
export const LibraryFacet = z.object({ value: z.string(), count: z.number().int() });
export type LibraryFacet = z.infer<typeof LibraryFacet>;

/** Export formats: the stored file, or converted. */
export const ExportFormat = z.enum(['original', 'png', 'jpeg', 'webp']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** A background pass over the library folder: the start-up check, or "Rebuild library" from Settings. */
export const LibraryMaintenance = z.object({
  task: z.enum(['check', 'rebuild']),
  state: z.enum(['running', 'done', 'failed', 'stopped']),
  /** Share of the library walked, 0–1 (it goes through 1/256 of the items at a time). */
  progress: z.number().min(0).max(1),
  /** Items looked at so far. */
  items: z.number().int().nonnegative(),
  elapsedMs: z.number().int().nonnegative(),
  /** What it found, or why it failed, in words (when it has ended). */
  message: z.string().optional(),
});
export type LibraryMaintenance = z.infer<typeof LibraryMaintenance>;

export const libraryChannels = {
  /** Ordered ids (and total) for a filter and sort: the virtualized grid loads ids first, records per window. */
  'library:query': { input: LibraryQueryInput, output: LibraryQueryOutput },
  /**
   * The distinct models and aspect ratios with item counts, most used first, for the filter dropdowns. Counts
   * cover the trash when `trashed` is true and everything else otherwise (items without a model are left out).
   */
  'library:facets': {
    input: z.object({ trashed: z.boolean().default(false) }).strict(),
    output: z.object({ models: z.array(LibraryFacet), aspectRatios: z.array(LibraryFacet) }),
  },
  /**
   * "Jump to date": where in the grid's order (newest or oldest first, same filter) the items of a moment begin —
   * the number of items before the first one made at or before `at` (newest first) or at or after it (oldest
   * first). A text search counts up to 10,000 (`capped`).
   */
  'library:position': {
    input: z.object({ filter: LibraryFilter.default({ trashed: false }), sort: z.enum(['newest', 'oldest']), at: z.number().int() }).strict(),
    output: z.object({ index: z.number().int().nonnegative(), capped: z.boolean() }),
  },
  /** Full records for the visible window; with `text`, each carries highlight ranges. Unknown ids are left out. */
  'library:records': {
    input: z.object({ ids: z.array(LibraryId).max(1000), text: z.string().max(500).optional() }).strict(),
    output: z.object({ records: z.array(LibraryRecord) }),
  },
  /** One item with its lineage parents and children and its collections. */
  'library:item': { input: z.object({ id: LibraryId }).strict(), output: LibraryItemDetail },
  /** Star or unstar many items. */
  'library:favorite': { input: z.object({ ids: IdList, favorite: z.boolean() }).strict(), output: Count },
  /** Set the star rating (0 clears it) of many items. */
  'library:rate': { input: z.object({ ids: IdList, rating: Rating }).strict(), output: Count },
  /** Add and remove tags on many items at once; `count` is how many items changed. */
  'library:tag': {
    input: z
      .object({ ids: IdList, add: z.array(TagName).max(50).default([]), remove: z.array(TagName).max(50).default([]) })
      .strict(),
    output: Count,
  },
  /**
   * Tags in use, most used first: all of them, or those starting with `prefix` (autocomplete). With `ids`, the
   * tags of those items instead, each with how many of them carry it (the bulk tag editor).
   */
  'library:tags': {
    input: z
      .object({ prefix: z.string().max(200).optional(), ids: z.array(LibraryId).max(20_000).optional(), limit: z.number().int().min(1).max(1000).default(50) })
      .strict(),
    output: z.object({ tags: z.array(LibraryTag) }),
  },
  /** Move items to the trash; undo with `library:restore` and the same ids. */
  'library:trash': { input: z.object({ ids: IdList }).strict(), output: Count },
  /** Take items out of the trash. */
  'library:restore': { input: z.object({ ids: IdList }).strict(), output: Count },
  /** Delete trashed items and their files for good (all trashed items, or only the given trashed ids). */
  'library:empty-trash': { input: z.object({ ids: IdList.optional() }).strict(), output: Count },
  /** Collections with their item counts. */
  'library:collections': { input: Empty, output: z.object({ collections: z.array(LibraryCollection) }) },
  'library:collection-create': { input: z.object({ name: CollectionName }).strict(), output: LibraryCollection },
  'library:collection-rename': {
    input: z.object({ id: LibraryId, name: CollectionName }).strict(),
    output: LibraryCollection,
  },
  /** Deletes the collection only; its items stay in the library. */
  'library:collection-delete': { input: z.object({ id: LibraryId }).strict(), output: Count },
  'library:collection-add': { input: z.object({ id: LibraryId, ids: IdList }).strict(), output: Count },
  'library:collection-remove': { input: z.object({ id: LibraryId, ids: IdList }).strict(), output: Count },
  /** Smart collections with their current counts (kept until the library changes). */
  'library:smart-collections': { input: Empty, output: z.object({ collections: z.array(LibrarySmartCollection) }) },
  'library:smart-create': { input: z.object({ name: CollectionName, query: SmartQuery }).strict(), output: LibrarySmartCollection },
  /** Renames and/or replaces the saved query. */
  'library:smart-update': {
    input: z.object({ id: LibraryId, name: CollectionName.optional(), query: SmartQuery.optional() }).strict(),
    output: LibrarySmartCollection,
  },
  'library:smart-delete': { input: z.object({ id: LibraryId }).strict(), output: Count },
  /** Exact and near copies among the images outside the trash, grouped, each group with a suggested keeper. */
  'library:duplicates': { input: Empty, output: DuplicateReport },
  /**
   * Starts an import of `total` files (0 when main will count them: a folder), for its progress events
   * (`library:import`) and `library:import-cancel`. The files then come through `library:import` with this job.
   */
  'library:import-begin': {
    input: z.object({ total: z.number().int().min(0).max(10_000_000) }).strict(),
    output: z.object({ job: ImportJobId }),
  },
  /**
   * Import image and video files (judged by their bytes, validated by decoding; JPEG, PNG, WebP, GIF, MP4, MOV,
   * WebM); they are marked `imported` and titled by their file name. Each refused file comes back with its reason;
   * files whose exact bytes are in the library already are reported as duplicates instead. With `job`, they count towards that import's progress;
   * the renderer may have a few `bytes` calls in flight at once (main decodes as many as the machine has cores).
   */
  'library:import': {
    input: z.object({ source: ImportSource, job: ImportJobId.optional() }).strict(),
    output: ImportResult,
  },
  /** Stops an import before its next file (files already in stay); its next progress event says cancelled. */
  'library:import-cancel': { input: z.object({ job: ImportJobId }).strict(), output: Empty },
  /**
   * Copy items out of the library into a folder chosen with `desktop:choose-folder`, as original or converted,
   * with metadata kept or stripped. The folder token is used up; `folder` is a fresh one for the same folder, so a
   * selection larger than one call goes out in batches.
   */
  'library:export': {
    input: z
      .object({
        ids: z.array(LibraryId).min(1).max(5_000),
        folder: PathToken,
        format: ExportFormat.default('original'),
        metadata: z.enum(['keep', 'strip']).default('keep'),
      })
      .strict(),
    output: z.object({ files: z.array(z.object({ id: LibraryId, path: z.string() })), folder: PathToken }),
  },
  /**
   * Recreate the index from the files and sidecars alone. Resolves when done; progress comes as
   * `library:maintenance` events, and the grid keeps answering meanwhile.
   */
  'library:rebuild': { input: Empty, output: z.object({ items: z.number().int(), skipped: z.number().int() }) },
  /** The background check or rebuild running now, or the last one to end (null before the first). */
  'library:maintenance': { input: Empty, output: z.object({ status: LibraryMaintenance.nullable() }) },
} as const;

export const libraryEvents = {
  /** Progress of an import: a few times a second while it runs, and when it ends or is cancelled. */
  'library:import': ImportProgress,
  /** Progress of the start-up check or a rebuild (a few times a second while it runs, and when it ends). */
  'library:maintenance': LibraryMaintenance,
  /** The library changed; the renderer re-runs its query (and refreshes the listed ids when given). */
  'library:changed': z.object({
    /** `external`: another process (the `imagine` command) wrote to the same library. */
    reason: z.enum(['added', 'updated', 'trashed', 'restored', 'deleted', 'collections', 'rebuilt', 'reconciled', 'switched', 'external']),
    ids: z.array(LibraryId).max(1000).optional(),
  }),
} as const;
