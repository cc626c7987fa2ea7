import type { KeyStatus, ProviderId, SettingsView } from '@contract';
import type { StateCreator } from 'zustand';
import type { StudioState } from './store';

/** Settings and key status as main reports them (never the key), and whether onboarding is showing. */
export interface SettingsSlice {
  settingsView: SettingsView | null;
  /** xAI's key (the other providers' are in `providerKeys`). */
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

/**
 * No key anywhere (or the keychain is locked) and demo off: the first-run welcome and the start section look at
 * this. `others` are the other providers' statuses as far as they are known.
 */
export function needsKey(view: SettingsView, key: KeyStatus, others: SettingsSlice['providerKeys'] = {}): boolean {
  return !key.configured && !Object.values(others).some((k) => k?.configured) && !view.settings.demoMode;
}

type Keys = Pick<SettingsSlice, 'keyStatus' | 'providerKeys'>;

/** A provider's key status as main reported it (xAI's is `keyStatus`), or null while not known yet. */
export const keyOf = (s: Keys, provider: ProviderId): KeyStatus | null =>
  provider === 'xai' ? s.keyStatus : (s.providerKeys[provider] ?? null);

/** Those of these providers that have a key in main, in the given order. */
export const keyedProviders = (s: Keys, providers: readonly ProviderId[]): ProviderId[] =>
  providers.filter((p) => keyOf(s, p)?.configured === true);

/**
 * A paid form (Generate, Edit, Video) waits for a key only when none of the providers it offers has one and demo
 * mode is off: a Stability key alone opens Generate (with Stability chosen), a MiniMax key alone opens Video.
 */
export function needsKeyFor(s: Keys & Pick<SettingsSlice, 'settingsView'>, providers: readonly ProviderId[]): boolean {
  if (!s.settingsView || !s.keyStatus || s.settingsView.settings.demoMode) return false;
  return keyedProviders(s, providers).length === 0;
}

/**
 * First run: no key, demo off and an empty library. The welcome is an introduction, never a lock: a library with
 * items opens straight away, key or not.
 */
export function needsOnboarding(view: SettingsView, key: KeyStatus, libraryItems: number, others: SettingsSlice['providerKeys'] = {}): boolean {
  return needsKey(view, key, others) && libraryItems === 0;
}
