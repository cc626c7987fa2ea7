import { useCallback, type KeyboardEvent } from 'react';
import { useStudio } from '../../stores/store';
import { setFavorite, trashItems } from './item-commands';
import { EMPTY_SELECTION, orderedSelection, selectAll } from './selection';

/** Library-wide keys (listed in the shortcuts help): Ctrl/Cmd+A, Escape, Delete, F. Ignored while typing. */
export function useLibraryShortcuts() {
  return useCallback((e: KeyboardEvent<HTMLElement>) => {
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select, dialog, [contenteditable]')) return;
    const s = useStudio.getState();
    const lib = s.library;
    const selected = orderedSelection(lib.ids, lib.selection.selected);
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      s.setLibrarySelection(selectAll(lib.ids));
    } else if (e.key === 'Escape' && lib.selection.selected.size > 0) {
      e.preventDefault();
      s.setLibrarySelection(EMPTY_SELECTION);
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && selected.length > 0 && lib.view.kind !== 'trash') {
      e.preventDefault();
      void trashItems(selected);
    } else if (e.key.toLowerCase() === 'f' && !e.ctrlKey && !e.metaKey && selected.length > 0) {
      e.preventDefault();
      void setFavorite(selected, !selected.every((id) => lib.records.get(id)?.favorite));
    }
  }, []);
}
