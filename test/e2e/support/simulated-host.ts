import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { startSimulator, type Simulator } from '../../../src-main/simulator';
import type { SimulatorOptions } from '../../../src-main/simulator/config';
import { startHostProcess, type HostProcess } from './host-process';

/** What a spec gets: the simulator (its request log included), the data dir, and a way to start a host on it. */
export interface SimulatedHostFixtures {
  sim: Simulator;
  dataDir: string;
  /**
   * More environment for each host, after `options.env`: a spec overrides this fixture when it depends on another
   * fixture, e.g. another provider's simulator started per test (`IMAGINE_STABILITY_BASE_URL: stability.url`).
   */
  hostEnv: Record<string, string>;
  /** Starts a host on `dataDir` pointed at the simulator and opens it in `page`; call again to "restart". */
  launch: (page: Page) => Promise<HostProcess>;
}

/**
 * A Playwright `test` with a simulator in the test process and browser hosts pointed at it with a test key from
 * the environment (read-only) and a file-less secret store, on a fresh data dir that is removed afterwards.
 */
export function simulatedHostTest(options: { name: string; simulator?: SimulatorOptions; env?: Record<string, string> }) {
  return base.extend<SimulatedHostFixtures>({
    sim: async ({}, use) => {
      const sim = await startSimulator(options.simulator ?? { latencyMs: 200 });
      await use(sim);
      await sim.close();
    },
    dataDir: async ({}, use) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), `imagine-e2e-${options.name}-`));
      await use(dir);
      rmSync(dir, { recursive: true, force: true });
    },
    hostEnv: async ({}, use) => use({}),
    launch: async ({ sim, dataDir, hostEnv }, use) => {
      const hosts: HostProcess[] = [];
      await use(async (page) => {
        const host = await startHostProcess({
          dataDir,
          args: ['--api-base-url', `${sim.url}/v1`],
          env: { XAI_API_KEY: 'xai-e2e-test-key', IMAGINE_SECRET_STORE: 'memory', ...options.env, ...hostEnv },
        });
        hosts.push(host);
        await page.goto(host.url);
        await page.locator('html[data-app-state="ready"]').waitFor();
        return host;
      });
      for (const h of hosts) await h.stop();
    },
  });
}
