import type { ReactNode } from 'react';
import { useModal } from './use-modal';

/** A yes/no question for destructive actions; the safe button has focus first. */
export function ConfirmDialog(props: {
  title: string;
  confirmLabel: string;
  children: ReactNode;
  onConfirm(): void;
  onClose(): void;
}) {
  const ref = useModal(props.onClose);
  return (
    <dialog ref={ref} className="lib-dialog" aria-labelledby="lib-confirm-title">
      <h2 id="lib-confirm-title">{props.title}</h2>
      <p>{props.children}</p>
      <div className="lib-dialog-actions">
        <button type="button" className="lib-button" autoFocus onClick={props.onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="lib-button lib-danger"
          onClick={() => {
            props.onConfirm();
            props.onClose();
          }}
        >
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
