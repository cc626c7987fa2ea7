import type { KeyStatus, SettingsView } from '@contract';
import type { StateCreator } from 'zustand';
import type { StudioState } from './store';

/** Settings and key status as main reports them (never the key), and whether onboarding is showing. */
export interface SettingsSlice {
  settingsView: SettingsView | null;
  keyStatus: KeyStatus | null;
  /** True while the first-run onboarding covers the app; set once at bootstrap, cleared by "Start creating". */
  onboardingOpen: boolean;
  setSettingsView(view: SettingsView): void;
  setKeyStatus(status: KeyStatus): void;
  setOnboardingOpen(open: boolean): void;
}

export const createSettingsSlice: StateCreator<StudioState, [], [], SettingsSlice> = (set) => ({
  settingsView: null,
  keyStatus: null,
  onboardingOpen: false,
  setSettingsView: (settingsView) => set({ settingsView }),
  setKeyStatus: (keyStatus) => set({ keyStatus }),
  setOnboardingOpen: (onboardingOpen) => set({ onboardingOpen }),
});

/** First run: no key anywhere and demo mode off. */
export function needsOnboarding(view: SettingsView, key: KeyStatus): boolean {
  return !key.configured && !view.settings.demoMode;
}
