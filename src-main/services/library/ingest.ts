import { BUILT_IN_TABLE, THUMB_SHORT_SIDE, providerOf, type ItemOrigin, type LibraryRecord, type LineageKind, type MediaKind, type OperationName, type ProviderId } from '@contract';
import { fail } from '../../core/app-error';
import { aspectRatioOf } from '../../core/library/aspect';
import type { LibraryStore } from '../../core/library/library-store';
import { mediaPath, previewPath, shardOf, sidecarPath, thumbPath } from '../../core/library/paths';
import { SimulatedCrash, type IngestStep, type LibraryFiles, type MediaProcessor } from '../../core/library/ports';
import { libraryVerdict, type LibraryImageFormat } from '../../core/media/library-verdict';
import { truncatedRefusal, videoRefusal } from '../../core/media/refusals';
import { serializeSidecar } from '../../core/library/sidecar';
import type { NewItem, StoredItem } from '../../core/library/types';
import { buildXmp, embedXmp } from '../../core/library/xmp';
import { MAX_TAGS_PER_ITEM, normalizeTag } from '../../core/library/search-query';
import type { PreviewJob } from './background';
import { contentHash } from './content-hash';

/** What the generation, edit and import flows hand to the library. */
export interface IngestInput {
  bytes: Uint8Array;
  kind: MediaKind;
  origin: ItemOrigin;
  /** What the item is called when it has no prompt: an imported file's name without its extension. */
  title?: string | null;
  prompt?: string;
  /** The prompt as written before an accepted rewrite ("Enhance prompt"); searched too. */
  originalPrompt?: string | null;
  editInstruction?: string | null;
  model?: string | null;
  /** The request parameters as sent. */
  params?: Record<string, unknown>;
  aspectRatio?: string | null;
  costTicks?: number | null;
  /** The model that served (the response's `model`), the quality served, the request's whole bill (issue 15.5). */
  servedModel?: string | null;
  servedQuality?: string | null;
  billedTicks?: number | null;
  /** Who made it (default: the provider whose model `model` names), the operation, and the provider's seed (issue 18 §7). */
  provider?: ProviderId | null;
  operation?: OperationName | null;
  seed?: number | null;
  requestId?: string | null;
  moderation?: string | null;
  sourceJobId?: string | null;
  createdAt?: number;
  /** 0–5 stars and tags (normalized here), e.g. read from an imported file's XMP. */
  rating?: number;
  tags?: readonly string[];
  parents?: { kind: LineageKind; parentId: string }[];
  /** The bytes' SHA-256 when the caller has it already (import checks duplicates with it first). */
  contentHash?: Promise<string> | string;
}

/** An item whose files are written, waiting for its row (see `commit`). */
export interface PreparedItem {
  entry: NewItem;
  preview: PreviewJob;
  written: string[];
}

export interface IngestDeps {
  store: LibraryStore;
  files: LibraryFiles;
  media: MediaProcessor;
  now: () => number;
  newId: () => string;
  /** Queues the 1024 px preview, made after the row commits (see `PreviewQueue`). */
  schedulePreview: (job: PreviewJob) => void;
  /** Fault injection for crash tests; throw `SimulatedCrash` to stop as a killed process would. */
  faultHook?: ((step: IngestStep) => void) | undefined;
  /** Told when an id's files start being written and when its row is in (or the attempt cleaned up). */
  writing?: { begin(id: string): void; end(id: string): void };
  /**
   * Runs a thumbnail decode when a decode slot is free (see `Slots`): the decodes are the CPU work, so they are
   * bounded by the cores, while the reads, writes and fsyncs around them are not held up behind them.
   */
  decode?: <T>(work: () => Promise<T>) => Promise<T>;
}

const EXT: Record<LibraryImageFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', gif: 'gif' };
const MIME: Record<LibraryImageFormat, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' };
/** H.264/H.265 play from MP4 everywhere (and xAI takes MP4 sources): a MOV or Matroska file of them is re-boxed. */
const MP4_CODECS: ReadonlySet<string> = new Set(['h264', 'hevc']);

/** Provider, operation and seed as known: an explicit provider, else the one whose model the item names. */
function providerFields(input: IngestInput): Pick<StoredItem, 'provider' | 'operation' | 'seed'> {
  const provider = input.provider ?? (input.model ? providerOf(input.model, BUILT_IN_TABLE) : undefined);
  return {
    ...(provider ? { provider } : {}),
    ...(input.operation ? { operation: input.operation } : {}),
    ...(typeof input.seed === 'number' && Number.isSafeInteger(input.seed) && input.seed >= 0 ? { seed: input.seed } : {}),
  };
}

