/**
 * Settings in a JSON file through `conf` (plain Node: the browser host, tests) or `electron-store` (Electron, which
 * wraps conf). Both get the JSON Schema derived from the contract and the migrations from core/settings; zod then
 * checks every read. A corrupt or invalid file never crashes the app: it is set aside or repaired, with a notice.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { SETTINGS_DEFAULTS, type Settings } from '@contract';
import type { Logger } from '../../core/ports';
import { SETTINGS_MIGRATIONS, repairSettings, settingsJsonSchema } from '../../core/settings/settings-schema';
import { loadFromRaw, type LoadedSettings, type SettingsStore } from '../../core/settings/settings-store';

/** The options both conf and electron-store understand, in a shell-neutral shape. */
export interface SettingsFileOptions {
  /** Absolute folder of the file (conf would otherwise pick an OS config folder of its own). */
  cwd: string;
  /** File name without `.json`. */
  name: string;
  /** The app version; migrations above the version recorded in the file run up to this one. */
  projectVersion: string;
  schema: Record<string, Record<string, unknown>>;
  defaults: Settings;
  migrations: typeof SETTINGS_MIGRATIONS;
}

/** The slice of a conf / electron-store instance this adapter uses. */
export interface SettingsFile {
  store: Record<string, unknown>;
}

/** Opens the file with conf; the Electron shell passes an electron-store factory instead. */
export const confFactory = (o: SettingsFileOptions): SettingsFile =>
  new Conf<Record<string, unknown>>({
    cwd: o.cwd,
    configName: o.name,
    projectVersion: o.projectVersion,
    schema: o.schema,
    defaults: o.defaults,
    migrations: o.migrations as never,
    clearInvalidConfig: false,
  });

const INTERNAL = '__internal__';

export function createFileSettingsStore(options: {
  dir: string;
  projectVersion: string;
  logger: Logger;
  open?: (o: SettingsFileOptions) => SettingsFile;
  name?: string;
}): SettingsStore {
  const name = options.name ?? 'settings';
  const file = path.join(options.dir, `${name}.json`);
  const open = options.open ?? confFactory;
  const fileOptions: SettingsFileOptions = {
    cwd: options.dir,
    name,
    projectVersion: options.projectVersion,
    schema: settingsJsonSchema(),
    defaults: SETTINGS_DEFAULTS,
    migrations: SETTINGS_MIGRATIONS,
  };
  let handle: SettingsFile | null = null;

  /** Moves an unusable file aside (kept for support, never deleted) so the app starts with defaults. */
  function setAside(why: string): string {
    const aside = path.join(options.dir, `${name}.corrupt-${Date.now()}.json`);
    renameSync(file, aside);
    options.logger.warn('settings: file set aside', { why, aside });
    return `Your settings file could not be read (${why}) and was reset to defaults. The old file was kept as ${path.basename(aside)}.`;
  }

  function readRaw(): unknown {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  }

  /** Opens the store; on a schema violation repairs field by field and retries once, then gives up on the file. */
  function openRepaired(): { handle: SettingsFile; notice: string | null } {
    let notice: string | null = null;
    if (existsSync(file)) {
      let raw: unknown;
      try {
        raw = readRaw();
      } catch {
        notice = setAside('it is not valid JSON');
      }
      if (notice === null && (raw === null || typeof raw !== 'object' || Array.isArray(raw))) {
        notice = setAside('it does not hold a settings object');
      }
    }
    try {
      return { handle: open(fileOptions), notice };
    } catch (err) {
      options.logger.warn('settings: schema check failed on open', { error: String(err).slice(0, 300) });
    }
    try {
      const raw = readRaw() as Record<string, unknown>;
      const { settings, repaired } = repairSettings(raw);
      const internal = raw && typeof raw === 'object' ? raw[INTERNAL] : undefined;
      writeFileSync(file, JSON.stringify({ ...settings, ...(internal ? { [INTERNAL]: internal } : {}) }, null, '\t'));
      notice = `Some settings were invalid and have been reset to their defaults: ${repaired.join(', ') || 'unknown fields'}.`;
      return { handle: open(fileOptions), notice };
    } catch {
      notice = existsSync(file) ? setAside('it did not match the expected format') : notice;
      return { handle: open(fileOptions), notice };
    }
  }

  return {
    location: file,
    load(): LoadedSettings {
      const opened = openRepaired();
      handle = opened.handle;
      const loaded = loadFromRaw(handle.store);
      // Write back what zod repaired (conf's ajv and zod can disagree at the edges, e.g. URL formats).
      if (loaded.notice) handle.store = loaded.settings;
      const notice = [opened.notice, loaded.notice].filter(Boolean).join(' ') || null;
      if (notice) options.logger.warn('settings: repaired', {});
      return { settings: loaded.settings, notice };
    },
    save(settings: Settings) {
      handle ??= openRepaired().handle;
      handle.store = settings;
    },
  };
}
