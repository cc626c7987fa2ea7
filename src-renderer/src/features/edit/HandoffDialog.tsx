import { useModal } from '../library/use-modal';

/**
 * Asked when an item is handed to Edit while the canvas holds work that was never sent: the user decides whether the
 * item replaces that work or joins it (issue 14: a hand-off never silently makes a composite).
 */
export function HandoffDialog(props: { onReplace(): void; onAdd(): void; onClose(): void; canAdd: boolean; addNote?: string }) {
  const ref = useModal(props.onClose);
  return (
    <dialog ref={ref} className="lib-dialog" aria-labelledby="edit-handoff-title">
      <h2 id="edit-handoff-title">The canvas has unsent work</h2>
      <p>Replace the images on the canvas with this one, or add it as another source?</p>
      {!props.canAdd && <p className="muted">{props.addNote ?? 'The canvas is full for this model, so it can only replace.'}</p>}
      <div className="lib-dialog-actions">
        <button type="button" className="lib-button" onClick={props.onClose}>Cancel</button>
        <button type="button" className="lib-button" disabled={!props.canAdd} onClick={() => { props.onAdd(); props.onClose(); }}>Add</button>
        <button type="button" className="lib-button" autoFocus onClick={() => { props.onReplace(); props.onClose(); }}>Replace</button>
      </div>
    </dialog>
  );
}
