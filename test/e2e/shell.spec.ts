import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { ShellPage } from './pages/shell-page';
import { expect, test } from './support/fixtures';
import { removeDir, startHostProcess } from './support/host-process';
import { seedLibrary } from './support/seed-library';

const shot = (name: string) => ({ path: `test-results/screenshots/shell-${name}.png` });


const bodyColour = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('moves through the five sections by keyboard; Ctrl+number moves the focus into the section and says so', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.expectSection('Generate');
  await shell.tab('Generate').focus();
  for (const name of ['Edit', 'Video', 'Library', 'Settings']) {
    await page.keyboard.press('ArrowDown');
    await shell.expectSection(name);
    await expect(shell.tab(name)).toBeFocused();
  }
  await page.keyboard.press('ArrowDown'); // wraps around
  await shell.expectSection('Generate');
  await page.keyboard.press('Control+4');
  await shell.expectSection('Library');
  await expect(shell.heading()).toBeFocused();
  await expect(shell.announcer()).toHaveText('Library section');
  await page.keyboard.press('Control+3');
  await expect(shell.heading()).toBeFocused();
  await expect(shell.announcer()).toHaveText('Video section');
  // Tab from the heading goes into the section, not back to the navigation.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('[role="tabpanel"]') !== null)).toBe(true);
});

test('the theme setting applies: system follows the OS live, light and dark override it', async ({ page }) => {
  const shell = new ShellPage(page);
  const html = page.locator('html');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const dark = await bodyColour(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-theme', 'light');
  expect(await bodyColour(page)).not.toBe(dark);

  await shell.tab('Settings').click();
  await page.getByLabel('Theme', { exact: true }).selectOption('dark');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect(await bodyColour(page)).toBe(dark);
  await page.emulateMedia({ colorScheme: 'light' }); // the OS no longer matters
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.getByLabel('Theme', { exact: true }).selectOption('light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.getByLabel('Theme', { exact: true }).selectOption('system');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  // And it sticks across a reload.
  await page.getByLabel('Theme', { exact: true }).selectOption('light');
  await page.reload();
  await page.locator('html[data-app-state="ready"]').waitFor();
  await expect(html).toHaveAttribute('data-theme', 'light');
});

test('? and Ctrl+/ open one list of every shortcut in the app; Esc closes it and the focus returns', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.tab('Library').click();
  await page.keyboard.press('?');
  const dialog = shell.shortcuts();
  await expect(dialog).toBeVisible();
  for (const group of ['Anywhere', 'Generate', 'Edit', 'Library']) await expect(dialog.getByRole('heading', { name: group })).toBeVisible();
  await expect(dialog.getByText('Search prompt history')).toBeVisible();
  await expect(dialog.getByText('Rotate the selected source right / left')).toBeVisible();
  await expect(dialog.getByRole('button', { name: /Close/ })).toBeFocused();
  await page.screenshot(shot('shortcuts'));
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(shell.tab('Library')).toBeFocused();

  // Ctrl+/ works from inside a text field; ? typed there stays text.
  await shell.tab('Generate').click();
  const prompt = page.getByLabel('Prompt', { exact: true });
  await prompt.fill('what?');
  await expect(dialog).toBeHidden();
  await prompt.press('Control+/');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(prompt).toBeFocused();
  // Generate's own "Shortcuts (?)" button opens the same list.
  await page.getByRole('button', { name: 'Shortcuts (?)' }).click();
  await expect(dialog.getByRole('heading', { name: 'Library' })).toBeVisible();
});

test('when the host goes away a banner says so; a host restarted on the same port brings the page back, reloaded', async ({ page, host, context }) => {
  const shell = new ShellPage(page);
  await expect(shell.connectionBanner()).toBeHidden();
  const port = Number(new URL(host.origin).port);
  const sent: string[] = [];
  page.on('websocket', (ws) => ws.on('framesent', (f) => sent.push(String(f.payload))));
  await host.stop();
  await expect(shell.connectionBanner()).toBeVisible();
  sent.length = 0; // from here on, only what the page asks the restarted host
  await expect(page.locator('html')).toHaveAttribute('data-bridge', 'disconnected');
  // The page stays usable underneath: the banner does not block the navigation.
  await shell.tab('Settings').click();
  await shell.expectSection('Settings');
  await page.screenshot(shot('reconnecting'));

  // While the page could not hear about it, the settings changed on disk: the rehydration must pick that up.
  const settingsFile = path.join(host.dataDir, 'settings.json');
  const settings = existsSync(settingsFile) ? (JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(settingsFile, JSON.stringify({ ...settings, theme: 'dark' }, null, '\t'));
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

  const again = await startHostProcess({ dataDir: host.dataDir, port });
  try {
    // A new launch has a new token: opening its printed address (as the banner says) renews the cookie.
    const other = await context.newPage();
    await other.goto(again.url);
    await other.locator('html[data-app-state="ready"]').waitFor();
    await other.close();
    await page.bringToFront();
    await expect(shell.connectionBanner()).toBeHidden({ timeout: 15_000 });
    await expect(page.locator('html')).toHaveAttribute('data-bridge', 'connected');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect.poll(() => ['settings:get', 'jobs:list', 'video:list', 'app:info'].every((c) => sent.some((s) => s.includes(`"${c}"`)))).toBe(true);
    await shell.expectSection('Settings');
  } finally {
    await again.stop();
  }
});

test('files dropped on any screen offer "Import to library" or "Edit these", never a browser navigation', async ({ page }) => {
  const shell = new ShellPage(page);
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3b5bdb' } }).png().toBuffer();
  const file = { name: 'blue.png', mimeType: 'image/png', base64: png.toString('base64') };
  const url = page.url();

  await shell.tab('Video').click();
  await shell.dropFiles([file]);
  const choice = page.getByRole('dialog', { name: 'What should happen to 1 image?' });
  await expect(choice).toBeVisible();
  await page.screenshot(shot('drop-choice'));
  await choice.getByRole('button', { name: /Edit these/ }).click();
  await shell.expectSection('Edit');
  await expect(page.getByRole('list', { name: 'Sources' }).getByRole('listitem', { name: /^Source \d+ of \d+:/ })).toHaveCount(1);
  expect(page.url()).toBe(url);

  await shell.tab('Settings').click();
  await shell.dropFiles([file, { name: 'notes.txt', mimeType: 'text/plain', base64: btoa('hello') }]);
  await page.getByRole('button', { name: /Import to library/ }).click();
  await shell.expectSection('Library');
  await expect(page.getByText(/left out notes\.txt/)).toBeVisible();
  await expect(page.getByRole('status', { name: 'Item count' })).toHaveText(/\b1 item/);
  expect(page.url()).toBe(url);
});

test('a video finishing while the window is in the background: the tab shows it running, then the OS is told', async ({ page }) => {
  // The window "in the background", and an OS notification centre the test can read.
  await page.evaluate(() => {
    const shown: { title: string; body?: string }[] = [];
    (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    class FakeNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, body: options?.body });
      }
      close() {}
    }
    Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true });
    document.hasFocus = () => false;
  });
  const shell = new ShellPage(page);
  await shell.tab('Settings').click();
  await page.getByRole('region', { name: 'Demo mode' }).getByRole('button', { name: 'Switch to demo mode' }).click();
  await expect(page.getByRole('complementary', { name: 'Demo mode' })).toBeVisible();
  await shell.tab('Video').click();
  const form = page.getByRole('form', { name: 'New video' });
  await form.getByRole('textbox', { name: /Prompt/ }).fill('a paper boat in the rain');
  await expect(form.getByRole('status', { name: 'Estimated cost' })).toContainText('$');
  await form.getByRole('button', { name: 'Generate video' }).click();
  await shell.tab('Library').click();
  await expect(shell.tab('Video')).toHaveAccessibleDescription('1 running');
  await page.screenshot(shot('running-pill'));
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { shownNotifications: { title: string }[] }).shownNotifications), { timeout: 30_000 })
    .toEqual([{ title: 'Imagine Studio: video ready', body: '“a paper boat in the rain”' }]);
  await expect(shell.tab('Video')).not.toHaveAccessibleDescription(/running/);
});

