import { useState } from 'react';
import { useStudio } from '../../stores/store';
import { ConfirmDialog } from './ConfirmDialog';
import { ExportDialog } from '../export/ExportDialog';
import { formatCount } from './format';
import { addToCollection, emptyTrash, restoreItems, setFavorite, showToast, trashItems } from './item-commands';
import { EMPTY_SELECTION, orderedSelection } from './selection';
import { BulkTagsDialog } from './BulkTagsDialog';
import { setRating } from './organize-commands';

/** Actions on the selection, shown while anything is selected. */
export function BulkBar() {
  const selected = useStudio((s) => s.library.selection.selected);
  const ids = useStudio((s) => s.library.ids);
  const records = useStudio((s) => s.library.records);
  useStudio((s) => s.library.recordsVersion); // the cache is mutated in place: re-render when it changes
  const view = useStudio((s) => s.library.view);
  const collections = useStudio((s) => s.library.collections);
  const setSelection = useStudio((s) => s.setLibrarySelection);
  const [exporting, setExporting] = useState<string[] | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string[] | null>(null);
  const [tagging, setTagging] = useState<string[] | null>(null);
  if (selected.size === 0) return null;

  const list = () => orderedSelection(ids, selected);
  const allFavorite = [...selected].every((id) => records.get(id)?.favorite);
  const trash = view.kind === 'trash';

  return (
    <div className="lib-bulk" role="toolbar" aria-label="Selection actions">
      <span className="lib-bulk-count">{formatCount(selected.size)} selected</span>
      {trash ? (
        <>
          <button type="button" className="lib-button" onClick={() => void restoreItems(list())}>
            Restore
          </button>
          <button type="button" className="lib-button lib-danger" onClick={() => setConfirmDelete(list())}>
            Delete forever
          </button>
        </>
      ) : (
        <>
          <button type="button" className="lib-button" aria-pressed={allFavorite} onClick={() => void setFavorite(list(), !allFavorite)}>
            {allFavorite ? '★ Unfavorite' : '☆ Favorite'}
          </button>
          <button type="button" className="lib-button" onClick={() => setTagging(list())}>
            Tags…
          </button>
          <label className="lib-field">
            <span className="visually-hidden">Rate</span>
            <select aria-label="Rate selection" value="" onChange={(e) => e.target.value !== '' && void setRating(list(), Number(e.target.value))}>
              <option value="">Rate…</option>
              {[5, 4, 3, 2, 1].map((n) => (
                <option key={n} value={n}>
                  {'★'.repeat(n)}
                </option>
              ))}
              <option value="0">No rating</option>
            </select>
          </label>
          <label className="lib-field">
            <span className="visually-hidden">Add to collection</span>
            <select
              aria-label="Add to collection"
              value=""
              disabled={collections.length === 0}
              onChange={(e) => {
                const target = collections.find((c) => c.id === e.target.value);
                if (target) void addToCollection(target, list());
              }}
            >
              <option value="">{collections.length ? 'Add to collection…' : 'No collections'}</option>
              {collections.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="lib-button" onClick={() => setExporting(list())}>
            Export…
          </button>
          <button type="button" className="lib-button lib-danger" onClick={() => void trashItems(list())}>
            Move to trash
          </button>
        </>
      )}
      <button type="button" className="lib-button lib-quiet" onClick={() => setSelection(EMPTY_SELECTION)}>
        Clear selection
      </button>
      {tagging && <BulkTagsDialog ids={tagging} onClose={() => setTagging(null)} />}
      {exporting && <ExportDialog ids={exporting} onClose={() => setExporting(null)} onDone={(message) => showToast(message)} />}
      {confirmDelete && (
        <ConfirmDialog
          title={`Delete ${formatCount(confirmDelete.length)} forever?`}
          confirmLabel="Delete forever"
          onConfirm={() => void emptyTrash(confirmDelete)}
          onClose={() => setConfirmDelete(null)}
        >
          The files are removed from this computer, and their share links stop working. This cannot be undone.
        </ConfirmDialog>
      )}
    </div>
  );
}
