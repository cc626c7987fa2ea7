import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { CanvasStore } from './canvas/canvas-store';
import type { CanvasState } from './canvas/types';

const CanvasContext = createContext<CanvasStore | null>(null);

/** Provides one canvas store to a subtree (zustand's "initialize state with props" pattern). */
export function CanvasProvider({ store, children }: { store: CanvasStore; children: ReactNode }) {
  return <CanvasContext.Provider value={store}>{children}</CanvasContext.Provider>;
}

export function useCanvasStore(): CanvasStore {
  const store = useContext(CanvasContext);
  if (!store) throw new Error('useCanvasStore needs a <CanvasProvider>.');
  return store;
}

/** Subscribes to a slice of the nearest canvas; use `useShallow` for selectors that build objects. */
export function useCanvas<T>(selector: (s: CanvasState) => T): T {
  return useStore(useCanvasStore(), selector);
}
