import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS_DEFAULTS } from '@contract';
import { createFileSettingsStore } from '../../../src-main/adapters/settings/conf-settings-store';
import type { Logger } from '../../../src-main/core/ports';

const logger: Logger = { info() {}, warn() {}, error() {} };
let dir = '';
const file = () => path.join(dir, 'settings.json');
const open = (projectVersion = '0.1.0') => createFileSettingsStore({ dir, projectVersion, logger });

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imagine-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('settings file (conf)', () => {
  it('starts with defaults, saves, and reads back in a new process', () => {
    const first = open().load();
    expect(first).toEqual({ settings: SETTINGS_DEFAULTS, notice: null });
    const store = open();
    store.load();
    store.save({ ...SETTINGS_DEFAULTS, concurrency: 2, theme: 'dark' });
    expect(open().load().settings).toMatchObject({ concurrency: 2, theme: 'dark' });
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toMatchObject({ concurrency: 2 });
  });

  it('migrates the pre-release 0.0.x layout', () => {
    writeFileSync(file(), JSON.stringify({ model: 'grok-imagine-image-quality', aspect: '16:9', darkMode: true, apiBase: 'http://127.0.0.1:9/v1', maxParallel: 2, __internal__: { migrations: { version: '0.0.3' } } }));
    const { settings, notice } = open().load();
    expect(notice).toBeNull();
    expect(settings).toMatchObject({ imageModel: 'grok-imagine-image-quality', imageAspectRatio: '16:9', theme: 'dark', concurrency: 2 });
    const onDisk = JSON.parse(readFileSync(file(), 'utf8')) as Record<string, unknown>;
    expect(onDisk).not.toHaveProperty('apiBase');
    expect(onDisk).not.toHaveProperty('apiBaseUrl');
    expect(onDisk).not.toHaveProperty('darkMode');
    expect(onDisk).not.toHaveProperty('model');
  });

  it('sets a corrupted (non-JSON) file aside, starts from defaults and says so', () => {
    writeFileSync(file(), '{"concurrency": 3, "theme": "da');
    const { settings, notice } = open().load();
    expect(settings).toEqual(SETTINGS_DEFAULTS);
    expect(notice).toMatch(/could not be read/);
    expect(readdirSync(dir).some((f) => f.startsWith('settings.corrupt-'))).toBe(true);
  });

  it('repairs invalid fields to defaults and keeps the valid ones', () => {
    writeFileSync(file(), JSON.stringify({ concurrency: 999, theme: 'neon', imageCount: 3, apiBaseUrl: 'https://evil.example/v1' }));
    const { settings, notice } = open().load();
    expect(settings).toMatchObject({ concurrency: 4, theme: 'system', imageCount: 3 });
    // An address from an older settings file is dropped: where the key goes is never a setting.
    expect(settings).not.toHaveProperty('apiBaseUrl');
    expect(notice).toMatch(/concurrency/);
    expect(notice).toMatch(/theme/);
    expect(open().load().notice).toBeNull();
  });

  it('treats a JSON file that is not an object as corrupt', () => {
    writeFileSync(file(), '[1,2,3]');
    const { settings, notice } = open().load();
    expect(settings).toEqual(SETTINGS_DEFAULTS);
    expect(notice).not.toBeNull();
  });
});
