import { OPERATION_LIST, PROVIDER_IDS, type ImportResult, type LibraryRecord } from '@contract';
import { fail } from '../../core/app-error';
import type { LibraryStore } from '../../core/library/library-store';
import type { ExternalFiles, LibraryFiles, MediaProcessor } from '../../core/library/ports';
import { serializeSidecar } from '../../core/library/sidecar';
import { titleFromFileName } from '../../core/library/title';
import { buildXmp, embedXmp, readXmp, stripMetadata } from '../../core/library/xmp';
import { embedXmpWebp } from '../../core/library/xmp-webp';
import { libraryVerdict } from '../../core/media/library-verdict';
import type { IngestInput } from './ingest';
import type { ImportJob } from './import-jobs';
import type { ImportOutcome } from './import-pipeline';

/** Largest file accepted for import (the contract bounds base64 input to the same size). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
/** What a folder import picks up (by extension; each file is still judged by its bytes before it is accepted). */
export const IMPORTABLE_EXTENSIONS: readonly string[] = ['jpg', 'jpeg', 'png', 'webp', 'gif', 'mp4', 'm4v', 'mov', 'webm', 'mkv'];
/** Entries per list in a call's result. */
const LIST_LIMIT = 1000;

export type ExportFormat = 'original' | 'png' | 'jpeg' | 'webp';

export interface TransferDeps {
  store: LibraryStore;
  files: LibraryFiles;
  external: ExternalFiles;
  media: MediaProcessor;
}

const EXT = { png: 'png', jpeg: 'jpg', webp: 'webp' } as const;
const FORMAT_OF_MIME: Record<string, 'png' | 'jpeg' | 'webp'> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/webp': 'webp',
};

/** Latest date an imported packet may carry; the index orders items by date and cannot place ones far beyond it. */
const LATEST_PLAUSIBLE_DATE = Date.UTC(2200, 0, 1);

/** A packet's date when it is believable, else none (the import time): a crafted date must not refuse the image. */
function plausibleDate(ms: number | null | undefined): number | undefined {
  return ms !== null && ms !== undefined && ms >= 0 && ms <= LATEST_PLAUSIBLE_DATE ? ms : undefined;
}

/**
 * What an offered file becomes: an image or video with its file name as title, or (for a file we exported earlier,
 * carrying our XMP packet) the prompt, model and settings it left with. Refused files throw a validation error
 * whose message says why. Shared by every way files come in (picked, dropped, an import pipeline).
 */
export function importInputFor(name: string, bytes: Uint8Array): IngestInput {
  const verdict = libraryVerdict(bytes);
  if (!verdict.ok) return fail({ kind: 'validation', message: verdict.reason, issues: [] });
  const title = titleFromFileName(name);
  if (verdict.kind === 'video') return { bytes, kind: 'video', origin: 'imported', title, params: { importedFrom: name } };
  const xmp = readXmp(bytes);
  return {
    bytes,
    kind: 'image',
    origin: 'imported',
    title,
    params: xmp?.params ?? { importedFrom: name },
    prompt: xmp?.prompt ?? undefined,
    model: xmp?.model ?? null,
    servedModel: xmp?.servedModel ?? null,
    servedQuality: xmp?.quality ?? null,
    provider: PROVIDER_IDS.find((p) => p === xmp?.provider) ?? null,
    operation: OPERATION_LIST.find((o) => o === xmp?.operation) ?? null,
    seed: xmp?.seed ?? null,
    editInstruction: xmp?.editInstruction ?? null,
    requestId: xmp?.requestId ?? null,
    createdAt: plausibleDate(xmp?.createdAt),
    // Any tool's xmp:Rating and dc:subject (Lightroom, digiKam, our own exports) come in as rating and tags.
    rating: xmp?.rating ?? 0,
    tags: xmp?.tags ?? [],
  };
}

/** Where the files of one `library:import` call come from, once tokens are turned back into paths. */
export type ImportRequest =
  | { kind: 'paths'; paths: string[] }
  | { kind: 'folder'; dir: string }
  | { kind: 'bytes'; name: string; base64: string };

/**
 * Imports what one call brought, as part of `job`: a dropped file's bytes, files chosen in a dialog, or every
 * image under a folder (counted first, so the job's total and ETA are right from the start).
 */
export async function importFiles(external: ExternalFiles, request: ImportRequest, job: ImportJob): Promise<ImportResult> {
  if (request.kind === 'bytes') {
    const load = async () => Uint8Array.from(Buffer.from(request.base64, 'base64'));
    return resultOf([[request.name, await job.add({ name: request.name, load })]]);
  }
  const paths = request.kind === 'paths' ? request.paths : await external.listFolder(request.dir, IMPORTABLE_EXTENSIONS);
  job.expect(paths.length);
  const files = paths.map((p) => ({ name: p, load: () => external.read(p, MAX_IMPORT_BYTES) }));
  return resultOf(await job.feed(files));
}