function baseItem(id: string, input: IngestInput, now: number): StoredItem {
  return {
    id,
    kind: input.kind,
    createdAt: input.createdAt ?? now,
    ...(input.title ? { title: input.title } : {}),
    prompt: input.prompt ?? '',
    ...(input.originalPrompt ? { originalPrompt: input.originalPrompt } : {}),
    editInstruction: input.editInstruction ?? null,
    model: input.model ?? null,
    params: input.params ?? {},
    width: null,
    height: null,
    aspectRatio: input.aspectRatio ?? null,
    durationMs: null,
    bytes: input.bytes.length,
    mime: 'application/octet-stream',
    costTicks: input.costTicks ?? null,
    ...(input.servedModel ? { servedModel: input.servedModel } : {}),
    ...(input.servedQuality ? { servedQuality: input.servedQuality } : {}),
    ...(typeof input.billedTicks === 'number' ? { billedTicks: input.billedTicks } : {}),
    ...providerFields(input),
    requestId: input.requestId ?? null,
    moderation: input.moderation ?? null,
    sourceJobId: input.sourceJobId ?? null,
    origin: input.origin,
    favorite: false,
    rating: Math.max(0, Math.min(5, Math.round(input.rating ?? 0))),
    tags: [...new Set((input.tags ?? []).map(normalizeTag).filter(Boolean))].sort().slice(0, MAX_TAGS_PER_ITEM),
    trashedAt: null,
    missing: false,
    file: '',
    thumb: thumbPath(id),
    thumbPx: THUMB_SHORT_SIDE,
    preview: previewPath(id),
  };
}

const refuse = (message: string): never => fail({ kind: 'validation', message, issues: [] });

/** The byte-level verdict for the kind the caller expects; every refusal names the problem. */
function verdictFor<K extends 'image' | 'video'>(bytes: Uint8Array, kind: K) {
  const verdict = libraryVerdict(bytes);
  if (!verdict.ok) return refuse(verdict.reason);
  if (verdict.kind !== kind) return refuse(kind === 'image' ? 'This is a video, not an image.' : 'This is an image, not a video.');
  return verdict as Extract<typeof verdict, { kind: K }>;
}

/**
 * The one crash-safe ingest sequence: media file (atomic) → thumbnail → sidecar → index row, the row committing
 * last; the 1024 px preview follows in the background (`schedulePreview`). Metadata is embedded into the bytes
 * before the first write, so the media file is written once and never rewritten. A crash leaves either orphan
 * files without a sidecar (reconcile deletes them) or files with a sidecar but no row (reconcile imports them,
 * and remakes any missing rendition): never a row without its media.
 *
 * Durability: the media file and the sidecar are fdatasync'ed and their shared folder is synced once, before
 * the row commits. That is what a power cut needs: if the row is lost (WAL, synchronous=NORMAL), the media and
 * sidecar are there and reconcile re-adopts the item. The thumbnail is derived data and is not synced.
 *
 * Split in two for imports (`prepare` per file, `commit` per batch: one folder sync per shard and one
 * transaction for many rows); `ingest` runs both for one item.
 */
