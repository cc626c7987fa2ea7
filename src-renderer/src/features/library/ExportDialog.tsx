import { useState } from 'react';
import { formatCount } from './format';
import { exportItems } from './item-commands';
import { useModal } from './use-modal';

/**
 * Export target and format. The browser host cannot open a native folder picker, so the folder is typed;
 * main re-validates the path.
 */
export function ExportDialog(props: { ids: string[]; onClose(): void }) {
  const ref = useModal(props.onClose);
  const [targetDir, setTargetDir] = useState('');
  const [format, setFormat] = useState<'original' | 'png' | 'jpeg' | 'webp'>('original');
  const [metadata, setMetadata] = useState<'keep' | 'strip'>('keep');
  const [busy, setBusy] = useState(false);
  return (
    <dialog ref={ref} className="lib-dialog" aria-labelledby="lib-export-title">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          void exportItems(props.ids, { targetDir: targetDir.trim(), format, metadata }).then((ok) => {
            setBusy(false);
            if (ok) props.onClose();
          });
        }}
      >
        <h2 id="lib-export-title">Export {formatCount(props.ids.length)}</h2>
        <label className="lib-field lib-stack">
          <span>Target folder</span>
          <input required autoFocus placeholder="/home/me/Pictures/export" value={targetDir} onChange={(e) => setTargetDir(e.target.value)} />
        </label>
        <label className="lib-field lib-stack">
          <span>Format</span>
          <select value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
            <option value="original">Original files</option>
            <option value="png">PNG</option>
            <option value="jpeg">JPEG</option>
            <option value="webp">WebP</option>
          </select>
        </label>
        <label className="lib-check-field">
          <input type="checkbox" checked={metadata === 'strip'} onChange={(e) => setMetadata(e.target.checked ? 'strip' : 'keep')} />
          Strip metadata (prompt, provenance)
        </label>
        <div className="lib-dialog-actions">
          <button type="button" className="lib-button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="lib-button lib-primary" disabled={busy || !targetDir.trim()}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
