import { _electron, expect, test } from '@playwright/test';
import { electronBinary } from '../../scripts/setup/electron-binary.mjs';

// The same check `npm start` makes; it never loads `electron`, whose first use downloads the binary.
const electron = electronBinary();
const binary = electron.path;

test('the desktop app starts, shows the shell and keeps Node out of the page', async () => {
  test.skip(
    binary === null,
    `No Electron binary: ${electron.reason}. Runs wherever \`npx install-electron\` has succeeded.`,
  );
  const app = await _electron.launch({ executablePath: binary!, args: ['out/main/index.js'] });
  const window = await app.firstWindow();
  await window.locator('html[data-app-state="ready"]').waitFor();
  await expect(window.getByRole('tab', { name: /Generate/ })).toBeVisible();
  expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  await window.screenshot({ path: 'test-results/screenshots/electron-shell.png' });
  await app.close();
});
