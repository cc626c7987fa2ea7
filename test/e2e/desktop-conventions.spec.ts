import { SettingsPage } from './pages/settings-page';
import { expect, test } from './support/fixtures';

/**
 * What the browser host shows of the desktop conventions: the window (tab) title follows the section, and About gives
 * the version and says updates come with the desktop app, with no update controls it could not honour.
 */
test('the title names the section; About shows the version and where updates come from', async ({ page }) => {
  await expect(page).toHaveTitle('Generate — Imagine Studio');
  const settings = new SettingsPage(page);
  await settings.open();
  await expect(page).toHaveTitle('Settings — Imagine Studio');
  const about = page.getByRole('region', { name: 'About' });
  await expect(about).toContainText(/Imagine Studio \d+\.\d+\.\d+ \(browser host/);
  await expect(about).toContainText('Updates come with the desktop app.');
  await expect(about.getByRole('button', { name: 'Check for updates' })).toHaveCount(0);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const size of [{ width: 1280, height: 800 }, { width: 1024, height: 700 }]) {
      await page.setViewportSize(size);
      await about.scrollIntoViewIfNeeded();
      await about.screenshot({ path: `test-results/screenshots/about-${scheme}-${size.width}.png` });
    }
  }
});
