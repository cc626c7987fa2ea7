import { test as base } from '@playwright/test';
import { removeDir, startHostProcess, type HostProcess } from './host-process';

/** Where the built renderer is: the default build, or a private one (shared machines rebuild `out/` concurrently). */
const rendererArgs = process.env.E2E_RENDERER_DIR ? ['--renderer-dir', process.env.E2E_RENDERER_DIR] : [];

/** Each test gets its own browser host on a fresh data directory, and a page already signed in to it. */
export const test = base.extend<{ host: HostProcess }>({
  host: async ({}, use) => {
    const host = await startHostProcess({ args: rendererArgs });
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
