import type { StateCreator } from 'zustand';
import type { StudioState } from './store';

/**
 * What the viewer shows and what ←/→ step through: the Library grid's current order (`library`, which also moves
 * the grid's focus along so closing lands where the user is), or a fixed list of item ids (a Generate board's
 * finished images, in board order).
 */
export type ViewerTarget = { id: string; from: 'library' } | { id: string; from: 'list'; ids: readonly string[] };

export interface ViewerSlice {
  viewer: ViewerTarget | null;
  openViewer(target: ViewerTarget): void;
  /** Moves an open viewer to another item of the same sequence (or a lineage link). */
  showInViewer(id: string): void;
  closeViewer(): void;
}

export const createViewerSlice: StateCreator<StudioState, [], [], ViewerSlice> = (set, get) => ({
  viewer: null,
  openViewer: (target) => set({ viewer: target }),
  showInViewer: (id) => {
    const current = get().viewer;
    if (!current) return;
    set({ viewer: { ...current, id } });
    if (current.from === 'library') {
      const at = get().library.ids.indexOf(id);
      if (at >= 0) get().patchLibrary({ focusIndex: at });
    }
  },
  closeViewer: () => set({ viewer: null }),
});
