import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * A row of the Library's side list that can be renamed in place and deleted after a confirmation: collections and
 * smart collections share it and supply only their view button (`children`) and what deleting means.
 */
export function RenamableListItem(props: {
  name: string;
  onRename(name: string): void;
  confirmLabel: string;
  deleteText: ReactNode;
  onDelete(): void;
  children: ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(props.name);
  const [confirming, setConfirming] = useState(false);

  if (editing) {
    return (
      <li>
        <form
          className="lib-new-collection"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) props.onRename(name.trim());
            setEditing(false);
          }}
        >
          <input
            aria-label={`Rename ${props.name}`}
            value={name}
            maxLength={120}
            autoFocus
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setEditing(false))}
          />
          <button type="submit" className="lib-button">
            Save
          </button>
        </form>
      </li>
    );
  }
  return (
    <li className="lib-collection">
      {props.children}
      <button type="button" className="lib-icon" aria-label={`Rename ${props.name}`} onClick={() => (setName(props.name), setEditing(true))}>
        ✎
      </button>
      <button type="button" className="lib-icon" aria-label={`Delete ${props.name}`} onClick={() => setConfirming(true)}>
        ✕
      </button>
      {confirming && (
        <ConfirmDialog title={`Delete “${props.name}”?`} confirmLabel={props.confirmLabel} onConfirm={props.onDelete} onClose={() => setConfirming(false)}>
          {props.deleteText}
        </ConfirmDialog>
      )}
    </li>
  );
}
