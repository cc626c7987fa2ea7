/**
 * A real browser against a real browser host: Debian's Chromium (or Playwright's) driven from vitest, and a host
 * serving a minimal page with the real bridge (src-preload/browser-bridge.ts, built here with Vite so the suite
 * needs no prior `npm run build`). The bridge alone is what signs in; the app itself adds nothing to that.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import sharp from 'sharp';
import { build } from 'vite';
import { systemClock } from '../../../../src-main/adapters/system-clock';
import { startBrowserHost, type BrowserHost } from '../../../../src-main/host/browser-host-server';
import { DEAD_API } from '../ipc/core-harness';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

export const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ ...(chromiumPath ? { executablePath: chromiumPath } : {}), args: chromiumArgs });
}

export function launchPersistent(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { ...(chromiumPath ? { executablePath: chromiumPath } : {}), args: chromiumArgs });
}

/** Builds bridge.js next to a bare index.html. */
export async function buildBridgeRenderer(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head><title>rig</title></head><body>rig</body></html>');
  await build({
    configFile: false,
    logLevel: 'silent',
    root,
    resolve: { alias: { '@contract': path.join(root, 'src-preload/contract/index.ts') } },
    build: {
      outDir: dir,
      emptyOutDir: false,
      minify: false,
      rollupOptions: { input: path.join(root, 'src-preload/browser-bridge.ts'), output: { entryFileNames: 'bridge.js', format: 'es' } },
    },
  });
}

/** A library item's media path in the library layout, with a file written there. */
export const ITEM_PATH = `media/ab/ab${'0123456789abcdef'.repeat(2).slice(0, 30)}.jpg`;

export interface HostRig {
  host: BrowserHost;
  sandbox: string;
  close(): Promise<void>;
}

export async function startHostRig(rendererDir: string): Promise<HostRig> {
  const sandbox = mkdtempSync(path.join(os.tmpdir(), 'imagine-session-rig-'));
  const dataDir = path.join(sandbox, 'data');
  mkdirSync(dataDir);
  const host = await startBrowserHost({
    dataDir, rendererDir, port: 0, version: '0.0.0', versions: {}, clock: systemClock,
    logger: { info() {}, warn() {}, error() {} }, apiBaseUrl: DEAD_API,
  });
  const file = path.join(host.core.libraryDir, ...ITEM_PATH.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } }).jpeg({ quality: 90 }).withMetadata({ exif: { IFD0: { ImageDescription: 'library media: a private picture' } } }).toBuffer());
  return {
    host,
    sandbox,
    async close() {
      await host.close();
      rmSync(sandbox, { recursive: true, force: true });
    },
  };
}

/** Opens the printed address and waits until the page's `window.api` answers a call. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => typeof (window as unknown as { api?: unknown }).api === 'object');
  const pong = await page.evaluate(async () => {
    const api = (window as unknown as { api: { invoke(c: string, i: unknown): Promise<{ ok: boolean }> } }).api;
    return (await api.invoke('app:ping', { message: 'hello' })).ok;
  });
  if (!pong) throw new Error('the app did not answer after opening the printed address');
}

/** Every run of URL-safe characters long enough to be a secret, in any text. */
export function secretLike(text: string): string[] {
  return [...new Set(text.match(/[A-Za-z0-9_-]{20,}/g) ?? [])];
}
