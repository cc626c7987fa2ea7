import type { ExportDelivery, ExportFormat, LibraryItemDetail, LibraryRecord } from '@contract';
import { fail } from '../../core/app-error';
import type { PathGrants } from '../../core/desktop/path-grants';
import type { ExportFiles, FileSink } from '../../core/desktop/export-files';
import type { LibraryFiles, MediaProcessor } from '../../core/library/ports';
import { exportedFile } from '../library/transfer';
import type { Downloads } from './downloads';
import { buildManifest } from './manifest';
import { createZipWriter } from './zip-writer';

export interface ExportServiceDeps {
  library: { records(ids: readonly string[]): LibraryRecord[]; item(id: string): LibraryItemDetail };
  files: LibraryFiles;
  media: MediaProcessor;
  out: ExportFiles;
  grants: PathGrants;
  downloads: Downloads;
  now(): number;
}

export interface ExportRequest {
  format: ExportFormat;
  metadata: 'keep' | 'strip';
  /** A `save-file` token from `desktop:choose-save`; none means a browser download. */
  saveTo?: string;
}

const MIME: Record<string, string> = {
  jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', mp4: 'video/mp4', webm: 'video/webm', zip: 'application/zip',
};
const mimeOf = (name: string) => MIME[name.split('.').at(-1)?.toLowerCase() ?? ''] ?? 'application/octet-stream';

/** Zips and single files out of the library, saved where a dialog said (Electron) or handed to the browser once. */
export function createExportService(deps: ExportServiceDeps) {
  /** Opens the destination: the path behind a save token, or a fresh one-time download. */
  async function destination(name: string, saveTo: string | undefined) {
    if (saveTo === undefined) {
      const download = await deps.downloads.create(name, mimeOf(name));
      return {
        sink: download.sink,
        deliver: (files: number, bytes: number): ExportDelivery => ({
          kind: 'download', url: `/download/${download.publish()}`, name, files, bytes,
        }),
      };
    }
    const target = deps.grants.take(saveTo, 'save-file');
    if (!target) fail({ kind: 'validation', message: 'That save location has expired. Choose it again.', issues: [] });
    return {
      sink: await deps.out.create(target),
      deliver: (files: number, bytes: number): ExportDelivery => ({ kind: 'saved', path: target, files, bytes }),
    };
  }

  /** Runs `work` into `sink`, dropping the half-written file if anything fails. */
  async function writing<T>(sink: FileSink, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      await sink.abort().catch(() => undefined);
      throw err;
    }
  }

  const present = (ids: readonly string[]) => {
    const found = deps.library.records(ids).filter((r) => !r.missing);
    if (found.length === 0) fail({ kind: 'not-found', message: 'None of these items could be exported.' });
    return found;
  };

  return {
    /** The items as one zip, with `metadata.json` when metadata is kept (stripping means: share no prompts). */
    async zip(ids: readonly string[], request: ExportRequest): Promise<ExportDelivery> {
      const records = present(ids);
      const day = new Date(deps.now()).toISOString().slice(0, 10);
      const { sink, deliver } = await destination(`imagine-export-${day}-${records.length}-items.zip`, request.saveTo);
      return writing(sink, async () => {
        const zip = createZipWriter(sink);
        const keep = request.metadata === 'keep';
        const entries: { file: string; detail: LibraryItemDetail }[] = [];
        for (const record of records) {
          const { name, bytes } = await exportedFile(deps, record, request.format, keep);
          const file = zip.unique(name);
          await zip.add(file, bytes, { mtime: record.createdAt });
          if (keep) entries.push({ file, detail: deps.library.item(record.id) });
        }
        if (keep) {
          const manifest = buildManifest(entries, { exportedAt: deps.now(), format: request.format });
          await zip.add(zip.unique('metadata.json'), new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`), { compress: true });
        }
        return deliver(records.length, await zip.finish());
      });
    },
    /** One item as a file ("Save as…"). */
    async saveAs(id: string, request: ExportRequest): Promise<ExportDelivery> {
      const [record] = present([id]);
      const file = await exportedFile(deps, record as LibraryRecord, request.format, request.metadata === 'keep');
      const { sink, deliver } = await destination(file.name, request.saveTo);
      return writing(sink, async () => {
        await sink.write(file.bytes);
        return deliver(1, await sink.commit());
      });
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;
