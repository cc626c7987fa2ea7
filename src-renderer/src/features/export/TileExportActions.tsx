import type { LibraryRecord } from '@contract';
import { useEffect, useState } from 'react';
import { useCapabilities } from './capabilities';
import { copyImage, saveItemAs } from './export-commands';
import './export.css';

const ORIGINAL = { format: 'original', metadata: 'keep' } as const;
/** How long a button says what it just did. */
const FLASH_MS = 1500;

/**
 * Quick ways out for a finished image in the Generate grid: copy it, or save the original with its metadata
 * (a save dialog in the desktop app, a download in the browser). Success shows on the button itself, briefly (a
 * notice per copy would pile up); failures arrive as notices from the commands.
 */
export function TileExportActions(props: { record: LibraryRecord; tabIndex?: number }) {
  const caps = useCapabilities();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<'copy' | 'save' | null>(null);
  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => setDone(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [done]);
  const run = async (kind: 'copy' | 'save') => {
    setBusy(true);
    const message = await (kind === 'copy' ? copyImage(props.record) : saveItemAs(props.record, ORIGINAL));
    setBusy(false);
    if (message) setDone(kind);
  };
  const saveLabel = caps.dialogs ? 'Save…' : 'Download';
  return (
    <div className="tile-export" role="group" aria-label="Image actions">
      <button type="button" tabIndex={props.tabIndex} disabled={busy} onClick={() => void run('copy')}>
        {done === 'copy' ? 'Copied' : 'Copy image'}
      </button>
      <button type="button" tabIndex={props.tabIndex} disabled={busy} onClick={() => void run('save')}>
        {done === 'save' ? (caps.dialogs ? 'Saved' : 'Downloading') : saveLabel}
      </button>
    </div>
  );
}
