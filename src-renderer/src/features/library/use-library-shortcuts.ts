import { useCallback, type KeyboardEvent } from 'react';
import { useStudio } from '../../stores/store';
import { setFavorite, trashItems } from './item-commands';
import { setRating } from './organize-commands';
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
    { keys: '1 – 5 / 0', action: 'Rate the selection (or the viewed item) / clear its rating' },
    { keys: 'Delete / Backspace', action: 'Move the selection to the trash' },
    { keys: 'Esc', action: 'Clear the selection' },
  ],
});

/**
 * Library-wide keys (listed in the shortcuts help): Ctrl/Cmd+A, Escape, Delete, F, 0–5 (rate the selection, or the
 * focused item when nothing is selected). Ignored while typing.
 */
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
    } else if (/^[0-5]$/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey && lib.view.kind !== 'trash') {
      // The tile that has the keyboard focus (the grid's roving index when the focus is elsewhere in the Library).
      const tileIndex = Number(target.closest('[role="gridcell"]')?.getAttribute('data-index') ?? lib.focusIndex);
      const focused = lib.ids[tileIndex];
      const targets = selected.length > 0 ? selected : focused ? [focused] : [];
      if (targets.length === 0) return;
      e.preventDefault();
      void setRating(targets, Number(e.key));
    } else if (e.key.toLowerCase() === 'f' && !e.ctrlKey && !e.metaKey && selected.length > 0) {
      e.preventDefault();
      void setFavorite(selected, !selected.every((id) => lib.records.get(id)?.favorite));
    }
  }, []);
}
