/**
 * "Import…" and "Import folder…" in the desktop app: a native dialog in main, which hands back one token per file
 * (or one for the folder); main reads the files by those tokens (no bytes through IPC, no paths from the page). The
 * browser host keeps the file inputs and drops, which send bytes.
 */
import { invoke } from '../../lib/api';
import { importByTokens } from '../library/import-commands';
import { useStudio } from '../../stores/store';

export async function importChosenFiles(): Promise<void> {
  try {
    const { files } = await invoke('desktop:choose-files', {});
    if (files.length === 0) return; // cancelled
    await importByTokens({ kind: 'chosen', tokens: files.map((f) => f.token), label: files.length === 1 ? (files[0]?.label ?? null) : null });
  } catch (err) {
    useStudio.getState().pushNotice('error', `Could not import: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function importChosenFolder(): Promise<void> {
  try {
    const { folder } = await invoke('desktop:choose-folder', { title: 'Import a folder', purpose: 'import' });
    if (!folder) return; // cancelled
    await importByTokens({ kind: 'folder', token: folder.token, label: folder.label });
  } catch (err) {
    useStudio.getState().pushNotice('error', `Could not import: ${err instanceof Error ? err.message : String(err)}`);
  }
}
