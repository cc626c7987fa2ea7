/**
 * Issue 18 §3 in Chromium: MiniMax Hailuo video through the same crash-safe video journal. The user picks MiniMax on
 * the Video form, starts a text → video, and the host is SIGKILLed while MiniMax renders it; a new host on the same
 * data resumes the task and files the video — and MiniMax's request log shows exactly one start call. The MiniMax and
 * xAI simulators run in the test process; the host reads the MiniMax key from the environment (main's keychain
 * account for MiniMax otherwise), never from the page.
 */
import { expect } from '@playwright/test';
import { startMinimaxSimulator, type MinimaxSimulator } from '../../src-main/simulator/minimax';
import { VideoPage } from './pages/video-page';
import { simulatedHostTest } from './support/simulated-host';

const test = simulatedHostTest({
  name: 'minimax',
  simulator: { latencyMs: 50 },
  env: { MINIMAX_API_KEY: 'mm-e2e-minimax-key', IMAGINE_VIDEO_POLL_MS: '300' },
}).extend<{ minimax: MinimaxSimulator }>({
  // Each task renders for at least 4 s of wall time, so the kill lands while it is pending.
  minimax: async ({}, use) => {
    const sim = await startMinimaxSimulator({ latencyMs: 50, pendingPolls: 2, minTaskMs: 4000, requestsPerMinute: 10_000, fps: 8 });
    await use(sim);
    await sim.close();
  },
  hostEnv: async ({ minimax }, use) => use({ IMAGINE_MINIMAX_BASE_URL: minimax.url }),
});

const shot = (name: string) => ({ path: `test-results/screenshots/minimax-video-${name}.png`, fullPage: true });
const starts = (mm: MinimaxSimulator) => mm.requests.filter((r) => r.method === 'POST' && r.path === '/v1/video_generation');
const polls = (mm: MinimaxSimulator) => mm.requests.filter((r) => r.method === 'GET' && r.path === '/v1/query/video_generation');

test('MiniMax text → video survives a host SIGKILL while pending and completes without a second start call', async ({ page, launch, minimax }) => {
  const first = await launch(page);
  const video = new VideoPage(page);
  await video.open();
  await video.provider().selectOption({ label: 'MiniMax' });
  await video.model().selectOption('MiniMax-Hailuo-02');
  await expect(video.resolution('768p')).toBeChecked();
  const prompt = 'A paper lantern rising over a night lake';
  await video.prompt().fill(prompt);
  await expect(video.estimate()).toContainText('$0.28');
  await page.screenshot(shot('form'));
  await video.submit().click();
  await expect(video.state(prompt)).toHaveText('Rendering on MiniMax');
  await expect.poll(() => polls(minimax).length).toBeGreaterThan(0);
  await first.stop('SIGKILL');
  const pollsBefore = polls(minimax).length;

  const second = await launch(page);
  expect(second.dataDir).toBe(first.dataDir);
  await video.open();
  await expect(video.job(prompt)).toBeVisible();
  await expect(video.state(prompt)).toHaveText('Done', { timeout: 30_000 });
  expect(polls(minimax).length).toBeGreaterThan(pollsBefore);
  // The task was created once: the resumed host only polled and downloaded it.
  expect(starts(minimax)).toHaveLength(1);
  expect(starts(minimax)[0]?.body).toMatchObject({ model: 'MiniMax-Hailuo-02', prompt, duration: 6, resolution: '768P' });
  // The key came from main (the environment here), as a Bearer header; the page never held it.
  expect(starts(minimax)[0]?.headers.authorization).toMatch(/^Bearer mm-/);
  await expect(video.job(prompt)).toContainText('MiniMax-Hailuo-02');
  await video.job(prompt).getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await video.media()).readyState, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  await page.screenshot(shot('resumed-done'));

  // The library item names its provider, model and operation.
  const record = await page.evaluate(async (p) => {
    const api = (window as unknown as { api: { invoke(c: string, i: unknown): Promise<{ ok: boolean; value: { records: { prompt: string; provider?: string; model: string | null; operation?: string }[] } }> } }).api;
    const q = await api.invoke('library:query', { filter: { kind: 'video' }, limit: 10, withRecords: 10 });
    return q.value.records.find((r) => r.prompt === p) ?? null;
  }, prompt);
  expect(record).toMatchObject({ provider: 'minimax', model: 'MiniMax-Hailuo-02', operation: 'text-video' });
});
