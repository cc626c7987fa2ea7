/**
 * "Import…" in the desktop app: a native open dialog in main, which hands back one token per file; main reads
 * the files by those tokens (no bytes through IPC, no paths from the page). The browser host keeps the file input
 * and drops, which send bytes.
 */
import { invoke } from '../../lib/api';
import { useStudio } from '../../stores/store';
import { showToast } from '../library/item-commands';

export async function importChosenFiles(): Promise<void> {
  const patch = useStudio.getState().patchLibrary;
  try {
    const { files } = await invoke('desktop:choose-files', {});
    if (files.length === 0) return; // cancelled
    patch({ importing: { total: files.length, done: 0, current: files.length === 1 ? (files[0]?.label ?? null) : null, errors: [] } });
    const result = await invoke('library:import', { source: { kind: 'chosen', tokens: files.map((f) => f.token) } });
    // Same ending as a drop: the panel stays while there are refusals to read, else a toast says how many came in.
    patch({ importing: result.rejected.length > 0 ? { total: files.length, done: files.length, current: null, errors: result.rejected } : null });
    if (result.imported.length > 0) showToast(`Imported ${result.imported.length.toLocaleString()} file${result.imported.length === 1 ? '' : 's'}.`);
  } catch (err) {
    patch({ importing: null });
    useStudio.getState().pushNotice('error', `Could not import: ${err instanceof Error ? err.message : String(err)}`);
  }
}