/** Lists of what happened to each file, at most LIST_LIMIT entries each (the job's events carry the counts). */
function resultOf(outcomes: Iterable<readonly [string, ImportOutcome]>): ImportResult {
  const result: ImportResult = { imported: [], rejected: [], duplicates: [] };
  for (const [name, o] of outcomes) {
    if (o.kind === 'imported' && result.imported.length < LIST_LIMIT) result.imported.push(o.id);
    else if (o.kind === 'duplicate' && result.duplicates.length < LIST_LIMIT) result.duplicates.push({ name, id: o.id });
    else if (o.kind === 'rejected' && result.rejected.length < LIST_LIMIT) result.rejected.push({ name, reason: o.reason });
    else if (o.kind === 'cancelled' && result.rejected.length < LIST_LIMIT) result.rejected.push({ name, reason: 'Not imported: the import was cancelled.' });
  }
  return result;
}

/** The bytes to write for one exported image, converted and with metadata kept or stripped. */
async function imageBytes(deps: Pick<TransferDeps, 'files' | 'media'>, record: LibraryRecord, format: ExportFormat, keep: boolean) {
  const original = await deps.files.read(record.file);
  const source = FORMAT_OF_MIME[record.mime];
  const target = format === 'original' ? source : format;
  if (!target) return { bytes: original, ext: record.file.split('.').at(-1) ?? 'bin' }; // GIF: copied as is
  if (target === source) {
    // Stored images carry the XMP packet of their ingest; a kept one is replaced (losslessly) by today's, which has
    // the current rating and tags. Strip losslessly where the container allows.
    if (keep) {
      const xmp = buildXmp(record);
      return { bytes: embedXmp(original, xmp) ?? embedXmpWebp(original, xmp) ?? original, ext: EXT[target] };
    }
    return { bytes: stripMetadata(original) ?? (await deps.media.encode(original, target, null)), ext: EXT[target] };
  }
  const encoded = await deps.media.encode(original, target, null);
  if (!keep) return { bytes: encoded, ext: EXT[target] };
  // Splice the packet into JPEG/PNG ourselves: libvips writes PNG XMP in a form common readers (exifr) miss.
  const xmp = buildXmp(record);
  return { bytes: embedXmp(encoded, xmp) ?? (await deps.media.encode(original, target, xmp)), ext: EXT[target] };
}

/** A stored video's own extension (MP4, or WebM kept as imported). */
const videoExt = (record: LibraryRecord) => record.file.split('.').at(-1) ?? 'mp4';

function exportName(record: LibraryRecord, ext: string): string {
  const day = new Date(record.createdAt).toISOString().slice(0, 10);
  return `imagine-${day}-${record.id.slice(0, 8)}.${ext}`;
}

/**
 * One item as an exported file: videos as they are, images converted and with metadata kept or stripped. Shared
 * by folder export, zips and "Save as…", so every way out of the library writes the same bytes.
 */
export async function exportedFile(
  deps: Pick<TransferDeps, 'files' | 'media'>,
  record: LibraryRecord,
  format: ExportFormat,
  keep: boolean,
): Promise<{ name: string; bytes: Uint8Array }> {
  if (record.kind === 'video') return { name: exportName(record, videoExt(record)), bytes: await deps.files.read(record.file) };
  const { bytes, ext } = await imageBytes(deps, record, format, keep);
  return { name: exportName(record, ext), bytes };
}

/** Copies items out of the library into a folder the user chose, never overwriting existing files. */
export async function exportItems(
  deps: TransferDeps,
  input: { ids: string[]; targetDir: string; format: ExportFormat; metadata: 'keep' | 'strip' },
) {
  await deps.external.checkTargetDir(input.targetDir);
  const keep = input.metadata === 'keep';
  const out: { id: string; path: string }[] = [];
  for (const record of deps.store.records(input.ids)) {
    if (record.missing) continue;
    if (record.kind === 'video') {
      const bytes = await deps.files.read(record.file);
      const path = await deps.external.writeNew(input.targetDir, exportName(record, videoExt(record)), bytes);
      if (keep) {
        const sidecar = serializeSidecar({ item: record, parents: deps.store.lineage(record.id).parents });
        await deps.external.writeNew(input.targetDir, `${path.split(/[\\/]/).at(-1)}.json`, new TextEncoder().encode(sidecar));
      }
      out.push({ id: record.id, path });
      continue;
    }
    const { bytes, ext } = await imageBytes(deps, record, input.format, keep);
    out.push({ id: record.id, path: await deps.external.writeNew(input.targetDir, exportName(record, ext), bytes) });
  }
  if (out.length === 0) fail({ kind: 'not-found', message: 'None of these items could be exported.' });
  return { files: out };
}
