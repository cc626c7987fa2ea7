import { BUILT_IN_TABLE, type CapabilitiesView } from '@contract';
import type { StateCreator } from 'zustand';
import type { StudioState } from './store';

/**
 * The capability table in effect, as main reports it (`models:capabilities`, then `models:changed`). Until main
 * answers, the built-in table the contract ships is in effect here too, so every picker has its options at once.
 */
export interface CapabilitiesSlice {
  capabilities: CapabilitiesView;
  setCapabilities(view: CapabilitiesView): void;
}

export const createCapabilitiesSlice: StateCreator<StudioState, [], [], CapabilitiesSlice> = (set) => ({
  capabilities: { table: BUILT_IN_TABLE, refreshedAt: null },
  setCapabilities: (capabilities) => set({ capabilities }),
});
