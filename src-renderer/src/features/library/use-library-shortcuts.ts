import { useCallback, type KeyboardEvent } from 'react';
import { useStudio } from '../../stores/store';
import { setFavorite, trashItems } from './item-commands';
import { EMPTY_SELECTION, orderedSelection, selectAll } from './selection';
import { registerShortcuts } from '../shell/shortcuts';

registerShortcuts({
  id: 'library',
  title: 'Library',
  order: 4,
  shortcuts: [
    { keys: '/ or Ctrl/⌘ + F', action: 'Search prompts' },
    { keys: 'Arrow keys, Page Up / Down, Home / End', action: 'Move through the grid', where: 'in the grid' },
    { keys: 'Shift + arrows', action: 'Extend the selection', where: 'in the grid' },
    { keys: 'Space', action: 'Select or deselect the focused item', where: 'in the grid' },
    { keys: 'Enter', action: 'Open the viewer', where: 'in the grid' },
    { keys: '← / →', action: 'Previous / next item', where: 'in the viewer' },
    { keys: 'Ctrl/⌘ + A', action: 'Select all' },
    { keys: 'F', action: 'Favorite / unfavorite the selection' },
    { keys: 'Delete / Backspace', action: 'Move the selection to the trash' },
    { keys: 'Esc', action: 'Clear the selection' },
  ],
});

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
