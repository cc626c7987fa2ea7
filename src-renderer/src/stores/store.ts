import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './app-slice';
import { createLibrarySlice, type LibrarySlice } from './library-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';
import { createJobsSlice, type JobsSlice } from './jobs-slice';
import { createVideoSlice, type VideoSlice } from './video-slice';
import { createViewerSlice, type ViewerSlice } from './viewer-slice';
import { createCapabilitiesSlice, type CapabilitiesSlice } from './capabilities-slice';

/** The whole renderer state: one bound store composed of typed slices (zustand's slices pattern). */
export type StudioState = AppSlice & LibrarySlice & SettingsSlice & JobsSlice & VideoSlice & ViewerSlice & CapabilitiesSlice;

export const useStudio = create<StudioState>()((...a) => ({
  ...createAppSlice(...a),
  ...createLibrarySlice(...a),
  ...createSettingsSlice(...a),
  ...createJobsSlice(...a),
  ...createVideoSlice(...a),
  ...createViewerSlice(...a),
  ...createCapabilitiesSlice(...a),
}));
