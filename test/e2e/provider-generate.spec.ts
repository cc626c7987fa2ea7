/**
 * Issue 18 in Chromium: text→image with Stability AI and MiniMax from the Generate page, through the browser host,
 * against both simulators. The Provider choice narrows Model, ratios and quality to what the model takes; a provider
 * without a key says so inline with "Add your API key" (the key is stored in main, never shown); each batch lands in
 * the library with its provider and model, and the Library's Provider filter finds it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test as base, type Page } from '@playwright/test';
import { startSimulator, type Simulator } from '../../src-main/simulator';
import { startStabilitySimulator, type StabilitySimulator } from '../../src-main/simulator/stability';
import { startMinimaxSimulator, type MinimaxSimulator } from '../../src-main/simulator/minimax';
import { GeneratePage } from './pages/generate-page';
import { LibraryPage } from './pages/library-page';
import { startHostProcess, type HostProcess } from './support/host-process';

const shotDir = process.env.SHOT_DIR ?? 'test-results/screenshots';
const shot = (name: string) => ({ path: `${shotDir}/provider-generate-${name}.png`, fullPage: true });

const test = base.extend<{ sim: Simulator; stability: StabilitySimulator; minimax: MinimaxSimulator; host: HostProcess }>({
  sim: async ({}, use) => {
    const sim = await startSimulator({ latencyMs: 20 });
    await use(sim);
    await sim.close();
  },
  stability: async ({}, use) => {
    const sim = await startStabilitySimulator({ latencyMs: 20 });
    await use(sim);
    await sim.close();
  },
  minimax: async ({}, use) => {
    const sim = await startMinimaxSimulator({ latencyMs: 20 });
    await use(sim);
    await sim.close();
  },
  host: async ({ sim, stability, minimax }, use) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'imagine-e2e-provider-generate-'));
    // Stability's key comes from the environment; MiniMax has none until the test adds it on the page.
    const host = await startHostProcess({
      dataDir,
      args: ['--api-base-url', `${sim.url}/v1`],
      env: { STABILITY_API_KEY: 'sk-e2e-generate-key', IMAGINE_STABILITY_BASE_URL: stability.url, IMAGINE_MINIMAX_BASE_URL: minimax.url },
    });
    await use(host);
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

const provider = (page: Page) => page.getByRole('form', { name: 'New batch' }).getByRole('combobox', { name: 'Provider' });

test('generate with Stability AI and MiniMax: items carry provider and model, the Provider filter finds them', async ({ page, host, stability, minimax }) => {
  await page.goto(host.url);
  await page.locator('html[data-app-state="ready"]').waitFor();
  const gen = new GeneratePage(page);
  await gen.open();

  // Stability: only its models, its ratios (21:9, 4:5 …, no 2:1), no Quality.
  await provider(page).selectOption({ label: 'Stability AI' });
  await expect(gen.model()).toHaveValue('stable-image-core');
  const models = await gen.model().locator('option').allTextContents();
  expect(models.every((m) => /Stable|SD ?3\.5|sd3\.5/.test(m))).toBe(true);
  await gen.model().selectOption('sd3.5-large');
  await expect(gen.aspect('4:5')).toBeVisible();
  await expect(gen.aspect('2:1')).toHaveCount(0);
  await expect(page.getByRole('radiogroup', { name: 'Quality' })).toHaveCount(0);
  await gen.fill({ prompts: ['a lighthouse on a cliff'], n: 2, aspect: '4:5' });
  // Two images, one request each (Stability's limit), at the table's 6.5 credits.
  await expect(gen.estimate()).toContainText('2 images × $0.07');
  await expect(gen.estimate()).toContainText('in 2 requests');
  const before = stability.requests.length;
  await gen.submit().click();
  await expect(gen.tilesIn('a lighthouse on a cliff', 'done')).toHaveCount(2);
  expect(stability.requests.slice(before).filter((r) => r.method === 'POST').map((r) => r.path))
    .toEqual(['/v2beta/stable-image/generate/sd3', '/v2beta/stable-image/generate/sd3']);
  await page.screenshot(shot('stability'));

  // MiniMax: no key yet, so the form says so inline and offers to add one; the key goes to main only.
  await provider(page).selectOption({ label: 'MiniMax' });
  await expect(gen.model()).toHaveValue('image-01');
  const note = page.getByRole('region', { name: 'MiniMax key needed' });
  await expect(note).toContainText('No MiniMax API key yet');
  await page.screenshot(shot('minimax-no-key'));
  // The same small and dark (the theme follows the system by default).
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot(shot('minimax-no-key-1024-dark'));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  await gen.fill({ prompts: ['a red fox in the snow'], n: 2, aspect: '16:9' });
  await gen.submit().click();
  await expect(gen.error()).toContainText('Add your API key');
  await note.getByRole('button', { name: 'Add your API key' }).click();
  await note.getByLabel(/MiniMax API key/i).fill('mm-e2e-generate-key');
  await note.getByRole('button', { name: 'Check and save' }).click();
  await expect(note).toHaveCount(0);
  const posts = () => minimax.requests.filter((r) => r.method === 'POST' && r.path === '/v1/image_generation').length;
  expect(posts()).toBe(0);
  await gen.submit().click();
  await expect(gen.tilesIn('a red fox in the snow', 'done')).toHaveCount(2);
  expect(posts()).toBe(1);

  // The library: each provider's items by the Provider filter, with provider and model on the item.
  const library = new LibraryPage(page);
  await library.open();
  await page.getByRole('button', { name: /^Filters/ }).click();
  const filter = page.getByRole('combobox', { name: 'Provider' });
  await filter.selectOption({ label: 'Stability AI' });
  await expect(library.tiles()).toHaveCount(2);
  await filter.selectOption({ label: 'MiniMax' });
  await expect(library.tiles()).toHaveCount(2);
  await library.tiles().first().click();
  const viewer = library.viewer();
  await expect(viewer).toContainText('MiniMax');
  await expect(viewer).toContainText('image-01');
  await page.screenshot(shot('minimax-viewer'));
});

test('only a Stability key: Generate opens on its form with Stability chosen, and generates; xAI chosen says it needs a key', async ({ page, sim, stability }) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'imagine-e2e-stability-only-'));
  const host = await startHostProcess({
    dataDir,
    args: ['--api-base-url', `${sim.url}/v1`],
    env: { XAI_API_KEY: '', STABILITY_API_KEY: 'sk-e2e-only-key', IMAGINE_STABILITY_BASE_URL: stability.url },
  });
  try {
    await page.goto(host.url);
    await page.locator('html[data-app-state="ready"]').waitFor();
    // A key is set (Stability's): no first-run welcome, and Generate is its form, not "An API key is needed".
    await expect(page.getByRole('heading', { name: 'Welcome to Imagine Studio' })).toHaveCount(0);
    const gen = new GeneratePage(page);
    await gen.open();
    await expect(page.getByRole('form', { name: 'New batch' })).toBeVisible();
    await expect(page.getByRole('region', { name: /An API key is needed/ })).toHaveCount(0);
    await expect(provider(page)).toHaveValue('stability');
    await expect(gen.model()).toHaveValue('stable-image-core');
    await page.screenshot(shot('stability-only'));

    // xAI chosen: the form stays, and says inline that xAI needs a key; main refuses the submit.
    await provider(page).selectOption({ label: 'xAI' });
    const note = page.getByRole('region', { name: 'xAI key needed' });
    await expect(note).toContainText('No xAI API key yet');
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot(shot('stability-only-xai-note-1024-dark'));
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
    await gen.fill({ prompts: ['a quiet harbour at dawn'], n: 1, aspect: '1:1' });
    await gen.submit().click();
    await expect(gen.error()).toContainText('Add your API key for xAI');
    expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    // Back to Stability: it generates.
    await provider(page).selectOption({ label: 'Stability AI' });
    await expect(note).toHaveCount(0);
    await gen.submit().click();
    await expect(gen.tilesIn('a quiet harbour at dawn', 'done')).toHaveCount(1);
    expect(stability.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/v2beta/stable-image/generate/core']);

    // Edit opens too, on Stability's mask edits; Video offers no Stability, so it still asks for a key.
    await page.keyboard.press('Control+2');
    await expect(page.getByRole('radiogroup', { name: 'Provider' }).getByRole('radio', { name: /Stability AI/ })).toBeChecked();
    await expect(page.getByRole('region', { name: /An API key is needed/ })).toHaveCount(0);
    await page.screenshot(shot('stability-only-edit'));
    await page.keyboard.press('Control+3');
    await expect(page.getByRole('region', { name: 'An API key is needed to make videos' })).toBeVisible();
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
