/**
 * Import from the OS: dropped or picked files are read in the page (the browser host gives them no path), sent
 * one at a time as base64 to `library:import`, with progress and a clear reason for each rejected file.
 */
import { invoke } from '../../lib/api';
import { useStudio } from '../../stores/store';
import { formatCount } from './format';
import { showToast } from './item-commands';
import { errorText } from './query-commands';

/** The contract caps base64 at 90 MB of text, i.e. about 64 MB of file. */
const MAX_BYTES = 64 * 1024 * 1024;

export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    // A data URL is base64 already; strip its `data:<mime>;base64,` prefix.
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.readAsDataURL(file);
  });
}

export async function importFiles(files: readonly File[]): Promise<void> {
  const patch = useStudio.getState().patchLibrary;
  if (files.length === 0) return;
  const errors: { name: string; reason: string }[] = [];
  let imported = 0;
  patch({ importing: { total: files.length, done: 0, current: files[0]?.name ?? null, errors } });
  for (const [i, file] of files.entries()) {
    patch({ importing: { total: files.length, done: i, current: file.name, errors: [...errors] } });
    try {
      if (file.size > MAX_BYTES) throw new Error('Larger than 64 MB.');
      const base64 = await readAsBase64(file);
      const result = await invoke('library:import', { source: { kind: 'bytes', name: file.name.slice(0, 255), base64 } });
      imported += result.imported.length;
      errors.push(...result.rejected.map((r) => ({ name: r.name || file.name, reason: r.reason })));
    } catch (err) {
      errors.push({ name: file.name, reason: errorText(err) });
    }
  }
  // Keep the panel open while there are errors to read; otherwise a toast says what happened.
  patch({ importing: errors.length > 0 ? { total: files.length, done: files.length, current: null, errors } : null });
  if (imported > 0) showToast(`Imported ${formatCount(imported)}.`);
}
