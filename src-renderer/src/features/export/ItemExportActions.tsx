import type { LibraryRecord } from '@contract';
import { useState } from 'react';
import { useCapabilities } from './capabilities';
import { copyImage, revealItem } from './export-commands';
import { SaveAsDialog } from './SaveAsDialog';

/**
 * One item's ways out, for the lightbox: "Save as…", "Copy image" and, where the shell has a file manager,
 * "Show in folder". Actions this shell cannot do are not rendered at all.
 */
export function ItemExportActions(props: { record: LibraryRecord; onDone(message: string): void }) {
  const { record } = props;
  const caps = useCapabilities();
  const [saving, setSaving] = useState(false);
  const [copied, setCopied] = useState(false);
  const usable = !record.missing;
  const copy = async () => {
    const message = await copyImage(record);
    if (!message) return;
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <>
      <button type="button" className="lib-button" disabled={!usable} onClick={() => setSaving(true)}>
        Save as…
      </button>
      {record.kind === 'image' && (
        <button type="button" className="lib-button" disabled={!usable} onClick={() => void copy()}>
          {copied ? 'Copied image' : 'Copy image'}
        </button>
      )}
      {caps.reveal && (
        <button type="button" className="lib-button" disabled={!usable} onClick={() => void revealItem(record.id)}>
          Show in folder
        </button>
      )}
      {saving && <SaveAsDialog record={record} onClose={() => setSaving(false)} onDone={props.onDone} />}
    </>
  );
}
