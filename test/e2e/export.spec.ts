/**
 * Getting images out of the browser host: "Download as zip" (a real browser download, unzipped and checked),
 * "Copy image" (a PNG on the real clipboard, read back), dragging a tile out (DownloadURL + URI list pointing at
 * a URL the host serves), and no desktop-only actions where there is no desktop.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { test as base, type Page } from '@playwright/test';
import { startSimulator } from '../../src-main/simulator';
import { ExportActions } from './pages/export-actions';
import { GeneratePage } from './pages/generate-page';
import { LibraryPage } from './pages/library-page';
import { expect, test } from './support/fixtures';
import { startHostProcess } from './support/host-process';
import { seedLibrary, type SeedResult } from './support/seed-library';

/** Where the built renderer is: the default build, or a private one (shared machines rebuild `out/` concurrently). */
const rendererArgs = process.env.E2E_RENDERER_DIR ? ['--renderer-dir', process.env.E2E_RENDERER_DIR] : [];
const shot = (name: string) => ({ path: `test-results/screenshots/export-${name}.png` });
const settle = (page: Page) =>
  page.waitForFunction(() => [...document.images].every((img) => img.complete), undefined, { timeout: 5000 }).catch(() => {});
let seed: SeedResult;

test.use({
  host: async ({}, use) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'imagine-e2e-export-'));
    seed = await seedLibrary(dataDir, 8);
    const host = await startHostProcess({ dataDir, args: rendererArgs });
    await use(host);
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

test('selects three items and downloads them as a zip with metadata.json', async ({ page }) => {
  const lib = new LibraryPage(page);
  const ex = new ExportActions(page);
  await lib.open();
  await lib.tiles().nth(1).click({ modifiers: ['ControlOrMeta'] });
  await lib.tiles().nth(3).click({ modifiers: ['Shift'] });
  await expect(lib.bulkBar()).toContainText('3 items selected');
  await lib.bulk('Export…').click();
  const dialog = ex.dialog();
  await expect(dialog).toBeVisible();
  await expect(ex.button(dialog, 'Choose folder…')).toHaveCount(0); // no native dialogs in a browser
  await settle(page);
  await page.screenshot(shot('dialog'));

  const downloading = page.waitForEvent('download');
  await ex.button(dialog, 'Download as zip').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^imagine-export-\d{4}-\d\d-\d\d-3-items\.zip$/);
  const zip = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const names = Object.keys(zip).sort();
  expect(names).toHaveLength(4);
  expect(names.filter((n) => n.endsWith('.jpg'))).toHaveLength(3);
  const manifest = JSON.parse(new TextDecoder().decode(zip['metadata.json'])) as {
    items: { file: string; prompt: string; model: string; requestId: string; costTicks: number; params: Record<string, unknown> }[];
  };
  // The grid is newest first, and the seed's video is the newest: tiles 2–4 are images 8, 7 and 6 (the last has a parent).
  const expected = seed.items.filter((i) => i.kind === 'image').slice(-3).reverse();
  expect(manifest.items.map((i) => i.prompt)).toEqual(expected.map((i) => i.prompt));
  for (const item of manifest.items) {
    expect(item.requestId).toMatch(/^req-seed-\d+$/);
    expect(item.params).toMatchObject({ resolution: '1k' });
    expect((await sharp(zip[item.file]!).metadata()).format).toBe('jpeg');
  }
  await expect(dialog).toBeHidden();
  await expect(lib.toast()).toContainText('Downloading');
  await page.screenshot(shot('downloaded'));
});

test('copies an image to the clipboard as PNG, from the viewer and the menu', async ({ page, context, host }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  const lib = new LibraryPage(page);
  const ex = new ExportActions(page);
  await lib.open();
  await lib.tiles().nth(1).click();
  const viewer = lib.viewer();
  await expect(ex.button(viewer, 'Save as…')).toBeVisible();
  await expect(ex.button(viewer, 'Show in folder')).toHaveCount(0); // no file manager behind a browser
  await ex.button(viewer, 'Copy image').click();
  await expect(ex.button(viewer, 'Copied image')).toBeVisible();
  await settle(page);
  await page.screenshot(shot('viewer'));
  const clip = await ex.clipboardPng();
  expect(clip.types).toContain('image/png');
  const meta = await sharp(Buffer.from(clip.base64, 'base64')).metadata();
  expect(meta).toMatchObject({ format: 'png', width: 640, height: 640 }); // image 8 is 1:1, converted from JPEG

  await page.keyboard.press('Escape');
  await lib.tiles().nth(2).click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Item actions' });
  await expect(menu.getByRole('menuitem', { name: 'Show in folder' })).toHaveCount(0);
  await page.screenshot(shot('menu'));
  await menu.getByRole('menuitem', { name: 'Copy image' }).click();
  await expect(lib.toast()).toContainText('Image copied.');
  expect((await sharp(Buffer.from((await ex.clipboardPng()).base64, 'base64')).metadata()).height).toBe(480); // image 7 is 4:3
});

