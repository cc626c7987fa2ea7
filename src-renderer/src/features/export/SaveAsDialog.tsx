import type { LibraryRecord } from '@contract';
import { useState } from 'react';
import { useModal } from '../library/use-modal';
import { useCapabilities } from './capabilities';
import { saveItemAs, type ExportOptions } from './export-commands';
import { ExportOptionsFields } from './ExportOptionsFields';

/** "Save as…" for one item: original or converted, metadata kept (IPTC DigitalSourceType included) or stripped. */
export function SaveAsDialog(props: { record: LibraryRecord; onClose(): void; onDone(message: string): void }) {
  const ref = useModal(props.onClose);
  const caps = useCapabilities();
  const [options, setOptions] = useState<ExportOptions>({ format: 'original', metadata: 'keep' });
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    const message = await saveItemAs(props.record, options);
    setBusy(false);
    if (message) {
      props.onDone(message);
      props.onClose();
    }
  };
  return (
    // Keys stay here: the lightbox around this dialog would step to another item on ←/→ in the format list.
    <dialog ref={ref} className="lib-dialog" aria-labelledby="save-as-title" onKeyDown={(e) => e.stopPropagation()}>
      <form method="dialog" onSubmit={(e) => e.preventDefault()}>
        <h2 id="save-as-title">Save {props.record.kind === 'video' ? 'video' : 'image'} as</h2>
        <ExportOptionsFields value={options} onChange={setOptions} video={props.record.kind === 'video'} />
        <div className="lib-dialog-actions">
          <button type="button" className="lib-button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="button" className="lib-button lib-primary" autoFocus disabled={busy} onClick={() => void save()}>
            {busy ? 'Saving…' : caps.dialogs ? 'Save…' : 'Download'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
