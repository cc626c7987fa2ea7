import { startSimulator, type Simulator } from '../../src-main/simulator';
import { OnboardingPage } from './pages/onboarding-page';
import { SettingsPage } from './pages/settings-page';
import { expect, test as base } from './support/fixtures';
import { startHostProcess } from './support/host-process';

/**
 * First run through the browser host against the simulator: no key in the environment, and the file-less test
 * secret store (IMAGINE_SECRET_STORE=memory) so the machine's keychain is never touched.
 */
const test = base.extend<{ sim: Simulator }>({
  sim: async ({}, use) => {
    const sim = await startSimulator({ validKeys: ['xai-e2e-good-key-42', 'xai-e2e-second-key-77'] });
    await use(sim);
    await sim.close();
  },
  host: async ({ sim }, use) => {
    const host = await startHostProcess({
      env: { XAI_API_KEY: '', IMAGINE_SECRET_STORE: 'memory' },
      args: ['--api-base-url', `${sim.url}/v1`],
    });
    await use(host);
    await host.stop();
  },
});

test('first run: invalid key shows an inline error, a valid key gets to ready', async ({ page }) => {
  const onboarding = new OnboardingPage(page);
  await onboarding.expectWelcome();
  await page.screenshot({ path: 'test-results/screenshots/onboarding-welcome.png' });
  await onboarding.chooseKey();

  await onboarding.submitKey('xai-sim-invalid');
  await expect(onboarding.keyError()).toContainText('did not accept this key');
  await expect(onboarding.keyField()).toHaveAttribute('aria-invalid', 'true');
  const describedBy = await onboarding.keyField().getAttribute('aria-describedby');
  const errorId = await onboarding.keyError().getAttribute('id');
  expect(describedBy?.split(' ')).toContain(errorId);
  await page.screenshot({ path: 'test-results/screenshots/onboarding-invalid.png' });

  await onboarding.submitKey('xai-e2e-good-key-42');
  await onboarding.expectReady('Working');
  await expect(page.getByLabel('Masked key')).toHaveText('xa…42');
  await page.screenshot({ path: 'test-results/screenshots/onboarding-ready.png' });
  await onboarding.start();

  const settings = new SettingsPage(page);
  await settings.open();
  await expect(settings.maskedKey()).toHaveText('xa…42');
  await expect(settings.keyState('Working')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/settings.png', fullPage: true });

  // Replace, then remove.
  await settings.keyPanel().getByRole('button', { name: 'Replace key' }).click();
  await settings.setKey('xai-e2e-second-key-77', 'Save new key');
  await expect(settings.maskedKey()).toHaveText('xa…77');
  await settings.removeKey();
  await expect(settings.keyState('No key')).toBeVisible();
});

test('a key without credits is kept and shows the 403 state', async ({ page }) => {
  const onboarding = new OnboardingPage(page);
  await onboarding.chooseKey();
  await onboarding.submitKey('xai-sim-no-credits');
  await onboarding.expectReady('No credits');
  await expect(page.getByText('has no credits', { exact: false }).first()).toBeVisible();
});

test('demo mode end to end: one click in, badge and demo library, one click out', async ({ page, host }) => {
  const onboarding = new OnboardingPage(page);
  await onboarding.tryDemo();
  const settings = new SettingsPage(page);
  await expect(settings.demoBadge()).toContainText('Demo — simulated results');
  await settings.open();
  await expect(settings.about()).toContainText(`${host.dataDir}/demo-library`);
  await expect(settings.about()).toContainText('http://127.0.0.1:');
  await page.screenshot({ path: 'test-results/screenshots/settings-demo.png', fullPage: true });

  // Demo survives a reload (rehydrated from main), then one click back to real.
  await page.reload();
  await page.locator('html[data-app-state="ready"]').waitFor();
  await expect(settings.demoBadge()).toBeVisible();
  await settings.demoBadge().getByRole('button', { name: 'Switch to real API' }).click();
  await expect(settings.demoBadge()).toHaveCount(0);
  await settings.open();
  await expect(settings.about()).toContainText(`${host.dataDir}/library`);
});

test('settings validate as you type, save when valid, and survive a restart', async ({ page, host }) => {
  await new OnboardingPage(page).tryDemo();
  const settings = new SettingsPage(page);
  await settings.open();
  const concurrency = settings.field('Requests at once');
  await concurrency.fill('99');
  await expect(concurrency).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toHaveText('At most 16.');
  await concurrency.fill('2');
  await concurrency.blur();
  await expect(concurrency).not.toHaveAttribute('aria-invalid', 'true');
  await settings.field('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  await host.stop();
  const again = await startHostProcess({ dataDir: host.dataDir, env: { XAI_API_KEY: '', IMAGINE_SECRET_STORE: 'memory' } });
  try {
    await page.goto(again.url);
    await page.locator('html[data-app-state="ready"]').waitFor();
    await settings.open();
    await expect(settings.field('Requests at once')).toHaveValue('2');
    await expect(settings.field('Theme')).toHaveValue('dark');
  } finally {
    await again.stop();
  }
});
