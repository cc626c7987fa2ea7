import { useState } from 'react';
import { saveSmartCollection } from './smart-commands';
import { useModal } from './use-modal';

/** Names the current search + filters as a smart collection. */
export function SaveSmartDialog(props: { summary: string; onClose(): void }) {
  const ref = useModal(props.onClose);
  const [name, setName] = useState('');
  return (
    <dialog ref={ref} className="lib-dialog" aria-labelledby="lib-smart-title">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          void saveSmartCollection(name.trim()).then((c) => c && props.onClose());
        }}
      >
        <h2 id="lib-smart-title">Save as smart collection</h2>
        <p className="lib-dialog-note">It keeps this search and these filters, and always shows what matches them now: {props.summary}</p>
        <label className="lib-field lib-stack">
          <span>Name</span>
          <input autoFocus value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
        </label>
        <div className="lib-dialog-actions">
          <button type="button" className="lib-button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="lib-button lib-primary" disabled={!name.trim()}>
            Save
          </button>
        </div>
      </form>
    </dialog>
  );
}
