/**
 * The desktop app's updater logic against a local HTTP release feed (the files electron-builder publishes:
 * latest-linux.yml and the AppImage), with `electron` mocked: electron-updater's own `autoUpdater` (the object the
 * app uses) fetches through a `net.request` stand-in backed by node:http, checks the sha512, and reports back.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UpdateStatus } from '@contract';
import { createUpdatesHandlers } from '../../../src-main/services/updates/updates-handlers';
import { silentLogger } from '../library/service-harness';

const dir = mkdtempSync(path.join(os.tmpdir(), 'imagine-updater-'));

/**
 * electron-updater is CommonJS and calls require('electron') itself, which vi.mock does not reach: the stand-in goes
 * into Node's module cache under electron's own path instead.
 */
const fakeElectron = {
  app: {
    getVersion: () => '0.1.0',
    getName: () => 'Imagine Studio',
    isPackaged: true,
    getAppPath: () => dir,
    getPath: () => dir,
    whenReady: async () => {},
    quit: () => {},
    relaunch: () => {},
    once: () => {},
    on: () => {},
  },
  // Electron's net.request takes node-style options (protocol, hostname, port, path, headers) plus its own keys.
  net: { request: ({ session: _s, redirect: _r, ...options }: Record<string, unknown>) => httpRequest(options) },
  session: { fromPartition: () => ({}) },
  autoUpdater: new EventEmitter(),
};
const require = createRequire(import.meta.url);
const electronPath = require.resolve('electron');
require.cache[electronPath] = { id: electronPath, filename: electronPath, loaded: true, exports: fakeElectron } as unknown as NodeJS.Module;

/** What the feed serves: a release (its yml and file), or nothing (404). */
let release: { version: string; file: Buffer; claimedSha512?: string } | null = null;
const requested: string[] = [];
let server: Server;
let feed = '';
const saved = { APPIMAGE: process.env.APPIMAGE, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME };

function ymlFor(r: { version: string; file: Buffer; claimedSha512?: string }) {
  const name = `Imagine-Studio-${r.version}.AppImage`;
  const sha512 = r.claimedSha512 ?? createHash('sha512').update(r.file).digest('base64');
  return `version: ${r.version}\nfiles:\n  - url: ${name}\n    sha512: ${sha512}\n    size: ${r.file.length}\npath: ${name}\nsha512: ${sha512}\nreleaseDate: '2026-12-01T00:00:00.000Z'\n`;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    // electron-updater adds ?noCache=… to the yml request.
    const pathname = new URL(req.url ?? '/', 'http://feed').pathname;
    requested.push(pathname);
    if (!release) return void res.writeHead(404).end('not found');
    if (pathname.endsWith('.yml')) return void res.writeHead(200, { 'content-type': 'text/yaml' }).end(ymlFor(release));
    if (pathname === `/Imagine-Studio-${release.version}.AppImage`) {
      return void res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': release.file.length }).end(release.file);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  feed = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  // What an installed build has: resources/app-update.yml (written by electron-builder from build.publish), and on
  // Linux the AppImage it runs from.
  Object.defineProperty(process, 'resourcesPath', { value: dir, configurable: true });
  writeFileSync(path.join(dir, 'app-update.yml'), `provider: generic\nurl: ${feed}\nupdaterCacheDirName: imagine-studio-updater\n`);
  writeFileSync(path.join(dir, 'Imagine-Studio-0.1.0.AppImage'), 'old');
  process.env.APPIMAGE = path.join(dir, 'Imagine-Studio-0.1.0.AppImage');
  process.env.XDG_CACHE_HOME = path.join(dir, 'cache');
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  delete require.cache[electronPath];
  rmSync(dir, { recursive: true, force: true });
});

const disposers: (() => void)[] = [];
afterEach(() => {
  for (const d of disposers.splice(0)) d();
  requested.length = 0;
});

async function makeUpdater(isPackaged = true) {
  const { default: electronUpdater } = await import('electron-updater');
  const { createElectronUpdater } = await import('../../../src-main/shells/electron/updater');
  const seen: UpdateStatus[] = [];
  const updater = createElectronUpdater({
    updater: electronUpdater.autoUpdater,
    isPackaged,
    currentVersion: '0.1.0',
    emit: (s) => seen.push(s),
    clock: { now: () => 1_700_000_000_000, sleep: async () => {} },
    logger: process.env.DEBUG_UPDATER ? { info: console.log, warn: console.log, error: console.log } : silentLogger,
  });
  disposers.push(() => updater.dispose());
  return { updater, seen, autoUpdater: electronUpdater.autoUpdater };
}

async function until(what: () => boolean) {
  await vi.waitFor(() => expect(what()).toBe(true), { timeout: 15_000, interval: 20 });
}

