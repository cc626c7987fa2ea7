import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

/**
 * Finds an installed Electron binary without triggering electron's download-on-first-use (which these
 * machines cannot reach and which would hang or throw).
 */
function installedElectron(): string | null {
  const dir = path.resolve('node_modules/electron');
  const pathFile = path.join(dir, 'path.txt');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = installedElectron();

test('the desktop app starts, shows the shell and keeps Node out of the page', async () => {
  test.skip(
    binary === null,
    'No Electron binary is installed: Electron >= 42 downloads it at first launch from a host this machine cannot reach. Runs wherever `npx install-electron` has succeeded.',
  );
  const app = await electron.launch({ executablePath: binary!, args: ['out/main/index.js'] });
  const window = await app.firstWindow();
  await window.locator('html[data-app-state="ready"]').waitFor();
  await expect(window.getByRole('tab', { name: /Generate/ })).toBeVisible();
  expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  await window.screenshot({ path: 'test-results/screenshots/electron-shell.png' });
  await app.close();
});
