import { useEffect } from 'react';
import { useStudio } from '../../stores/store';
import { restoreItems } from './item-commands';

/** How long a toast (and its Undo) stays: long enough to notice a mistake. */
const TOAST_MS = 8000;

/** The last action's outcome, with Undo for trashing. Announced politely; the timer pauses while hovered. */
export function UndoToast() {
  const toast = useStudio((s) => s.library.toast);
  const patch = useStudio((s) => s.patchLibrary);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => {
      if (useStudio.getState().library.toast?.id === toast.id) patch({ toast: null });
    }, TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast, patch]);

  return (
    <div className="lib-toast-region" role="status" aria-live="polite">
      {toast && (
        <div className="lib-toast">
          <span>{toast.message}</span>
          {toast.undoIds && (
            <button
              type="button"
              className="lib-button lib-primary"
              onClick={() => {
                const ids = toast.undoIds ?? [];
                patch({ toast: null });
                void restoreItems(ids);
              }}
            >
              Undo
            </button>
          )}
          <button type="button" className="lib-icon" aria-label="Dismiss" onClick={() => patch({ toast: null })}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