test('drags a tile out as a download URL the host serves', async ({ page, host }) => {
  const lib = new LibraryPage(page);
  const ex = new ExportActions(page);
  await lib.open();
  const tile = lib.tiles().nth(1);
  await expect(tile).toHaveAttribute('draggable', 'true');
  const data = await ex.dragStartData(tile, ['DownloadURL', 'text/uri-list']);
  const match = /^image\/jpeg:(imagine-\d{4}-\d\d-\d\d-[0-9a-f]{8}\.jpg):(http:\/\/127\.0\.0\.1:\d+\/media\/.+\.jpg)$/.exec(data.DownloadURL ?? '');
  expect(match, data.DownloadURL).not.toBeNull();
  expect(data['text/uri-list']).toBe(match![2]);
  expect(new URL(match![2]!).origin).toBe(host.origin);
  // The same URL answers the image to this browser session (the drop target downloads it with its cookies).
  const res = await page.request.get(match![2]!);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('image/jpeg');
});

test('shows the desktop actions when the shell says it has them (screenshots of the Electron layout)', async ({ page }) => {
  // The browser host has no desktop; answer `desktop:capabilities` as Electron would, to see that layout here.
  await page.routeWebSocket(/\/ws$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const call = JSON.parse(String(message)) as { id: number; channel: string };
      if (call.channel !== 'desktop:capabilities') return server.send(message);
      const value = { dialogs: true, reveal: true, nativeDrag: true, nativeClipboard: true };
      ws.send(JSON.stringify({ type: 'result', id: call.id, envelope: { ok: true, value } }));
    });
  });
  await page.reload();
  await page.locator('html[data-app-state="ready"]').waitFor();
  const lib = new LibraryPage(page);
  const ex = new ExportActions(page);
  await lib.open();
  await lib.tiles().nth(1).click({ modifiers: ['ControlOrMeta'] });
  await lib.bulk('Export…').click();
  const dialog = ex.dialog();
  await expect(ex.button(dialog, 'Choose folder…')).toBeVisible();
  await expect(ex.button(dialog, 'Save as zip…')).toBeVisible();
  await expect(ex.button(dialog, 'Download as zip')).toHaveCount(0);
  await settle(page);
  await page.screenshot(shot('dialog-desktop'));
  await ex.button(dialog, 'Cancel').click();
  await lib.tiles().nth(1).click();
  await expect(ex.button(lib.viewer(), 'Show in folder')).toBeVisible();
  await settle(page);
  await page.screenshot(shot('viewer-desktop'));
});

base('a finished Generate tile copies, downloads and drags out its image', async ({ page, context }) => {
  const sim = await startSimulator({ latencyMs: 100 });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'imagine-e2e-export-gen-'));
  const host = await startHostProcess({
    dataDir,
    args: ['--api-base-url', `${sim.url}/v1`, ...rendererArgs],
    env: { XAI_API_KEY: 'xai-e2e-test-key', IMAGINE_SECRET_STORE: 'memory' },
  });
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
    await page.goto(host.url);
    await page.locator('html[data-app-state="ready"]').waitFor();
    const gen = new GeneratePage(page);
    const ex = new ExportActions(page);
    await gen.fill({ prompts: ['A red kite over the dunes'], n: 2, aspect: '1:1' });
    await gen.submit().click();
    const tile = gen.tilesIn('A red kite over the dunes', 'done').first();
    await expect(tile.getByRole('img')).toBeVisible();
    await tile.hover();
    const actions = tile.getByRole('group', { name: 'Image actions' });
    await expect(actions.getByRole('button', { name: 'Download' })).toBeVisible();
    await settle(page);
    await page.screenshot(shot('generate-tile'));

    await actions.getByRole('button', { name: 'Copy image' }).click();
    await expect(actions.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect((await ex.clipboardPng()).types).toContain('image/png');

    const downloading = page.waitForEvent('download');
    await actions.getByRole('button', { name: 'Download' }).click({ timeout: 5000 });
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^imagine-\d{4}-\d\d-\d\d-[0-9a-f]{8}\.(jpg|png|webp)$/);
    expect((await sharp(readFileSync(await download.path())).metadata()).width).toBeGreaterThan(0);

    const data = await ex.dragStartData(tile.getByRole('img'), ['DownloadURL']);
    expect(data.DownloadURL).toMatch(/^image\/\w+:imagine-[^:]+:http:\/\/127\.0\.0\.1:\d+\/media\/[A-Za-z0-9_-]{43}\/media\//);
  } finally {
    await host.stop();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
