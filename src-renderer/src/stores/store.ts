import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './app-slice';

/** The whole renderer state: one bound store composed of typed slices (zustand's slices pattern). */
export type StudioState = AppSlice;

export const useStudio = create<StudioState>()((...a) => ({
  ...createAppSlice(...a),
}));
