import { useEffect, useRef, useState } from 'react';
import { useStudio } from '../../stores/store';
import { NOTICE_MS } from '../shell/NoticeList';
import { restoreItems } from './item-commands';

/**
 * The last action's outcome, with Undo for trashing. Announced politely; it goes after NOTICE_MS like every
 * informational notice, and the time stands still while it is hovered or holds the focus.
 */
export function UndoToast() {
  const toast = useStudio((s) => s.library.toast);
  const patch = useStudio((s) => s.patchLibrary);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const remaining = useRef({ id: -1, ms: NOTICE_MS });
  const paused = hovered || focused;
  useEffect(() => {
    if (!toast || paused) return;
    if (remaining.current.id !== toast.id) remaining.current = { id: toast.id, ms: NOTICE_MS };
    const started = Date.now();
    const timer = setTimeout(() => {
      if (useStudio.getState().library.toast?.id === toast.id) patch({ toast: null });
    }, remaining.current.ms);
    return () => {
      clearTimeout(timer);
      remaining.current.ms = Math.max(0, remaining.current.ms - (Date.now() - started));
    };
  }, [toast, patch, paused]);

  return (
    <div
      className="lib-toast-region"
      role="status"
      aria-live="polite"
      onPointerEnter={() => setHovered(true)}
      onPointerLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
      }}
    >
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
