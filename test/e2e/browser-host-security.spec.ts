import { expect, test } from './support/fixtures';

/**
 * Signing in to the browser host as a user sees it (the attacker's view is test/main/hardening/host-session):
 * the printed address leaves the address bar at once, no cookie is set, a second tab joins without a new address,
 * and the spent address opens nothing in another browser.
 */
test('the printed address signs in one tab; other tabs join it; the spent address opens nothing', async ({ page, host, browser, context }) => {
  await expect(page).toHaveURL(`${host.origin}/`);
  expect(await context.cookies()).toEqual([]);
  expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual(['imagine-studio.session']);

  // A second tab of the same browser opened at the bare address joins the first one's session.
  const second = await context.newPage();
  await second.goto(`${host.origin}/`);
  await second.locator('html[data-app-state="ready"]').waitFor();
  await expect(second.locator('html')).toHaveAttribute('data-bridge', 'connected');
  await second.close();

  // Another browser (no session) with the address from history: spent, so it stays signed out and says why.
  const stranger = await browser.newContext();
  try {
    const other = await stranger.newPage();
    await other.goto(host.url);
    await expect(other).toHaveURL(`${host.origin}/`);
    await expect(other.locator('html')).toHaveAttribute('data-bridge', 'signed-out');
    await expect(other.getByTestId('connection-banner')).toContainText('not signed in');
    await other.screenshot({ path: 'test-results/screenshots/signed-out.png' });
    // A fresh address (the host printed one when the first was spent) signs it in.
    await other.goto(await host.nextUrl());
    await other.locator('html[data-app-state="ready"]').waitFor();
    await expect(other).toHaveURL(`${host.origin}/`);
  } finally {
    await stranger.close();
  }
});
