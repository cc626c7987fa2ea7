import type { KeyService } from '../key/key-service';
import type { SettingsService } from '../settings/settings-service';
import { DEMO_API_KEY } from './demo-service';

/**
 * What the HTTP client and the library need to know, resolved per call so a switch to or from demo mode takes effect
 * at once: where requests go, which key to send, and which library folder results belong to.
 */
export interface ApiConnection {
  /** The simulator's base URL in demo mode; else a confirmed start-up address or xAI's. */
  baseUrl(): string;
  /** The key for the Authorization header: a fixed demo key in demo mode, else the keychain/environment key. */
  getApiKey(): Promise<string | null>;
  isDemo(): boolean;
  /** `<data>/demo-library` in demo mode, else the configured (or default) library folder. */
  libraryDir(): string;
}

export function createApiConnection(deps: { settings: SettingsService; key: KeyService }): ApiConnection {
  return {
    baseUrl: () => deps.settings.get().effective.apiBaseUrl,
    getApiKey: () => (deps.settings.current().demoMode ? Promise.resolve(DEMO_API_KEY) : deps.key.getApiKey()),
    isDemo: () => deps.settings.current().demoMode,
    libraryDir: () => deps.settings.get().effective.libraryDir,
  };
}
