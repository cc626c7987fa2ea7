import { expect, test } from './support/fixtures';
import { ShellPage } from './pages/shell-page';

test('moves through the five sections by keyboard and looks right', async ({ page }) => {
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
  await page.screenshot({ path: 'test-results/screenshots/shell-library.png' });
});

test('follows the OS colour scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(dark).not.toBe(light);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/shell-dark.png' });
});

test('the contract answers over the bridge, and malformed input comes back as a validation error', async ({ page }) => {
  const result = await page.evaluate(async () => {
    const api = (window as unknown as { api: { invoke(c: string, i: unknown): Promise<unknown> } }).api;
    return {
      ping: await api.invoke('app:ping', { message: 'hello' }),
      bad: await api.invoke('app:ping', { message: 42 }),
      unknown: await api.invoke('app:nope', {}),
    };
  });
  expect(result.ping).toMatchObject({ ok: true, value: { message: 'hello' } });
  expect(result.bad).toMatchObject({ ok: false, error: { kind: 'validation' } });
  expect(result.unknown).toMatchObject({ ok: false, error: { kind: 'validation' } });
});
