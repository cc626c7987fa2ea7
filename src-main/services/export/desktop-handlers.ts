import path from 'node:path';
import type { LibraryRecord } from '@contract';
import { fail } from '../../core/app-error';
import { NO_DESKTOP, type DesktopIntegration, type DialogFilter } from '../../core/desktop/ports';
import type { PathGrants } from '../../core/desktop/path-grants';
import type { LibraryFiles } from '../../core/library/ports';
import type { Handlers } from '../../ipc/handlers';
import type { LibraryService } from '../library/library-service';
import { IMPORTABLE_EXTENSIONS } from '../library/transfer';
import type { ExportService } from './export-service';

export type DesktopChannel =
  | 'desktop:capabilities'
  | 'desktop:choose-folder'
  | 'desktop:choose-files'
  | 'desktop:choose-save'
  | 'desktop:reveal'
  | 'desktop:start-drag'
  | 'desktop:copy-image'
  | 'library:import'
  | 'library:export'
  | 'library:export-zip'
  | 'library:save-as';

export interface DesktopHandlerDeps {
  desktop: DesktopIntegration | null;
  grants: PathGrants;
  library: Pick<LibraryService, 'records' | 'importFiles' | 'exportItems'>;
  files: LibraryFiles;
  exports: ExportService;
  /** Re-encodes an image as PNG, shrunk to fit `size` when given (drag icons, clipboard from WebP). */
  toPng(bytes: Uint8Array, size?: number): Promise<Uint8Array>;
}

const IMAGES: DialogFilter[] = [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'webp', 'gif'] }];
/** What `library:import` takes (it judges each file by its bytes; the filter only narrows the dialog). */
const IMPORTABLE: DialogFilter[] = [{ name: 'Images and videos', extensions: [...IMPORTABLE_EXTENSIONS] }];
const SAVE_FILTERS: Record<'zip' | 'image' | 'video', DialogFilter[]> = {
  zip: [{ name: 'Zip archive', extensions: ['zip'] }],
  image: IMAGES,
  video: [{ name: 'Video', extensions: ['mp4', 'webm'] }],
};
const DRAG_ICON_PX = 96;
const FOLDER_TITLES = { export: 'Choose a folder', import: 'Import a folder', library: 'Choose a library folder' } as const;
const FOLDER_PURPOSES = { export: 'export-folder', import: 'import-folder', library: 'library-folder' } as const;
/** A plain 32 px tile for drags whose thumbnail cannot be read: macOS refuses a drag with an empty icon. */
const FALLBACK_ICON = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAACXBIWXMAAAPoAAAD6AG1e1JrAAAARElEQVRYhe3XsQ0AMAgDwYz9QzAnc2SLpLmCHgljv0/N/pxjgZwgIhxvuIwoVpwwGnG8gCRIFigdWL6KSapZyuk818EFVOaIiBoWjzwAAAAASUVORK5CYII='),
  (c) => c.charCodeAt(0),
);

/**
 * The desktop channels, and the library's import/export by path, which accept only tokens main issued after a
 * native dialog. Everything a shell cannot do fails as `validation`: the renderer hides those actions, so only a
 * confused or compromised page gets here.
 */