export function createIngest(deps: IngestDeps) {
  const { store, files, media } = deps;
  const point = (step: IngestStep) => deps.faultHook?.(step);
  const decode = deps.decode ?? ((work) => work());

  /** Embeds XMP and writes the image while its thumbnail is decoded (CPU and disk overlap). */
  async function storeImage(item: StoredItem, bytes: Uint8Array, written: string[]): Promise<Uint8Array> {
    const { format } = verdictFor(bytes, 'image');
    const corrupt = () => refuse(truncatedRefusal(format));
    const info = (await media.probeImage(bytes)) ?? corrupt();
    Object.assign(item, { width: info.width, height: info.height, mime: MIME[format] });
    item.aspectRatio ??= aspectRatioOf(info.width, info.height);
    item.file = mediaPath(item.id, EXT[format]);
    const write = async () => {
      // GIF has no standard XMP home we write; the sidecar carries it.
      const xmp = buildXmp(item);
      const stored =
        format === 'gif'
          ? bytes
          : // A body that cannot be spliced or re-encoded (a truncated PNG) is a refusal, not an internal failure.
            (embedXmp(bytes, xmp) ?? (await media.encode(bytes, format === 'webp' ? 'webp' : 'png', xmp).catch(corrupt)));
      item.bytes = stored.length;
      written.push(item.file);
      await files.writeAtomic(item.file, stored, 'file');
    };
    // The probe's upright size is handed on: the thumbnail need not parse the header a second time.
    const [thumb] = await Promise.all([decode(() => media.thumbnail(bytes, info)), write()]);
    return thumb ?? corrupt();
  }

  /** Probes (ffprobe, by bytes), refuses what cannot be played, re-boxes MOV as MP4, writes, and takes a poster. */
  async function storeVideo(item: StoredItem, bytes: Uint8Array, written: string[]): Promise<Uint8Array> {
    const { container } = verdictFor(bytes, 'video');
    const corrupt = () => refuse(truncatedRefusal(container));
    const probe = (await media.probeVideo(bytes)) ?? corrupt();
    const why = videoRefusal(probe, container);
    if (why) refuse(why);
    const rebox = container === 'mov' || (container === 'webm' && MP4_CODECS.has(probe.video?.codec ?? ''));
    const stored = rebox ? ((await media.toMp4(bytes)) ?? corrupt()) : bytes;
    const webm = container === 'webm' && !rebox;
    item.file = mediaPath(item.id, webm ? 'webm' : 'mp4');
    item.mime = webm ? 'video/webm' : 'video/mp4';
    item.bytes = stored.length;
    Object.assign(item, { width: probe.video?.width ?? null, height: probe.video?.height ?? null, durationMs: probe.durationMs });
    item.aspectRatio ??= aspectRatioOf(item.width, item.height);
    written.push(item.file);
    await files.writeAtomic(item.file, stored, 'file');
    return media.videoPoster(files.absolute(item.file)).catch(corrupt);
  }

  /** Removes what an attempt wrote; a simulated crash leaves it, as a killed process would. */
  async function undo(written: readonly string[], err: unknown): Promise<void> {
    if (!(err instanceof SimulatedCrash)) await Promise.all(written.map((p) => files.remove(p).catch(() => {})));
  }

  /**
   * Writes an item's files (media, thumbnail, sidecar; media and sidecar fdatasync'ed) and hands it back without
   * its row: `commit` makes a batch of these durable and visible at once. Its id counts as being written until
   * its commit ends.
   */
  async function prepare(input: IngestInput): Promise<PreparedItem> {
    const id = deps.newId();
    const item = baseItem(id, input, deps.now());
    const entry: NewItem = { item, parents: input.parents ?? [] };
    const written: string[] = [];
    let preview: PreviewJob;
    deps.writing?.begin(id);
    try {
      point('before-media');
      const hash = input.contentHash ?? contentHash(input.bytes);
      let thumb: Uint8Array;
      if (input.kind === 'image') {
        thumb = await storeImage(item, input.bytes, written);
        preview = { id, source: () => files.read(item.file) };
      } else {
        const poster = await storeVideo(item, input.bytes, written);
        thumb = (await decode(() => media.thumbnail(poster))) ?? refuse('No picture could be read from this video.');
        preview = { id, source: async () => poster };
      }
      item.contentHash = await hash;
      point('after-media');
      written.push(thumbPath(id));
      await files.writeAtomic(thumbPath(id), thumb, 'none');
      point('after-renditions');
      written.push(sidecarPath(id));
      await files.writeAtomic(sidecarPath(id), new TextEncoder().encode(serializeSidecar(entry)), 'file');
      return { entry, preview, written };
    } catch (err) {
      await undo(written, err);
      deps.writing?.end(id);
      throw err;
    }
  }

  /**
   * Makes prepared items durable and visible: each folder holding their media and sidecars is synced once, then
   * all their rows go in in one transaction, and their previews are queued.
   */
  async function commit(batch: readonly PreparedItem[]): Promise<LibraryRecord[]> {
    const ids = batch.map((p) => p.entry.item.id);
    try {
      const folders = new Map(ids.map((id) => [shardOf(id), sidecarPath(id)]));
      await Promise.all([...folders.values()].map((p) => files.syncDir(p)));
      point('after-sidecar');
      store.insert(batch.map((p) => p.entry));
      point('after-row');
    } catch (err) {
      await undo(batch.flatMap((p) => p.written), err);
      throw err;
    } finally {
      for (const id of ids) deps.writing?.end(id);
    }
    for (const p of batch) deps.schedulePreview(p.preview);
    const records = store.records(ids);
    if (records.length !== ids.length) fail({ kind: 'storage', message: 'An item was saved but could not be read back.' });
    return records;
  }

  /** The whole sequence for one item (generation, edits, video): prepare, then commit alone. */
  async function ingest(input: IngestInput): Promise<LibraryRecord> {
    const [record] = await commit([await prepare(input)]);
    return record ?? fail({ kind: 'storage', message: 'The item was saved but could not be read back.' });
  }

  return { prepare, commit, ingest };
}
