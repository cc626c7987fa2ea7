/**
 * Found by the contract fuzzer: `settings:update {libraryDir: "/dev/null"}` answered `internal` and saved the
 * setting, so the next start could not open its library at all. The page can no longer name a folder (issue 12);
 * a folder picked in main's dialog that cannot be opened is refused as `validation` before anything is saved,
 * and a restart on the same data dir works.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../../src-main/adapters/system-clock';
import { createAppCore } from '../../../../src-main/app-core';
import type { DesktopIntegration } from '../../../../src-main/core/desktop/ports';
import { DEAD_API, startCoreHarness, type CoreHarness } from './core-harness';

let h: CoreHarness | undefined;
let picked = '';

/** A desktop whose folder dialog answers whatever the test picked. */
function dialogAnswering(pick: () => string): DesktopIntegration {
  const never = () => {
    throw new Error('not in this test');
  };
  return {
    capabilities: { dialogs: true, reveal: false, nativeDrag: false, nativeClipboard: false },
    chooseFolder: () => Promise.resolve(pick()),
    chooseFiles: never, chooseSavePath: never, reveal: never, startDrag: never, copyImage: never,
  };
}
afterAll(async () => {
  await h?.close();
});

describe('a library folder that cannot be opened', () => {
  it.each(['/dev/null', '/proc/version/library', 'FILE'])('refuses %s, keeps the old folder, and the next start still works', async (given) => {
    h ??= await startCoreHarness('imagine-library-folder-', { desktop: dialogAnswering(() => picked) });
    const file = path.join(h.sandbox, 'canary', 'a-file');
    writeFileSync(file, 'not a folder');
    picked = given === 'FILE' ? file : given;
    const chosen = await h.call('desktop:choose-folder', { purpose: 'library' });
    const token = (chosen as { value: { folder: { token: string } } }).value.folder.token;
    const env = await h.call('settings:library-folder', { folder: token });
    expect(env).toMatchObject({ ok: false, error: { kind: 'validation' } });
    if (!env.ok) expect(env.error.message).toMatch(/not a folder|does not exist|cannot be read/);
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
