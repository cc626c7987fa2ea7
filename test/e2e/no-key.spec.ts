/**
 * Issue 14, point 1: no gate. Without a key the app opens on a library with items (no welcome in the way), and the
 * Library, viewer, search, export and Settings all work; Generate, Edit and Video show "Add your API key" and "Try
 * demo mode" where their form would be. A keychain that cannot be read says so and offers to try again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startSimulator, type Simulator } from '../../src-main/simulator';
import { LibraryPage } from './pages/library-page';
import { ShellPage } from './pages/shell-page';
import { expect, test } from './support/fixtures';
import { startHostProcess } from './support/host-process';
import { seedLibrary } from './support/seed-library';

const rendererArgs = process.env.E2E_RENDERER_DIR ? ['--renderer-dir', process.env.E2E_RENDERER_DIR] : [];
/**
 * `FLOWS_SHOTS=dark-2x` runs the same scenes in the dark theme at 2× for the review screenshots (suffixed names);
 * CI runs the default, light at 1×.
 */
const variant = process.env.FLOWS_SHOTS === 'dark-2x' ? 'dark-2x' : '';
if (variant) test.use({ colorScheme: 'dark', deviceScaleFactor: 2 });
const shot = (name: string) => ({ path: `test-results/screenshots/flows-${name}${variant ? `-${variant}` : ''}.png` });
const settle = (page: Page) =>
  page.waitForFunction(() => [...document.images].every((img) => img.complete), undefined, { timeout: 5000 }).catch(() => {});
const NO_KEY = { XAI_API_KEY: '', IMAGINE_SECRET_STORE: 'memory' };

let sim: Simulator;
test.beforeAll(async () => {
  sim = await startSimulator({ validKeys: ['xai-e2e-good-key-42'] });
});
test.afterAll(async () => sim.close());

test.describe('without a key', () => {
  test.use({
    host: async ({}, use) => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'imagine-e2e-nokey-'));
      await seedLibrary(dataDir, 12);
      const host = await startHostProcess({ dataDir, args: [...rendererArgs, '--api-base-url', `${sim.url}/v1`], env: NO_KEY });
      await use(host);
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });

  test('the library opens and works; the paid forms ask for a key in place', async ({ page }) => {
    const shell = new ShellPage(page);
    const lib = new LibraryPage(page);
    await expect(page.getByRole('heading', { name: 'Welcome to Imagine Studio' })).toHaveCount(0);
    await shell.expectSection('Library');
    await lib.expectCount('13 items');
    await settle(page);
    await page.screenshot(shot('no-key-library'));

    await lib.searchFor('lighthouse');
    await lib.expectCount('1 item');
    await lib.search().fill('');
    await lib.expectCount('13 items');
    await lib.tiles().first().click();
    await expect(lib.viewer()).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(lib.viewer()).toHaveCount(0);

    // Export works without a key: a zip download of one item.
    await lib.tiles().nth(1).click({ modifiers: ['ControlOrMeta'] });
    await lib.bulk('Export…').click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('dialog', { name: /^Export \d/ }).getByRole('button', { name: 'Download as zip' }).click();
    expect((await downloading).suggestedFilename()).toMatch(/\.zip$/);

    for (const [key, section, what] of [['1', 'Generate', 'generate images'], ['2', 'Edit', 'edit images'], ['3', 'Video', 'make videos']] as const) {
      await page.keyboard.press(`Control+${key}`);
      await shell.expectSection(section);
      const panel = page.getByRole('region', { name: `An API key is needed to ${what}` });
      await expect(panel).toBeVisible();
      await expect(panel.getByRole('button', { name: 'Add your API key' })).toBeVisible();
      await expect(panel.getByRole('button', { name: 'Try demo mode' })).toBeVisible();
    }
    await expect(page.getByRole('form', { name: 'New video' })).toHaveCount(0);
    await page.screenshot(shot('no-key-video'));

    await page.keyboard.press('Control+5');
    await shell.expectSection('Settings');
    await expect(page.getByRole('region', { name: 'xAI key', exact: true }).getByText('No key', { exact: true })).toBeVisible();

    // Reopening the app lands where the user left off.
    await page.reload();
    await page.locator('html[data-app-state="ready"]').waitFor();
    await shell.expectSection('Settings');
  });

  test('"Add your API key" in place turns the panel into the form', async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.tab('Generate').click();
    await page.getByRole('button', { name: 'Add your API key' }).click();
    await expect(page.getByLabel('xAI API key')).toBeFocused();
    await page.screenshot(shot('no-key-add-key'));
    await page.getByLabel('xAI API key').fill('xai-e2e-good-key-42');
    await page.getByRole('button', { name: 'Check and save' }).click();
    await expect(page.getByRole('form', { name: 'New batch' })).toBeVisible();
  });
});

test.describe('first run', () => {
  test.use({
    host: async ({}, use) => {
      const host = await startHostProcess({ args: rendererArgs, env: NO_KEY });
      await use(host);
      await host.stop();
      rmSync(host.dataDir, { recursive: true, force: true });
    },
  });

  test('the welcome is a door, not a lock: Ctrl+4 and "Look around first" leave it', async ({ page }) => {
    const shell = new ShellPage(page);
    await expect(page.getByRole('heading', { name: 'Welcome to Imagine Studio' })).toBeVisible();
    await page.keyboard.press('Control+4');
    await shell.expectSection('Library');
    await page.reload();
    await page.locator('html[data-app-state="ready"]').waitFor();
    // Seen once: it does not come back.
    await shell.expectSection('Library');
  });
});

test.describe('a keychain that cannot be read', () => {
  test.use({
    host: async ({}, use) => {
      // The real keychain adapter with no Secret Service to talk to: what a locked or absent keyring looks like.
      const host = await startHostProcess({
        args: rendererArgs,
        env: { XAI_API_KEY: '', IMAGINE_SECRET_STORE: '', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/imagine-e2e-bus' },
      });
      await use(host);
      await host.stop();
      rmSync(host.dataDir, { recursive: true, force: true });
    },
  });

  test('says the keychain is locked and offers to try again', async ({ page }) => {
    const shell = new ShellPage(page);
    if (await page.getByRole('heading', { name: 'Welcome to Imagine Studio' }).isVisible()) {
      await page.getByRole('button', { name: 'Look around first' }).click();
    }
    await shell.tab('Generate').click();
    const panel = page.getByRole('region', { name: 'Your keychain is locked' });
    await expect(panel).toBeVisible();
    await page.screenshot(shot('keychain-locked'));
    await panel.getByRole('button', { name: 'Try again' }).click();
    await expect(panel.getByRole('button', { name: 'Try again' })).toBeEnabled();
    await expect(panel).toBeVisible();
  });
});
