import { useState } from 'react';
import { useModal } from '../library/use-modal';
import { useCapabilities } from './capabilities';
import { exportToFolder, exportZip, MAX_ZIP_ITEMS, type ExportOptions } from './export-commands';
import { ExportOptionsFields } from './ExportOptionsFields';
import './export.css';

/**
 * Export a selection. The desktop app offers "Choose folder…" (a native dialog in main; the page never types a
 * path) and "Save as zip…"; the browser host offers "Download as zip". `onDone` gets the sentence for a toast.
 */
export function ExportDialog(props: { ids: readonly string[]; onClose(): void; onDone(message: string): void }) {
  const ref = useModal(props.onClose);
  const caps = useCapabilities();
  const [options, setOptions] = useState<ExportOptions>({ format: 'original', metadata: 'keep' });
  const [busy, setBusy] = useState<'zip' | 'folder' | null>(null);
  const n = props.ids.length;
  const tooMany = n > MAX_ZIP_ITEMS;

  const run = async (kind: 'zip' | 'folder') => {
    setBusy(kind);
    const message = await (kind === 'zip' ? exportZip : exportToFolder)(props.ids, options);
    setBusy(null);
    if (message) {
      props.onDone(message);
      props.onClose();
    }
  };

  return (
    <dialog ref={ref} className="lib-dialog" aria-labelledby="export-title">
      <form method="dialog" onSubmit={(e) => e.preventDefault()}>
        <h2 id="export-title">
          Export {n.toLocaleString()} item{n === 1 ? '' : 's'}
        </h2>
        <ExportOptionsFields value={options} onChange={setOptions} />
        {!caps.dialogs && <p className="export-hint">Your browser saves the zip to its downloads folder.</p>}
        {tooMany && <p className="export-hint">A zip takes up to {MAX_ZIP_ITEMS.toLocaleString()} items at a time.</p>}
        <div className="lib-dialog-actions">
          <button type="button" className="lib-button" onClick={props.onClose}>
            Cancel
          </button>
          {caps.dialogs && (
            <button type="button" className="lib-button" disabled={busy !== null} onClick={() => void run('folder')}>
              {busy === 'folder' ? 'Exporting…' : 'Choose folder…'}
            </button>
          )}
          <button type="button" className="lib-button lib-primary" autoFocus disabled={busy !== null || tooMany} onClick={() => void run('zip')}>
            {busy === 'zip' ? 'Making zip…' : caps.dialogs ? 'Save as zip…' : 'Download as zip'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
