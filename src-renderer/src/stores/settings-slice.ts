import type { KeyStatus, ProviderId, SettingsView } from '@contract';
import type { StateCreator } from 'zustand';
import type { StudioState } from './store';

/** Settings and key status as main reports them (never the key), and whether onboarding is showing. */
export interface SettingsSlice {
  settingsView: SettingsView | null;
  /** xAI's key: the one the paid forms wait for. */
  keyStatus: KeyStatus | null;
  /** Every provider's key as main reported it (xAI's too), for Settings. */
  providerKeys: Partial<Record<ProviderId, KeyStatus>>;
  /** True while the first-run welcome shows; set once at bootstrap, cleared by any of its ways out. */
  onboardingOpen: boolean;
  setSettingsView(view: SettingsView): void;
  setKeyStatus(status: KeyStatus): void;
  setOnboardingOpen(open: boolean): void;
}

export const createSettingsSlice: StateCreator<StudioState, [], [], SettingsSlice> = (set) => ({
  settingsView: null,
  keyStatus: null,
  providerKeys: {},
  onboardingOpen: false,
  setSettingsView: (settingsView) => set({ settingsView }),
  setKeyStatus: (status) =>
    set((s) => ({
      providerKeys: { ...s.providerKeys, [status.provider]: status },
      ...(status.provider === 'xai' ? { keyStatus: status } : {}),
    })),
  setOnboardingOpen: (onboardingOpen) => set({ onboardingOpen }),
});

/** The paid forms (Generate, Edit, Video) wait for a key: none anywhere (or the keychain is locked) and demo off. */
export function needsKey(view: SettingsView, key: KeyStatus): boolean {
  return !key.configured && !view.settings.demoMode;
}

/**
 * First run: no key, demo off and an empty library. The welcome is an introduction, never a lock: a library with
 * items opens straight away, key or not.
 */
export function needsOnboarding(view: SettingsView, key: KeyStatus, libraryItems: number): boolean {
  return needsKey(view, key) && libraryItems === 0;
}
