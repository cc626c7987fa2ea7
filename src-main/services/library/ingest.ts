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
  parents?: { kind: LineageKind; parentId: string }[];
}

export interface IngestDeps {
  store: LibraryStore;
  files: LibraryFiles;
  media: MediaProcessor;
  now: () => number;
  newId: () => string;
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
    trashedAt: null,
    missing: false,
    file: '',
    thumb: thumbPath(id),
    preview: previewPath(id),
  };
}

const isMp4 = (b: Uint8Array) => b.length > 12 && String.fromCharCode(...b.subarray(4, 8)) === 'ftyp';

/**
 * The one crash-safe ingest sequence: media file (atomic) → thumbnail + preview → sidecar → index row, the row
 * committing last. Metadata is embedded into the bytes before the first write, so the media file is written once
 * and never rewritten. A crash leaves either orphan files without a sidecar (reconcile deletes them) or files with
 * a sidecar but no row (reconcile imports them): never a row without its files.
 */
export function createIngest(deps: IngestDeps) {
  const { store, files, media } = deps;
  const point = (step: IngestStep) => deps.faultHook?.(step);

  async function prepareImage(item: StoredItem, bytes: Uint8Array): Promise<Uint8Array> {
    const info = await media.probeImage(bytes);
    if (!info) fail({ kind: 'validation', message: 'Not a readable JPEG, PNG, WebP or GIF image.', issues: [] });
    Object.assign(item, { width: info.width, height: info.height, mime: MIME[info.format] });
    item.aspectRatio ??= aspectRatioOf(info.width, info.height);
    item.file = mediaPath(item.id, EXT[info.format]);
    const xmp = buildXmp(item);
    if (info.format === 'gif') return bytes; // GIF has no standard XMP home we write; the sidecar carries it.
    return embedXmp(bytes, xmp) ?? (await media.encode(bytes, info.format === 'webp' ? 'webp' : 'png', xmp));
  }

  async function writeVideo(item: StoredItem, bytes: Uint8Array): Promise<Uint8Array> {
    if (!isMp4(bytes)) fail({ kind: 'validation', message: 'Not an MP4 video.', issues: [] });
    item.file = mediaPath(item.id, 'mp4');
    item.mime = 'video/mp4';
    await files.writeAtomic(item.file, bytes);
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
    try {
      point('before-media');
      let source: Uint8Array;
      if (input.kind === 'image') {
        const bytes = await prepareImage(item, input.bytes);
        item.bytes = bytes.length;
        written.push(item.file);
        await files.writeAtomic(item.file, bytes);
        source = bytes;
      } else {
        written.push(mediaPath(id, 'mp4'));
        source = await writeVideo(item, input.bytes);
      }
      point('after-media');
      const { thumb, preview } = await media.renditions(source);
      written.push(thumbPath(id), previewPath(id));
      await files.writeAtomic(thumbPath(id), thumb);
      await files.writeAtomic(previewPath(id), preview);
      point('after-renditions');
      written.push(sidecarPath(id));
      await files.writeAtomic(sidecarPath(id), new TextEncoder().encode(serializeSidecar(entry)));
      point('after-sidecar');
      store.insert([entry]);
      point('after-row');
    } catch (err) {
      if (!(err instanceof SimulatedCrash)) await Promise.all(written.map((p) => files.remove(p).catch(() => {})));
      throw err;
    }
    const record = store.get(id);
    if (!record) return fail({ kind: 'storage', message: 'The item was saved but could not be read back.' });
    return record;
  };
}
