import type { Settings } from '@contract';
import { repairSettings } from './settings-schema';

/** What opening the stored settings found: the settings, and a notice when something had to be repaired. */
export interface LoadedSettings {
  settings: Settings;
  /** Plain-language notice for the user when the file was corrupt or some fields were reset; null otherwise. */
  notice: string | null;
}

/**
 * Persists the user's settings. `load` never throws for bad data: corrupt files and invalid fields are repaired to
 * defaults and reported in `notice`. Adapters: electron-store (Electron), conf (browser host), in-memory (tests).
 */
export interface SettingsStore {
  load(): LoadedSettings;
  save(settings: Settings): void;
  /** Where the settings live, for the About panel. */
  readonly location: string;
}

/** The in-memory twin. */
export class InMemorySettingsStore implements SettingsStore {
  readonly location = ':memory:';
  constructor(private current: unknown = {}) {}
  load(): LoadedSettings {
    return loadFromRaw(this.current);
  }
  save(settings: Settings) {
    this.current = structuredClone(settings);
  }
}

/** Repairs raw data and words the notice. Shared by every adapter. */
export function loadFromRaw(raw: unknown): LoadedSettings {
  const { settings, repaired } = repairSettings(raw);
  return {
    settings,
    notice: repaired.length ? `Some settings were invalid and have been reset to their defaults: ${repaired.join(', ')}.` : null,
  };
}
