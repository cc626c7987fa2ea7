import { expect } from '@playwright/test';
import type { Simulator } from '../../src-main/simulator';
import { GeneratePage } from './pages/generate-page';
import { LibraryPage } from './pages/library-page';
import { simulatedHostTest } from './support/simulated-host';

const shot = (name: string) => ({ path: `test-results/screenshots/generate-${name}.png`, fullPage: true });

/** A simulator in the test process and a host pointed at it with a test key (env), on a fresh data dir. */
const test = simulatedHostTest({ name: 'gen', simulator: { latencyMs: 300 } });

const images = (sim: Simulator) => sim.requests.filter((r) => r.path === '/v1/images/generations');

test('4 × 16:9: tiles appear at submit and fill, and the images are in the Library', async ({ page, launch, sim }) => {
  await launch(page);
  const gen = new GeneratePage(page);
  await gen.fill({ prompts: ['A lighthouse on a cliff at dusk'], n: 4, aspect: '16:9' });
  await expect(gen.estimate()).toContainText('4 images × $0.02');
  await gen.submit().click();
  await expect(gen.tiles('A lighthouse on a cliff at dusk')).toHaveCount(4);
  await page.screenshot(shot('pending'));
  await expect(gen.tilesIn('A lighthouse on a cliff at dusk', 'done')).toHaveCount(4);
  await expect(gen.tilesIn('A lighthouse on a cliff at dusk', 'done').first().getByRole('img')).toBeVisible();
  await expect(gen.sessionCost()).toHaveText('$0.08');
  expect((images(sim)[0]?.body as { aspect_ratio: string; n: number })).toMatchObject({ aspect_ratio: '16:9', n: 4 });
  await page.screenshot(shot('done'));
  const lib = new LibraryPage(page);
  await lib.open();
  await expect(lib.tiles()).toHaveCount(4);
});

test('a blocked image is explained, and the budget cap blocks an expensive batch', async ({ page, launch, sim }) => {
  await launch(page);
  const gen = new GeneratePage(page);
  await gen.fill({ prompts: ['A cat BLOCKED'], n: 2, aspect: '1:1' });
  await page.keyboard.press('Control+Enter');
  await expect(gen.tilesIn('A cat BLOCKED', 'blocked')).toHaveCount(1);
  await expect(gen.tilesIn('A cat BLOCKED', 'blocked')).toContainText("xAI's content policy withheld this image");
  await expect(gen.tilesIn('A cat BLOCKED', 'done')).toHaveCount(1);
  await gen.batch('A cat BLOCKED').screenshot({ path: 'test-results/screenshots/generate-blocked.png' });

  await gen.updateSettings({ budgetCapUsd: 0.1 });
  const before = images(sim).length;
  await gen.fill({ prompts: ['one', 'two', 'three'], n: 4, aspect: '1:1' });
  await expect(gen.estimate()).toContainText('Over budget');
  await gen.submit().click();
  await expect(gen.error()).toContainText('over your budget cap of $0.10');
  await expect(gen.estimate()).toContainText('$0.24');
  await page.screenshot(shot('budget'));
  expect(images(sim).length).toBe(before);
});

test('restart mid-queue: queued jobs finish, the one in flight is marked interrupted', async ({ page, launch, sim }) => {
  sim.config.latencyMs = 2500;
  const host = await launch(page);
  const gen = new GeneratePage(page);
  await gen.updateSettings({ concurrency: 1 });
  await gen.fill({ prompts: ['first in flight', 'second queued', 'third queued'], n: 1, aspect: '1:1' });
  await gen.submit().click();
  const name = /^Batch: 3 prompts/;
  await expect(gen.tiles(name)).toHaveCount(3);
  await expect.poll(() => images(sim).length).toBe(1);
  await host.stop('SIGKILL'); // the process dies with a request at xAI
  sim.config.latencyMs = 200;
  await launch(page);
  await expect(gen.tilesIn(name, 'done')).toHaveCount(2, { timeout: 20_000 });
  await expect(gen.tilesIn(name, 'interrupted')).toHaveCount(1);
  await expect(gen.batch(name).getByRole('note')).toContainText('xAI may have generated and billed it');
  await page.screenshot(shot('interrupted'));
  await gen.batch(name).screenshot({ path: 'test-results/screenshots/generate-interrupted-batch.png' });
  await gen.tilesIn(name, 'interrupted').getByRole('button', { name: 'Retry' }).click();
  await expect(gen.tilesIn(name, 'done')).toHaveCount(3, { timeout: 20_000 });
});
