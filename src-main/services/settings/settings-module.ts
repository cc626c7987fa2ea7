import type { Handlers } from '../../ipc/handlers';
import type { EventSink, Logger } from '../../core/ports';
import type { SecretStore } from '../../core/secrets/secret-store';
import type { SettingsStore } from '../../core/settings/settings-store';
import { createApiConnection, type ApiConnection } from '../demo/api-connection';
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
  startDemoServer: () => Promise<DemoServer>;
  events: EventSink;
  logger: Logger;
  envApiKey?: string | undefined;
  apiBaseUrlOverride?: string | undefined;
  libraryDirOverride?: string | undefined;
}

export interface SettingsModule {
  settings: SettingsService;
  key: KeyService;
  /** For the HTTP client and the library: base URL, key and library folder in effect (demo-aware). */
  connection: ApiConnection;
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
  // Check a stored key once per launch, without holding up the window; the status goes out as `key:changed`.
  void key.validate().catch((err: unknown) => deps.logger.warn('key: startup check failed', { error: String(err) }));
  return {
    settings,
    key,
    connection: createApiConnection({ settings, key }),
    handlers: {
      'settings:get': () => settings.get(),
      'settings:update': (patch) => settings.update(patch),
      'key:status': () => key.status(),
      'key:set': ({ key: pasted }) => key.set(pasted),
      'key:remove': () => key.remove(),
      'key:validate': () => key.validate(),
    },
    dispose: () => demo.stop(),
  };
}
