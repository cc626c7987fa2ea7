/** Settings adapters: conf in plain Node; the Electron shell passes an electron-store `open` factory. */
export { createFileSettingsStore, confFactory, type SettingsFile, type SettingsFileOptions } from './conf-settings-store';
