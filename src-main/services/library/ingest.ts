import type { ItemOrigin, LibraryRecord, LineageKind, MediaKind } from '@contract';
import { fail } from '../../core/app-error';
import { aspectRatioOf } from '../../core/library/aspect';
import type { LibraryStore } from '../../core/library/library-store';
import { mediaPath, previewPath, sidecarPath, thumbPath } from '../../core/library/paths';
import {
  SimulatedCrash,
  type ImageFormat,
  type IngestStep,
  type LibraryFiles,
  type MediaProcessor,
} from '../../core/library/ports';
import { serializeSidecar } from '../../core/library/sidecar';
import type { NewItem, StoredItem } from '../../core/library/types';
import { buildXmp, embedXmp } from '../../core/library/xmp';
import { MAX_TAGS_PER_ITEM, normalizeTag } from '../../core/library/search-query';
import type { PreviewJob } from './background';

/** What the generation, edit and import flows hand to the library. */
export interface IngestInput {
  bytes: Uint8Array;
  kind: MediaKind;
  origin: ItemOrigin;
  prompt?: string;
  editInstruction?: string | null;
  model?: string | null;
  /** The request parameters as sent. */
  params?: Record<string, unknown>;
  aspectRatio?: string | null;
  costTicks?: number | null;
  requestId?: string | null;
  moderation?: string | null;
  sourceJobId?: string | null;
  createdAt?: number;
  /** 0–5 stars and tags (normalized here), e.g. read from an imported file's XMP. */
  rating?: number;
  tags?: readonly string[];
  parents?: { kind: LineageKind; parentId: string }[];
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
}

const EXT: Record<ImageFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', gif: 'gif' };
const MIME: Record<ImageFormat, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' };

function baseItem(id: string, input: IngestInput, now: number): StoredItem {
  return {
    id,
    kind: input.kind,
    createdAt: input.createdAt ?? now,
    prompt: input.prompt ?? '',
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
    preview: previewPath(id),
  };
}

const isMp4 = (b: Uint8Array) => b.length > 12 && String.fromCharCode(...b.subarray(4, 8)) === 'ftyp';
const notAnImage = () => fail({ kind: 'validation', message: 'Not a readable JPEG, PNG, WebP or GIF image.', issues: [] });

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
 */
export function createIngest(deps: IngestDeps) {
  const { store, files, media } = deps;
  const point = (step: IngestStep) => deps.faultHook?.(step);

  /** Embeds XMP and writes the image while its thumbnail is decoded (CPU and disk overlap). */
  async function storeImage(item: StoredItem, bytes: Uint8Array, written: string[]): Promise<Uint8Array> {
    const info = (await media.probeImage(bytes)) ?? notAnImage();
    Object.assign(item, { width: info.width, height: info.height, mime: MIME[info.format] });
    item.aspectRatio ??= aspectRatioOf(info.width, info.height);
    item.file = mediaPath(item.id, EXT[info.format]);
    const write = async () => {
      // GIF has no standard XMP home we write; the sidecar carries it.
      const xmp = buildXmp(item);
      const stored =
        info.format === 'gif'
          ? bytes
          : // A body that cannot be spliced or re-encoded (a truncated PNG) is a refusal, not an internal failure.
            (embedXmp(bytes, xmp) ?? (await media.encode(bytes, info.format === 'webp' ? 'webp' : 'png', xmp).catch(notAnImage)));
      item.bytes = stored.length;
      written.push(item.file);
      await files.writeAtomic(item.file, stored, 'file');
    };
    const [thumb] = await Promise.all([media.thumbnail(bytes), write()]);
    return thumb ?? notAnImage();
  }

  async function storeVideo(item: StoredItem, bytes: Uint8Array, written: string[]): Promise<Uint8Array> {
    if (!isMp4(bytes)) fail({ kind: 'validation', message: 'Not an MP4 video.', issues: [] });
    item.file = mediaPath(item.id, 'mp4');
    item.mime = 'video/mp4';
    written.push(item.file);
    await files.writeAtomic(item.file, bytes, 'file');
    const info = await media.videoInfo(files.absolute(item.file));
    if (!info) fail({ kind: 'validation', message: 'The video could not be read.', issues: [] });
    Object.assign(item, { width: info.width, height: info.height, durationMs: info.durationMs });
    item.aspectRatio ??= aspectRatioOf(info.width, info.height);
    return media.videoPoster(files.absolute(item.file));
  }

  return async function ingest(input: IngestInput): Promise<LibraryRecord> {
    const id = deps.newId();
    const item = baseItem(id, input, deps.now());
    const entry: NewItem = { item, parents: input.parents ?? [] };
    const written: string[] = [];
    let preview: PreviewJob;
    try {
      point('before-media');
      let thumb: Uint8Array;
      if (input.kind === 'image') {
        thumb = await storeImage(item, input.bytes, written);
        preview = { id, source: () => files.read(item.file) };
      } else {
        const poster = await storeVideo(item, input.bytes, written);
        thumb = (await media.thumbnail(poster)) ?? fail({ kind: 'validation', message: 'The video could not be read.', issues: [] });
        preview = { id, source: async () => poster };
      }
      point('after-media');
      written.push(thumbPath(id));
      await files.writeAtomic(thumbPath(id), thumb, 'none');
      point('after-renditions');
      written.push(sidecarPath(id));
      await files.writeAtomic(sidecarPath(id), new TextEncoder().encode(serializeSidecar(entry)), 'file');
      await files.syncDir(sidecarPath(id));
      point('after-sidecar');
      store.insert([entry]);
      point('after-row');
    } catch (err) {
      if (!(err instanceof SimulatedCrash)) await Promise.all(written.map((p) => files.remove(p).catch(() => {})));
      throw err;
    }
    deps.schedulePreview(preview);
    const record = store.get(id);
    if (!record) return fail({ kind: 'storage', message: 'The item was saved but could not be read back.' });
    return record;
  };
}
