/**
 * Found by the contract fuzzer: `settings:update {libraryDir: "/dev/null"}` answered `internal` and saved the
 * setting, so the next start could not open its library at all. A folder that cannot be opened is now refused as
 * `validation`, the setting is put back, and a restart on the same data dir works.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../../src-main/adapters/system-clock';
import { createAppCore } from '../../../../src-main/app-core';
import { DEAD_API, startCoreHarness, type CoreHarness } from './core-harness';

let h: CoreHarness | undefined;
afterAll(async () => {
  await h?.close();
});

describe('a library folder that cannot be opened', () => {
  it.each(['/dev/null', '/proc/version/library', 'FILE'])('refuses %s, keeps the old folder, and the next start still works', async (given) => {
    h ??= await startCoreHarness('imagine-library-folder-');
    const file = path.join(h.sandbox, 'canary', 'a-file');
    writeFileSync(file, 'not a folder');
    const dir = given === 'FILE' ? file : given;
    const env = await h.call('settings:update', { libraryDir: dir });
    expect(env).toMatchObject({ ok: false, error: { kind: 'validation' } });
    if (!env.ok) expect(env.error.message).toContain('cannot be opened');
    const now = await h.call('settings:get', {});
    expect(now).toMatchObject({ ok: true, value: { settings: { libraryDir: null } } });
    expect(h.logs.filter((l) => l.message === 'ipc: handler failed')).toEqual([]);
    // A second core on the same data dir (a restart) opens its library.
    const again = await createAppCore({
      shell: 'browser-host', dataDir: h.dataDir, version: '0.0.0', versions: {}, events: { emit() {} }, clock: systemClock,
      logger: { info() {}, warn() {}, error() {} }, apiBaseUrl: DEAD_API,
    });
    expect(again.libraryDir).toBe(path.join(h.dataDir, 'library'));
    await again.dispose();
  });
});
