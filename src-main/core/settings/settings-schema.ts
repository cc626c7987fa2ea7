/**
 * Pure settings logic: field-by-field repair against the contract's zod schema, the JSON Schema handed to
 * electron-store/conf, and the migrations from older layouts. No fs here; adapters do the I/O.
 */
import { z } from 'zod';
import { SETTINGS_DEFAULTS, Settings } from '@contract';

/** Result of reading stored settings: always a full valid object, plus what had to be fixed. */
export interface RepairResult {
  settings: Settings;
  /** Human-readable list of fields that were reset to defaults (empty when nothing was wrong). */
  repaired: string[];
}

/**
 * Keeps every valid field and resets each invalid one to its default, so one bad value (hand-edited file, a
 * downgrade) costs only that value, not all settings. Unknown keys are dropped.
 */
export function repairSettings(raw: unknown): RepairResult {
  const source = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  const repaired: string[] = [];
  for (const key of Object.keys(SETTINGS_DEFAULTS) as (keyof Settings)[]) {
    const fallback = SETTINGS_DEFAULTS[key];
    if (!(key in source) || source[key] === undefined) {
      out[key] = fallback;
      continue;
    }
    const parsed = Settings.shape[key].safeParse(source[key]);
    if (parsed.success) out[key] = parsed.data;
    else {
      out[key] = fallback;
      repaired.push(key);
    }
  }
  return { settings: Settings.parse(out), repaired };
}

/**
 * The JSON Schema of each setting, for electron-store/conf's `schema` option (they validate with ajv on every
 * write). Derived from the zod schema so the two can never disagree; zod stays the source of truth on reads.
 */
export function settingsJsonSchema(): Record<string, Record<string, unknown>> {
  const full = z.toJSONSchema(Settings, { target: 'draft-7', unrepresentable: 'any' }) as {
    properties: Record<string, Record<string, unknown>>;
  };
  return full.properties;
}

/** A store as conf/electron-store migrations see it. */
export interface MigrationStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  has(key: string): boolean;
}

/**
 * Migrations keyed by the app version that introduced the layout (conf/electron-store run every migration above
 * the version recorded in the file, up to `projectVersion`).
 *
 * 0.1.0: the pre-release 0.0.x layout had `model`, `aspect`, `apiBase`, `darkMode: boolean` and `maxParallel`;
 * rename them, and turn `darkMode` into `theme`. `apiBase` is dropped: where the key goes is never a setting
 * (issue 12); a proxy is given at start with `--api-base-url`.
 */
export const SETTINGS_MIGRATIONS: Record<string, (store: MigrationStore) => void> = {
  '0.1.0': (store) => {
    const rename = (from: string, to: string) => {
      // The old key wins: the store already holds `defaults` for the new names when migrations run.
      if (!store.has(from)) return;
      store.set(to, store.get(from));
      store.delete(from);
    };
    rename('model', 'imageModel');
    rename('aspect', 'imageAspectRatio');
    store.delete('apiBase');
    rename('maxParallel', 'concurrency');
    if (store.has('darkMode')) {
      store.set('theme', store.get('darkMode') === true ? 'dark' : 'light');
      store.delete('darkMode');
    }
  },
};
