import { test as base } from '@playwright/test';
import { removeDir, startHostProcess, type HostProcess } from './host-process';

/** Each test gets its own browser host on a fresh data directory, and a page already signed in to it. */
export const test = base.extend<{ host: HostProcess }>({
  host: async ({}, use) => {
    const host = await startHostProcess();
    await use(host);
    await host.stop();
    removeDir(host.dataDir);
  },
  page: async ({ page, host }, use) => {
    await page.goto(host.url);
    await page.locator('html[data-app-state="ready"]').waitFor();
    await use(page);
  },
});

export { expect } from '@playwright/test';
