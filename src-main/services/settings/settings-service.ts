import path from 'node:path';
import { DEFAULT_API_BASE_URL, Settings, type SettingsPatch, type SettingsView } from '@contract';
import { fail } from '../../core/app-error';
import type { EventSink, Logger } from '../../core/ports';
import type { SettingsStore } from '../../core/settings/settings-store';
import type { DemoService } from '../demo/demo-service';

/** Facts the settings service needs besides its store. */
export interface SettingsServiceDeps {
  store: SettingsStore;
  demo: DemoService;
  events: EventSink;
  logger: Logger;
  dataDir: string;
  /** `--api-base-url` / `IMAGINE_API_BASE_URL`, already checked and confirmed by the shell (proxies, tests). */
  apiBaseUrlOverride?: string | undefined;
  /** The browser host's `--library-dir`, already accepted (wins over the setting; demo mode still has its own). */
  libraryDirOverride?: string | undefined;
}

/** What main itself may change besides the page's patch: the library folder (from a dialog grant or a repair). */
export type MainSettingsPatch = SettingsPatch & { libraryDir?: string | null };

/** The library folder for demo results: never mixed with real ones. */
export const DEMO_LIBRARY_DIR = 'demo-library';

/** The library folder in effect: `<data>/demo-library` in demo mode, else `--library-dir`, the chosen folder or `<data>/library`. */
export function effectiveLibraryDir(dataDir: string, s: Pick<Settings, 'demoMode' | 'libraryDir'>, override?: string): string {
  return s.demoMode ? path.join(dataDir, DEMO_LIBRARY_DIR) : (override ?? s.libraryDir ?? path.join(dataDir, 'library'));
}

/**
 * Reads, validates and saves settings; derives what is in effect (API base URL, library folder) and switches the
 * demo simulator on and off with the `demoMode` setting.
 */
export function createSettingsService(deps: SettingsServiceDeps) {
  let current: Settings | null = null;
  let loadNotice: string | null = null;

  function settings(): Settings {
    if (!current) throw new Error('settings: load() first');
    return current;
  }

  function view(): SettingsView {
    const s = settings();
    const demoUrl = s.demoMode ? deps.demo.baseUrl() : null;
    return {
      settings: s,
      effective: {
        apiBaseUrl: demoUrl ?? deps.apiBaseUrlOverride ?? DEFAULT_API_BASE_URL,
        apiBaseUrlOverridden: !demoUrl && deps.apiBaseUrlOverride !== undefined,
        libraryDir: effectiveLibraryDir(deps.dataDir, s, deps.libraryDirOverride),
        libraryDirOverridden: deps.libraryDirOverride !== undefined,
        demo: s.demoMode,
      },
      loadNotice,
    };
  }

  async function syncDemo() {
    if (settings().demoMode) await deps.demo.ensureStarted();
    else await deps.demo.stop();
  }

  return {
    /** Opens the store (repairing it if needed, with a notice) and starts demo mode if it was on. */
    async load(): Promise<SettingsView> {
      const loaded = deps.store.load();
      current = loaded.settings;
      loadNotice = loaded.notice;
      if (loaded.notice) deps.events.emit('app:notice', { level: 'warning', message: loaded.notice });
      try {
        await syncDemo();
      } catch (err) {
        deps.logger.error('demo: simulator failed to start', { error: String(err) });
        current = { ...current, demoMode: false };
        loadNotice = [loadNotice, 'Demo mode could not start its simulator and was switched off.'].filter(Boolean).join(' ');
      }
      return view();
    },
    get: view,
    /** Adds a start-up notice (shown once when the window loads: events sent before it connects are lost). */
    addNotice(text: string): void {
      loadNotice = [loadNotice, text].filter(Boolean).join(' ');
      deps.events.emit('app:notice', { level: 'warning', message: text });
    },
    /** The validated settings (for other services: defaults, concurrency, timeouts). */
    current: settings,
    /** The API base URL for real requests (never the demo simulator): where keys are checked. */
    realApiBaseUrl(): string {
      return deps.apiBaseUrlOverride ?? DEFAULT_API_BASE_URL;
    },
    /** The page's `settings:update` (its schema already refused `libraryDir`) or main's own change of folder. */
    async update(patch: MainSettingsPatch): Promise<SettingsView> {
      if (patch.libraryDir && !path.isAbsolute(patch.libraryDir)) {
        fail({ kind: 'validation', message: 'The library folder must be an absolute path.', issues: [{ path: 'libraryDir', message: 'Use a full path, such as /home/you/Pictures/Imagine.' }] });
      }
      const next = Settings.safeParse({ ...settings(), ...patch });
      if (!next.success) {
        fail({
          kind: 'validation',
          message: 'Some settings are not valid.',
          issues: next.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
        });
      }
      const demoChanged = next.data.demoMode !== settings().demoMode;
      current = next.data;
      deps.store.save(current);
      if (demoChanged) {
        try {
          await syncDemo();
        } catch (err) {
          deps.logger.error('demo: simulator failed to start', { error: String(err) });
          current = { ...current, demoMode: false };
          deps.store.save(current);
          fail({ kind: 'internal', message: 'Demo mode could not start its simulator. Details are in the log.' });
        }
        deps.logger.info('settings: demo mode', { on: current.demoMode });
      }
      const v = view();
      deps.events.emit('settings:changed', v);
      return v;
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