describe('updates (electron-updater against a local feed, electron mocked)', () => {
  it('the same version on the feed: up to date, and the user who asked is told', async () => {
    release = { version: '0.1.0', file: Buffer.from('same') };
    const { updater, seen } = await makeUpdater();
    const status = await updater.check(true);
    expect(status).toEqual({ state: 'up-to-date', version: '0.1.0', checkedAt: 1_700_000_000_000, manual: true });
    expect(seen.map((s) => s.state)).toEqual(['checking', 'up-to-date']);
    expect(requested).toEqual(['/latest-linux.yml']);
  });

  it('no release information on the feed (404): a plain reason, and nothing else breaks', async () => {
    release = null;
    const { updater } = await makeUpdater();
    const status = await updater.check(true);
    expect(status).toMatchObject({ state: 'error', message: 'The update server has no release information for this app yet.', manual: true });
  });

  it('a damaged download (sha512 mismatch) is discarded with a reason, never offered', async () => {
    release = { version: '0.3.0', file: randomBytes(2048), claimedSha512: createHash('sha512').update('something else').digest('base64') };
    const { updater, seen } = await makeUpdater();
    await updater.check(false);
    await until(() => updater.status().state === 'error');
    expect(updater.status()).toMatchObject({ state: 'error', message: expect.stringMatching(/damaged/), manual: false });
    expect(seen.some((s) => s.state === 'ready')).toBe(false);
  });

  it('a newer release: found, downloaded in the background, checked, then "Restart to update" quits and installs', async () => {
    const file = randomBytes(64 * 1024);
    release = { version: '0.2.0', file };
    const { updater, seen, autoUpdater } = await makeUpdater();
    const handlers = createUpdatesHandlers(updater, 'n/a');
    const quitAndInstall = vi.spyOn(autoUpdater, 'quitAndInstall').mockImplementation(() => {});

    expect(await updater.check(true)).toMatchObject({ state: 'downloading', version: '0.2.0' });
    expect(() => handlers['updates:install']({})).toThrow(/No update is ready/);
    await until(() => updater.status().state === 'ready');
    expect(updater.status()).toEqual({ state: 'ready', version: '0.2.0' });
    expect(seen[0]).toEqual({ state: 'checking', manual: true });
    expect(seen.find((s) => s.state === 'downloading')).toMatchObject({ version: '0.2.0', manual: true });
    expect(requested).toContain('/Imagine-Studio-0.2.0.AppImage');
    // The downloaded file is the release, byte for byte, in the updater's cache.
    const pending = path.join(dir, 'cache', 'imagine-studio-updater', 'pending');
    const downloaded = readdirSync(pending).find((f) => f.endsWith('.AppImage'));
    expect(downloaded && readFileSync(path.join(pending, downloaded)).equals(file)).toBe(true);

    // Ready stays ready: another check does not go back to the feed.
    requested.length = 0;
    expect(await updater.check(true)).toEqual({ state: 'ready', version: '0.2.0' });
    expect(requested).toEqual([]);

    expect(handlers['updates:install']({})).toEqual({ restarting: true });
    await new Promise((r) => setImmediate(r));
    expect(quitAndInstall).toHaveBeenCalledWith(false, true);
  });

  it('automatic checks run at start and every few hours only while the setting is on', async () => {
    release = { version: '0.1.0', file: Buffer.from('same') };
    const { updater } = await makeUpdater();
    const scheduled: (() => void)[] = [];
    const fakeTimers = {
      setTimeout: ((fn: () => void) => (scheduled.push(fn), 1)) as unknown as typeof setTimeout,
      setInterval: ((fn: () => void) => (scheduled.push(fn), 2)) as unknown as typeof setInterval,
      clearTimeout: (() => {}) as typeof clearTimeout,
      clearInterval: (() => {}) as typeof clearInterval,
    };
    let enabled = false;
    updater.startAutoChecks(() => enabled, fakeTimers);
    expect(scheduled).toHaveLength(2); // the first check, and the repeating one
    scheduled[0]!();
    await new Promise((r) => setTimeout(r, 50));
    expect(requested).toEqual([]);
    enabled = true;
    scheduled[1]!();
    await until(() => updater.status().state === 'up-to-date');
    expect(updater.status()).toMatchObject({ manual: false });
    expect(requested).toEqual(['/latest-linux.yml']);
  });

  it('a development run has no updater and says so; the browser host says updates come with the desktop app', async () => {
    const { updater } = await makeUpdater(false);
    expect(await updater.check(true)).toEqual({ state: 'unavailable', reason: expect.stringMatching(/development run/) });
    expect(requested).toEqual([]);
    const host = createUpdatesHandlers(null, 'Updates come with the desktop app.');
    expect(await host['updates:check']({})).toEqual({ state: 'unavailable', reason: 'Updates come with the desktop app.' });
    expect(() => host['updates:install']({})).toThrow('Updates come with the desktop app.');
    expect(existsSync(path.join(dir, 'app-update.yml'))).toBe(true);
  });
});
