/**
 * Issue 18 in Chromium: Stability AI's creative upscale survives a host SIGKILL while it polls. The user starts
 * "Upscale (creative)" from the viewer; the host is killed while Stability still renders it (the simulator keeps the
 * result pending); a new host on the same data resumes polling from its journal, files the result once as an edit of
 * its source, and the page says it finished — and Stability's request log shows exactly one start call.
 */
import { expect, type Page } from '@playwright/test';
import sharp from 'sharp';
import { startStabilitySimulator, type StabilitySimulator } from '../../src-main/simulator/stability';
import { LibraryPage } from './pages/library-page';
import { ViewerPage } from './pages/viewer-page';
import { simulatedHostTest } from './support/simulated-host';

const shotDir = process.env.SHOT_DIR ?? 'test-results/screenshots';
const shot = (name: string) => ({ path: `${shotDir}/creative-upscale-${name}.png`, fullPage: true });

const test = simulatedHostTest({
  name: 'creative',
  simulator: { latencyMs: 50 },
  env: { STABILITY_API_KEY: 'sk-e2e-stability-key', IMAGINE_STABILITY_POLL_MS: '300' },
}).extend<{ stability: StabilitySimulator }>({
  // The result stays pending until the test lets it finish (`config.pendingPolls = 0`).
  stability: async ({}, use) => {
    const sim = await startStabilitySimulator({ latencyMs: 50, pendingPolls: 1_000_000 });
    await use(sim);
    await sim.close();
  },
  hostEnv: async ({ stability }, use) => use({ IMAGINE_STABILITY_BASE_URL: stability.url }),
});

const starts = (s: StabilitySimulator) => s.requests.filter((r) => r.method === 'POST' && r.path === '/v2beta/stable-image/upscale/creative');
const polls = (s: StabilitySimulator) => s.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v2beta/results/'));

interface Item { record: { id: string; operation?: string; origin: string }; parents: { kind: string; record: { id: string } }[] }

/** Library items by operation, through the page's own bridge. */
async function itemsOf(page: Page, operation: string): Promise<Item[]> {
  return page.evaluate(async (op) => {
    const api = (window as unknown as { api: { invoke(c: string, x: unknown): Promise<{ value: { records?: { id: string; operation?: string }[] } }> } }).api;
    const q = await api.invoke('library:query', { filter: { provider: 'stability' }, limit: 50, withRecords: 50 });
    const ids = (q.value.records ?? []).filter((r) => r.operation === op).map((r) => r.id);
    return Promise.all(ids.map(async (id) => (await api.invoke('library:item', { id })).value as unknown as Item));
  }, operation);
}

test('Upscale (creative) survives a host SIGKILL while it polls and is filed once, without a second start call', async ({ page, launch, stability }) => {
  const first = await launch(page);
  const svg = '<svg width="512" height="384"><rect width="100%" height="100%" fill="#2c6e9b"/><circle cx="256" cy="192" r="96" fill="#f2c14e"/></svg>';
  const base64 = (await sharp(Buffer.from(svg)).png().toBuffer()).toString('base64');
  const sourceId = await page.evaluate(async (b) => {
    const api = (window as unknown as { api: { invoke(c: string, i: unknown): Promise<{ value: { imported: string[] } }> } }).api;
    return (await api.invoke('library:import', { source: { kind: 'bytes', name: 'dunes.png', base64: b } })).value.imported[0]!;
  }, base64);
  const library = new LibraryPage(page);
  await library.open();
  await library.tiles().first().click();
  const viewer = new ViewerPage(page);
  await viewer.button('Upscale (creative)').click();
  await expect(page.getByRole('status').filter({ hasText: 'Upscaling (creative)…' })).toBeVisible();
  await expect.poll(() => polls(stability).length).toBeGreaterThan(0);
  await first.stop('SIGKILL');
  const pollsBefore = polls(stability).length;

  const second = await launch(page);
  expect(second.dataDir).toBe(first.dataDir);
  // The new host polls the journaled id at once; let Stability finish only now, with the page listening.
  await expect.poll(() => polls(stability).length).toBeGreaterThan(pollsBefore);
  // The page says the upscale is still being made (nothing else on screen shows it until it ends).
  await expect(page.getByRole('status', { name: 'Notices' })).toContainText(
    'Stability AI is still making a creative upscale started before Imagine Studio last closed: it is added to your library, as an edit of its source, when ready.',
  );
  await page.screenshot(shot('resumed-collecting'));
  stability.config.pendingPolls = 0;
  await expect(page.getByRole('status', { name: 'Notices' })).toContainText('Upscale (creative) finished; the result is in your library.', { timeout: 30_000 });
  await page.screenshot(shot('resumed-done'));

  // Started once; filed once, as an edit of its source.
  expect(starts(stability)).toHaveLength(1);
  expect(new Set(polls(stability).map((r) => r.path)).size).toBe(1);
  const upscaled = await itemsOf(page, 'upscale-creative');
  expect(upscaled).toHaveLength(1);
  expect(upscaled[0]!.record.origin).toBe('edited');
  expect(upscaled[0]!.parents).toEqual([expect.objectContaining({ kind: 'edited-from', record: expect.objectContaining({ id: sourceId }) })]);
  await library.open();
  await expect(library.tiles()).toHaveCount(2);
});
