import { useEffect } from 'react';
import { handleCanvasKey } from './canvas/actions';
import type { CanvasStore } from './canvas/canvas-store';
import { addFiles } from './commands';
import { registerShortcuts } from '../shell/shortcuts';

registerShortcuts({
  id: 'edit',
  title: 'Edit',
  order: 2,
  shortcuts: [
    { keys: 'Ctrl/⌘ + Z', action: 'Undo a canvas change' },
    { keys: 'Ctrl/⌘ + Shift + Z, Ctrl/⌘ + Y', action: 'Redo' },
    { keys: 'Delete / Backspace', action: 'Remove the selected source' },
    { keys: 'R / Shift + R', action: 'Rotate the selected source right / left' },
    { keys: 'Ctrl/⌘ + V', action: 'Add an image from the clipboard' },
  ],
});

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/**
 * Canvas keys (undo/redo, Delete, R) and paste, while the Edit screen is open. Keys typed into a field are left
 * alone so the prompt keeps its own undo; pasted images are added wherever the focus is.
 */
export function useEditShortcuts(store: CanvasStore): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.defaultPrevented) return;
      if (handleCanvasKey(store, e)) e.preventDefault();
    };
    const onPaste = (e: ClipboardEvent) => {
      const files = [...(e.clipboardData?.files ?? [])].filter((f) => f.type.startsWith('image/') || f.type === '');
      if (files.length === 0) return;
      e.preventDefault();
      void addFiles(store, files);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('paste', onPaste);
    };
  }, [store]);
}
