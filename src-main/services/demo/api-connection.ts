import type { ProviderId } from '@contract';
import type { KeyService } from '../key/key-service';
import type { SettingsService } from '../settings/settings-service';
import { DEMO_KEYS, type DemoService } from './demo-service';

/** The providers beside xAI, whose clients take an origin (paths carry their own version prefix). */
export type OtherProvider = Exclude<ProviderId, 'xai'>;
/** Their public API origins (stability-api.md §1, minimax-api.md §1: the global host). */
export const PROVIDER_ORIGINS: Record<OtherProvider, string> = { stability: 'https://api.stability.ai', minimax: 'https://api.minimax.io' };

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
  /** Stability's or MiniMax's origin in effect: the demo simulator's, a command-line override, or the public host. */
  providerBaseUrl(provider: OtherProvider): string;
  /** That provider's key: its demo key in demo mode, else its keychain/environment key. */
  getProviderKey(provider: OtherProvider): Promise<string | null>;
  /** `<data>/demo-library` in demo mode, else the configured (or default) library folder. */
  libraryDir(): string;
}

export function createApiConnection(deps: {
  settings: SettingsService;
  key: KeyService;
  /** The other providers' key services; without them (tests) they have no key. */
  keys?: Partial<Record<OtherProvider, KeyService>>;
  demo?: Pick<DemoService, 'providerUrl'>;
  /** Origins to use instead of the public hosts (the simulator in tests, a proxy). */
  providerBaseUrls?: Partial<Record<OtherProvider, string>>;
}): ApiConnection {
  const isDemo = () => deps.settings.current().demoMode;
  return {
    baseUrl: () => deps.settings.get().effective.apiBaseUrl,
    getApiKey: () => (isDemo() ? Promise.resolve(DEMO_KEYS.xai) : deps.key.getApiKey()),
    isDemo,
    providerBaseUrl: (p) => (isDemo() ? deps.demo?.providerUrl(p) : null) ?? deps.providerBaseUrls?.[p] ?? PROVIDER_ORIGINS[p],
    getProviderKey: async (p) => (isDemo() ? DEMO_KEYS[p] : ((await deps.keys?.[p]?.getApiKey()) ?? null)),
    libraryDir: () => deps.settings.get().effective.libraryDir,
  };
}