export function createDesktopHandlers(deps: DesktopHandlerDeps): Pick<Handlers, DesktopChannel> {
  const { grants, library } = deps;
  const native = (): DesktopIntegration =>
    deps.desktop ?? fail({ kind: 'validation', message: 'This needs the desktop app.', issues: [] });
  const item = (id: string): LibraryRecord => {
    const record = library.records([id])[0];
    if (!record || record.missing) fail({ kind: 'not-found', message: 'This item or its file is no longer in the library.' });
    return record;
  };

  return {
    'desktop:capabilities': () => deps.desktop?.capabilities ?? NO_DESKTOP,
    'desktop:choose-folder': async ({ title, purpose }, sender) => {
      const dir = await native().chooseFolder({ title: title ?? FOLDER_TITLES[purpose], window: sender?.window });
      return { folder: dir ? { token: grants.issue(dir, FOLDER_PURPOSES[purpose]), label: dir } : null };
    },
    'desktop:choose-files': async (_input, sender) => {
      const paths = await native().chooseFiles({ title: 'Import images and videos', filters: IMPORTABLE, window: sender?.window });
      return { files: paths.slice(0, 1000).map((p) => ({ token: grants.issue(p, 'import-file'), label: path.basename(p) })) };
    },
    'desktop:choose-save': async ({ suggestedName, kind }, sender) => {
      // Only a bare name reaches the dialog: a suggested `../../x` must not pick the starting folder.
      const name = path.basename(suggestedName.replaceAll('\\', '/')).replace(/[\0:*?"<>|]/g, '_') || 'export';
      const file = await native().chooseSavePath({ suggestedName: name, filters: SAVE_FILTERS[kind], window: sender?.window });
      return { file: file ? { token: grants.issue(file, 'save-file'), label: file } : null };
    },
    'desktop:reveal': ({ id }) => {
      native().reveal(deps.files.absolute(item(id).file));
      return {};
    },
    'desktop:start-drag': async ({ ids }, sender) => {
      const desktop = native();
      if (sender?.window === undefined) fail({ kind: 'validation', message: 'No window to drag from.', issues: [] });
      const records = library.records(ids).filter((r) => !r.missing);
      const first = records[0] ?? fail({ kind: 'not-found', message: 'These items are no longer in the library.' });
      const icon = await deps.files
        .read(first.thumb ?? first.file)
        .then((bytes) => deps.toPng(bytes, DRAG_ICON_PX))
        .catch(() => FALLBACK_ICON);
      desktop.startDrag(sender.window, records.map((r) => deps.files.absolute(r.file)), icon);
      return {};
    },
    'desktop:copy-image': async ({ id }) => {
      const desktop = native();
      const record = item(id);
      if (record.kind !== 'image') fail({ kind: 'validation', message: 'Only images can be copied.', issues: [] });
      // The OS clipboard takes PNG and JPEG files directly; WebP and GIF go through a PNG first.
      if (record.mime === 'image/png' || record.mime === 'image/jpeg') await desktop.copyImage({ path: deps.files.absolute(record.file) });
      else await desktop.copyImage({ png: await deps.toPng(await deps.files.read(record.file)) });
      return {};
    },
    'library:import': async ({ source, job }) => {
      if (source.kind === 'bytes') return library.importFiles(source, job);
      if (source.kind === 'folder') {
        const dir = grants.take(source.token, 'import-folder');
        if (!dir) fail({ kind: 'validation', message: 'That folder choice has expired. Choose the folder again.', issues: [] });
        return library.importFiles({ kind: 'folder', dir }, job);
      }
      const paths: string[] = [];
      const expired: { name: string; reason: string }[] = [];
      for (const token of source.tokens) {
        const p = grants.take(token, 'import-file');
        if (p) paths.push(p);
        else expired.push({ name: 'A chosen file', reason: 'This choice has expired or was used already. Choose the files again.' });
      }
      const result = paths.length ? await library.importFiles({ kind: 'paths', paths }, job) : { imported: [], rejected: [], duplicates: [] };
      return { ...result, rejected: [...result.rejected, ...expired] };
    },
    'library:export': async ({ ids, folder, format, metadata }) => {
      const dir = grants.take(folder, 'export-folder');
      if (!dir) fail({ kind: 'validation', message: 'That folder choice has expired. Choose the folder again.', issues: [] });
      const { files } = await library.exportItems({ ids, targetDir: dir, format, metadata });
      // Single-use tokens, yet one choice must cover a selection exported in several calls: hand out the next one.
      return { files, folder: grants.issue(dir, 'export-folder') };
    },
    'library:export-zip': ({ ids, ...request }) => deps.exports.zip(ids, request),
    'library:save-as': ({ id, ...request }) => deps.exports.saveAs(id, request),
  };
}
