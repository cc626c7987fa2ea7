import type { LibraryRecord } from '@contract';
import { useState } from 'react';
import { useStudio } from '../../stores/store';
import { useCapabilities } from './capabilities';
import { copyImage, saveItemAs } from './export-commands';
import './export.css';

const ORIGINAL = { format: 'original', metadata: 'keep' } as const;

/**
 * Quick ways out for a finished image in the Generate grid: copy it, or save the original with its metadata
 * (a save dialog in the desktop app, a download in the browser). Outcomes are announced as notices.
 */
export function TileExportActions(props: { record: LibraryRecord }) {
  const caps = useCapabilities();
  const [busy, setBusy] = useState(false);
  const say = (message: string | null) => message && useStudio.getState().pushNotice('info', message);
  const run = async (work: () => Promise<string | null>) => {
    setBusy(true);
    say(await work());
    setBusy(false);
  };
  return (
    <div className="tile-export" role="group" aria-label="Image actions">
      <button type="button" disabled={busy} onClick={() => void run(() => copyImage(props.record))}>
        Copy image
      </button>
      <button type="button" disabled={busy} onClick={() => void run(() => saveItemAs(props.record, ORIGINAL))}>
        {caps.dialogs ? 'Save…' : 'Download'}
      </button>
    </div>
  );
}
