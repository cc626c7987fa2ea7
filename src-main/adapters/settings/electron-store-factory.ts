/**
 * electron-store for the Electron shell (it wraps conf and adds Electron's userData defaults). Imported only by the
 * Electron shell: electron-store loads `electron` at import time, which plain Node cannot.
 */
import ElectronStore from 'electron-store';
import type { SettingsFile, SettingsFileOptions } from './conf-settings-store';

export const electronStoreFactory = (o: SettingsFileOptions): SettingsFile =>
  new ElectronStore<Record<string, unknown>>({
    cwd: o.cwd,
    name: o.name,
    projectVersion: o.projectVersion,
    schema: o.schema,
    defaults: o.defaults,
    migrations: o.migrations as never,
    clearInvalidConfig: false,
  });
