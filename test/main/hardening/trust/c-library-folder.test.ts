/**
 * Issue 12, C: the renderer cannot point the library at an arbitrary folder. It used to send
 * `settings:update {libraryDir: "/home/you"}`: the folder got a `library.db`, `/media/` served anything under it
 * (a private SSH key was read back) and reconcile could delete files there. Now the folder comes only from main's
 * native dialog (a one-use grant) or `--library-dir`, a folder that is neither empty nor a library is refused
 * with the reason and nothing is created in it, and `/media/` serves only the library's media — never library.db.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../../src-main/adapters/system-clock';
import type { DesktopIntegration } from '../../../../src-main/core/desktop/ports';
import { startBrowserHost } from '../../../../src-main/host/browser-host-server';
import { DEAD_API, startCoreHarness, type CoreHarness } from '../ipc/core-harness';
import { raw } from '../ipc/host-harness';
import { connectHost } from '../support/ws-client';

let h: CoreHarness;
/** What the (fake) native folder dialog answers next: the user's pick. */
let picked: string | null = null;
let victim: string;

function fakeDesktop(): DesktopIntegration {
  const never = () => {
    throw new Error('not in this test');
  };
  return {
    capabilities: { dialogs: true, reveal: false, nativeDrag: false, nativeClipboard: false },
    chooseFolder: () => Promise.resolve(picked),
    chooseFiles: never, chooseSavePath: never, reveal: never, startDrag: never, copyImage: never,
  };
}

/** Everything under a folder, recursively (to prove nothing was created or removed). */
const listing = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();

beforeAll(async () => {
  h = await startCoreHarness('imagine-trust-c-', { desktop: fakeDesktop() });
  // Someone's home folder: a private key, and a file that happens to match the library's naming.
  victim = path.join(h.sandbox, 'home');
  mkdirSync(path.join(victim, '.ssh'), { recursive: true });
  writeFileSync(path.join(victim, '.ssh', 'id_ed25519'), 'PRIVATE KEY');
  mkdirSync(path.join(victim, 'media', 'ab'), { recursive: true });
  writeFileSync(path.join(victim, 'media', 'ab', `ab${'0'.repeat(30)}.png`), 'not ours');
});
afterAll(async () => {
  await h.close();
});

async function chooseLibrary(dir: string | null) {
  picked = dir;
  const chosen = await h.call('desktop:choose-folder', { purpose: 'library' });
  if (!chosen.ok) throw new Error(JSON.stringify(chosen));
  const folder = (chosen.value as { folder: { token: string } | null }).folder;
  return { token: folder?.token ?? null, result: folder ? await h.call('settings:library-folder', { folder: folder.token }) : null };
}

describe('C: the library folder comes from main', () => {
  it('refuses a folder sent by the page: nothing is created there and the library stays where it was', async () => {
    const before = listing(victim);
    const lib = h.core.libraryDir;
    for (const libraryDir of [victim, path.join(victim, 'new'), '/']) {
      expect(await h.call('settings:update', { libraryDir }), libraryDir).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }
    expect(h.core.libraryDir).toBe(lib);
    expect(listing(victim)).toEqual(before);
  });

  it('refuses a token main never issued, or one issued for another purpose', async () => {
    const before = listing(victim);
    expect(await h.call('settings:library-folder', { folder: 'A'.repeat(43) })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    picked = victim;
    const exportChoice = await h.call('desktop:choose-folder', { purpose: 'export' });
    const token = (exportChoice as { value: { folder: { token: string } } }).value.folder.token;
    expect(await h.call('settings:library-folder', { folder: token })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(listing(victim)).toEqual(before);
  });

  it('refuses a folder the user picked that is neither empty nor a library, with the reason, and creates nothing', async () => {
    const before = listing(victim);
    const { result } = await chooseLibrary(victim);
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringContaining('already holds other files') } });
    expect(listing(victim)).toEqual(before);
    expect(existsSync(path.join(victim, 'library.db'))).toBe(false);
    const file = path.join(h.sandbox, 'canary', 'keep.txt');
    expect((await chooseLibrary(file)).result).toMatchObject({ ok: false, error: { message: expect.stringContaining('not a folder') } });
  });

  it('accepts an empty folder once per grant, and an existing library', async () => {
    const empty = path.join(h.sandbox, 'Pictures', 'Imagine');
    mkdirSync(empty, { recursive: true });
    writeFileSync(path.join(empty, '.DS_Store'), '');
    const { token, result } = await chooseLibrary(empty);
    expect(result).toMatchObject({ ok: true, value: { settings: { libraryDir: empty }, effective: { libraryDir: empty } } });
    expect(existsSync(path.join(empty, 'library.db'))).toBe(true);
    // The grant was used up.
    expect(await h.call('settings:library-folder', { folder: token })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    // Back to the default library (already a library: accepted), then "Use the default folder".
    expect((await chooseLibrary(path.join(h.dataDir, 'library'))).result).toMatchObject({ ok: true });
    expect(await h.call('settings:library-folder', { folder: null })).toMatchObject({ ok: true, value: { settings: { libraryDir: null } } });
  });
});

describe('C: the browser host’s --library-dir and /media/', () => {
  const start = (libraryDir: string, dataDir: string) =>
    startBrowserHost({
      dataDir, libraryDir, rendererDir: h.sandbox, port: 0, version: '0.0.0', versions: {}, clock: systemClock,
      logger: { info() {}, warn() {}, error() {} }, apiBaseUrl: DEAD_API,
    });

  it('refuses to start on a folder that is not empty and not a library, creating nothing', async () => {
    const before = listing(victim);
    await expect(start(victim, path.join(h.sandbox, 'host-data-1'))).rejects.toThrow(/already holds other files/);
    expect(listing(victim)).toEqual(before);
  });

  it('serves the library’s media and never library.db, its journal, sidecars or anything else', async () => {
    const dir = path.join(h.sandbox, 'host-lib');
    const host = await start(dir, path.join(h.sandbox, 'host-data-2'));
    try {
      const id = `ab${'1'.repeat(30)}`;
      mkdirSync(path.join(dir, 'media', 'ab'), { recursive: true });
      for (const name of [`${id}.png`, `${id}.json`, `${id}.png.json`, `${id}.xmp`]) writeFileSync(path.join(dir, 'media', 'ab', name), 'bytes');
      writeFileSync(path.join(dir, 'notes.txt'), 'not media');
      const client = await connectHost(host.url);
      expect((await client.invoke<{ effective: { libraryDir: string; libraryDirOverridden: boolean } }>('settings:get')).effective)
        .toMatchObject({ libraryDir: dir, libraryDirOverridden: true });
      const base = client.mediaBase;
      expect((await raw(host, `${base}media/ab/${id}.png`)).status).toBe(200);
      for (const p of ['library.db', 'library.db-wal', 'library.db-shm', `media/ab/${id}.json`, `media/ab/${id}.png.json`, `media/ab/${id}.xmp`, 'notes.txt', 'media/../library.db', 'media%2F..%2Flibrary.db']) {
        expect((await raw(host, `${base}${p}`)).status, p).toBe(404);
      }
      // The page cannot move this library either.
      await expect(client.invoke('settings:library-folder', { folder: null })).rejects.toThrow(/--library-dir/);
      client.close();
    } finally {
      await host.close();
    }
  });
});
