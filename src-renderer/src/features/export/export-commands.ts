/**
 * Getting media out. In Electron every destination comes from a native dialog in main,
 * which hands back a token; in the browser host exports become one-time browser downloads. Commands return a
 * sentence for the caller's toast, or null when there is nothing to say (cancelled, or failed with a notice).
 */
import type { ExportDelivery, ExportFormat, LibraryRecord } from '@contract';
import { invoke, mediaUrl } from '../../lib/api';
import { useStudio } from '../../stores/store';
import { capabilities } from './capabilities';
import { copyImageFromUrl } from './web-clipboard';

export interface ExportOptions {
  format: ExportFormat;
  metadata: 'keep' | 'strip';
}

/** The contract's bound per call; a zip has to be one call. */
export const MAX_ZIP_ITEMS = 5_000;
const FOLDER_BATCH = 5_000;

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));
const failed = (what: string, err: unknown) => {
  useStudio.getState().pushNotice('error', `${what}: ${errorText(err)}`);
  return null;
};
const count = (n: number, noun = 'item') => `${n.toLocaleString()} ${noun}${n === 1 ? '' : 's'}`;

/** Lets the browser save a same-origin download (the host serves it once, as an attachment). */
export function startBrowserDownload(url: string, name: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

/** Where to save, when the shell has dialogs: a token, null when cancelled; undefined means "download instead". */
async function saveTarget(suggestedName: string, kind: 'zip' | 'image' | 'video'): Promise<string | null | undefined> {
  if (!capabilities().dialogs) return undefined;
  const { file } = await invoke('desktop:choose-save', { suggestedName, kind });
  return file ? file.token : null;
}

function delivered(delivery: ExportDelivery, what: string): string {
  if (delivery.kind === 'saved') return `Saved ${what} to ${delivery.path}.`;
  startBrowserDownload(delivery.url, delivery.name);
  return `Downloading ${delivery.name}.`;
}

/** The items as one zip (with metadata.json unless metadata is stripped). */
export async function exportZip(ids: readonly string[], options: ExportOptions): Promise<string | null> {
  if (ids.length === 0) return null;
  if (ids.length > MAX_ZIP_ITEMS) return failed('Could not export', new Error(`A zip takes up to ${MAX_ZIP_ITEMS.toLocaleString()} items at a time.`));
  try {
    const day = new Date().toISOString().slice(0, 10);
    const saveTo = await saveTarget(`imagine-export-${day}-${ids.length}-items.zip`, 'zip');
    if (saveTo === null) return null;
    const delivery = await invoke('library:export-zip', { ids: [...ids], ...options, ...(saveTo ? { saveTo } : {}) });
    return delivered(delivery, `a zip of ${count(delivery.files)}`);
  } catch (err) {
    return failed('Could not export', err);
  }
}

/** Files into a folder the user picks in a native dialog (Electron only), in batches under one choice. */
export async function exportToFolder(ids: readonly string[], options: ExportOptions): Promise<string | null> {
  if (ids.length === 0) return null;
  try {
    const { folder } = await invoke('desktop:choose-folder', { title: `Export ${count(ids.length)} to` });
    if (!folder) return null;
    let token = folder.token;
    let files = 0;
    for (let at = 0; at < ids.length; at += FOLDER_BATCH) {
      const result = await invoke('library:export', { ids: ids.slice(at, at + FOLDER_BATCH), folder: token, ...options });
      files += result.files.length;
      token = result.folder; // each call spends its token and hands out the next
    }
    return `Exported ${count(files, 'file')} to ${folder.label}.`;
  } catch (err) {
    return failed('Could not export', err);
  }
}

/** One item as a file: a save dialog in Electron, a download in the browser. */
export async function saveItemAs(record: LibraryRecord, options: ExportOptions): Promise<string | null> {
  try {
    const ext = record.kind === 'video' ? 'mp4' : options.format === 'original' ? (record.file.split('.').at(-1) ?? 'jpg') : options.format === 'jpeg' ? 'jpg' : options.format;
    const saveTo = await saveTarget(`imagine-${record.id.slice(0, 8)}.${ext}`, record.kind);
    if (saveTo === null) return null;
    const delivery = await invoke('library:save-as', { id: record.id, ...options, ...(saveTo ? { saveTo } : {}) });
    return delivered(delivery, 'the file');
  } catch (err) {
    return failed('Could not save', err);
  }
}

/** The image on the clipboard: main puts it there in Electron, the page does in the browser. */
export async function copyImage(record: Pick<LibraryRecord, 'id' | 'file'>): Promise<string | null> {
  try {
    if (capabilities().nativeClipboard) await invoke('desktop:copy-image', { id: record.id });
    else await copyImageFromUrl(mediaUrl(record.file));
    return 'Image copied.';
  } catch (err) {
    return failed('Could not copy the image', err);
  }
}

/** Shows the item's file in the OS file manager (Electron only; the action is hidden elsewhere). */
export async function revealItem(id: string): Promise<void> {
  try {
    await invoke('desktop:reveal', { id });
  } catch (err) {
    failed('Could not show the file', err);
  }
}