const SECTIONS = ['Generate', 'Edit', 'Video', 'Library', 'Settings'] as const;

test('every screen in both themes at 1280×800 and 1024×700 (screenshots for review)', async ({ browser }) => {
  test.setTimeout(120_000);
  const host = await startHostProcess();
  try {
    await host.stop();
    await seedLibrary(host.dataDir, 24);
  } catch (err) {
    removeDir(host.dataDir);
    throw err;
  }
  const seeded = await startHostProcess({ dataDir: host.dataDir });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(seeded.url);
    await page.locator('html[data-app-state="ready"]').waitFor();
    const shell = new ShellPage(page);
    for (const [w, h] of [[1280, 800], [1024, 700]] as const) {
      await page.setViewportSize({ width: w, height: h });
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
        for (const name of SECTIONS) {
          await shell.tab(name).click();
          await shell.expectSection(name);
          if (name === 'Library') await expect(page.getByRole('grid', { name: 'Library items' }).locator('img').first()).toBeVisible();
          await page.screenshot(shot(`${name.toLowerCase()}-${scheme}-${w}`));
          // Nothing spills sideways out of the window.
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `${name} ${scheme} ${w}`).toBeLessThanOrEqual(0);
        }
      }
    }
  } finally {
    await context.close();
    await seeded.stop();
    removeDir(seeded.dataDir);
  }
});

test('first run (onboarding) in both themes (screenshots for review)', async ({ browser }) => {
  const host = await startHostProcess({ env: { XAI_API_KEY: '', IMAGINE_SECRET_STORE: 'memory' } });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(host.url);
    await page.locator('html[data-app-state="ready"]').waitFor();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
      await page.screenshot(shot(`onboarding-${scheme}`));
    }
  } finally {
    await context.close();
    await host.stop();
    removeDir(host.dataDir);
  }
});
