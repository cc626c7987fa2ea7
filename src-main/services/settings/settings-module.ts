import type { Handlers } from '../../ipc/handlers';
import { AppErrorException } from '../../core/app-error';
import type { EventSink, Logger } from '../../core/ports';
import type { SecretStore } from '../../core/secrets/secret-store';
import type { SettingsStore } from '../../core/settings/settings-store';
import type { ProviderId } from '@contract';
import { PROVIDER_ORIGINS, createApiConnection, type ApiConnection, type OtherProvider } from '../demo/api-connection';
import { createDemoService, type DemoServer } from '../demo/demo-service';
import { createKeyService, type KeyService } from '../key/key-service';
import type { KeyValidator } from '../key/key-validator';
import { createSettingsService, type SettingsService } from './settings-service';

/** Everything issue 4 adds to the core, built from ports the composition root provides. */
export interface SettingsModuleDeps {
  dataDir: string;
  secrets: SecretStore;
  settingsStore: SettingsStore;
  validator: KeyValidator;
  /** Stability's and MiniMax's key checks; a provider without one gets no key service of its own (its key reads as unset). */
  providerValidators?: Partial<Record<OtherProvider, KeyValidator>>;
  startDemoServer: () => Promise<DemoServer>;
  events: EventSink;
  logger: Logger;
  envApiKey?: string | undefined;
  apiBaseUrlOverride?: string | undefined;
  libraryDirOverride?: string | undefined;
  /** `STABILITY_API_KEY` / `MINIMAX_API_KEY`, honoured read-only when set. */
  envProviderKeys?: Partial<Record<OtherProvider, string | undefined>>;
  /** Origins instead of the public hosts (tests point these at the simulators). */
  providerBaseUrls?: Partial<Record<OtherProvider, string | undefined>>;
}

export interface SettingsModule {
  settings: SettingsService;
  key: KeyService;
  /** Every provider's key service (xAI's is `key`). */
  keys: Partial<Record<ProviderId, KeyService>>;
  /** For the HTTP client and the library: base URL, key and library folder in effect (demo-aware). */
  connection: ApiConnection;
  /** The demo simulator's API base URL while it runs, else null (what demo mode's samples are asked of). */
  demoUrl(): string | null;
  handlers: Pick<Handlers, 'settings:get' | 'settings:update' | 'key:status' | 'key:set' | 'key:remove' | 'key:validate'>;
  dispose(): Promise<void>;
}

/** Builds settings, key and demo services, loads settings, and starts checking a stored key in the background. */
export async function createSettingsModule(deps: SettingsModuleDeps): Promise<SettingsModule> {
  const demo = createDemoService({ start: deps.startDemoServer, logger: deps.logger });
  const settings = createSettingsService({
    store: deps.settingsStore,
    demo,
    events: deps.events,
    logger: deps.logger,
    dataDir: deps.dataDir,
    apiBaseUrlOverride: deps.apiBaseUrlOverride,
    libraryDirOverride: deps.libraryDirOverride,
  });
  await settings.load();
  const key = createKeyService({
    secrets: deps.secrets,
    envKey: deps.envApiKey,
    validator: deps.validator,
    baseUrl: () => settings.realApiBaseUrl(),
    events: deps.events,
    logger: deps.logger,
  });
  const overrides = Object.fromEntries(Object.entries(deps.providerBaseUrls ?? {}).filter(([, url]) => url)) as Partial<Record<OtherProvider, string>>;
  const keys: Partial<Record<ProviderId, KeyService>> = { xai: key };
  for (const [p, validator] of Object.entries(deps.providerValidators ?? {}) as [OtherProvider, KeyValidator][]) {
    keys[p] = createKeyService({
      provider: p, secrets: deps.secrets, envKey: deps.envProviderKeys?.[p], validator,
      // Keys are checked where they will be used: the override or the public host, never the demo simulator.
      baseUrl: () => overrides[p] ?? PROVIDER_ORIGINS[p], events: deps.events, logger: deps.logger,
    });
  }
  // Check stored keys once per launch, without holding up the window; the statuses go out as `key:changed`.
  for (const k of Object.values(keys)) {
    void k.validate().catch((err: unknown) => deps.logger.warn('key: startup check failed', { error: String(err) }));
  }
  // Handlers called in-process (tests, the CLI) skip the schema's default: no provider means xAI.
  const keyOf = (p: ProviderId | undefined): KeyService => {
    const k = keys[p ?? 'xai'];
    if (!k) throw new AppErrorException({ kind: 'validation', message: `No key service for ${p}.`, issues: [{ path: 'provider', message: 'Unknown provider.' }] });
    return k;
  };
  return {
    settings,
    key,
    keys,
    connection: createApiConnection({ settings, key, keys, demo, providerBaseUrls: overrides }),
    demoUrl: () => demo.baseUrl(),
    handlers: {
      'settings:get': () => settings.get(),
      'settings:update': (patch) => settings.update(patch),
      'key:status': ({ provider }) => keyOf(provider).status(),
      'key:set': ({ provider, key: pasted }) => keyOf(provider).set(pasted),
      'key:remove': ({ provider }) => keyOf(provider).remove(),
      'key:validate': ({ provider }) => keyOf(provider).validate(),
    },
    dispose: () => demo.stop(),
  };
}
