import { expect } from '@playwright/test';
import type { Simulator } from '../../src-main/simulator';
import { VideoPage } from './pages/video-page';
import { simulatedHostTest } from './support/simulated-host';

const shot = (name: string) => ({ path: `test-results/screenshots/video-${name}.png`, fullPage: true });

/**
 * A simulator in the test process (each job pending for `minMs` of wall time, so the test can act while it renders)
 * and a host pointed at it with a test key from the environment, polling every 300 ms.
 */
const test = simulatedHostTest({ name: 'video', simulator: { latencyMs: 50, video: { emptyPolls: 1, pendingPolls: 3, minMs: 4000, fps: 8 } }, env: { IMAGINE_VIDEO_POLL_MS: '300' } });

const starts = (sim: Simulator) => sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/videos/generations');
const polls = (sim: Simulator) => sim.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/videos/'));

test('text → video: progress shows, the video plays, seeks (Range 206) and is in the library', async ({ page, launch, sim }) => {
  const host = await launch(page);
  const video = new VideoPage(page);
  await video.open();
  await expect(video.resolution('1080p')).toBeDisabled();
  await expect(video.form()).toContainText('Grok Imagine Video renders at most 720p.');
  await video.prompt().fill('A paper boat drifting down a rain-soaked street');
  await video.duration().fill('3');
  await expect(video.estimate()).toHaveText('Estimated cost: about $0.15');
  await page.screenshot(shot('form'));
  await video.submit().click();

  const prompt = 'A paper boat drifting down a rain-soaked street';
  await expect(video.progress(prompt)).toBeVisible();
  await expect.poll(async () => Number(await video.progress(prompt).getAttribute('value') ?? 0), { timeout: 15_000 }).toBeGreaterThan(0);
  await page.screenshot(shot('progress'));
  await expect(video.state(prompt)).toHaveText('Done', { timeout: 30_000 });
  expect(starts(sim)).toHaveLength(1);

  await video.job(prompt).getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await video.media()).readyState, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  // Opening a finished job plays it (issue 14.7).
  await expect(video.control('Pause')).toBeVisible();
  await video.control('Pause').click();
  const { duration, src } = await video.media();
  expect(duration).toBeGreaterThan(2.5);
  await video.timeline().fill('2');
  await expect.poll(async () => (await video.media()).currentTime).toBeGreaterThan(1.9);
  await video.control('Next frame').click();
  await expect.poll(async () => (await video.media()).currentTime).toBeGreaterThan(2.0);
  await video.speed().selectOption('2');
  await video.loop().uncheck();
  expect(await video.media()).toMatchObject({ rate: 2, loop: false });
  await video.control('Play').click();
  await expect(video.control('Pause')).toBeVisible();
  await video.control('Pause').click();
  await page.screenshot(shot('player'));

  // Hover scrubbing mounts a metadata-only video under the pointer; leaving puts the poster back.
  await video.scrubber(prompt).hover();
  await expect(video.scrubVideo(prompt)).toHaveCount(1);
  await page.getByRole('heading', { level: 1, name: 'Video' }).hover();
  await expect(video.scrubVideo(prompt)).toHaveCount(0);

  // "Use this frame" saves the frame and starts an image→video from it.
  await video.control('Use this frame').click();
  await expect(page.getByText(/saved to the library and set as the start image/)).toBeVisible();
  await expect(video.mode('Image → video')).toBeChecked();
  await expect(video.pickedImages()).toHaveCount(1);
  await page.screenshot(shot('use-frame'));

  const range = await page.request.get(src, { headers: { range: 'bytes=0-99' } });
  expect(range.status()).toBe(206);
  expect((await range.body()).length).toBe(100);
  expect(range.headers()['content-range']).toMatch(/^bytes 0-99\//);
  expect(host.output()).not.toContain('xai-e2e-video-key');

  await page.getByRole('tablist', { name: 'Sections' }).getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  await expect(page.getByText(prompt).first()).toBeVisible({ timeout: 10_000 });
  await page.screenshot(shot('library'));
});

test('SIGKILL while a job is pending: a new host on the same data resumes it and downloads the video', async ({ page, launch, sim }) => {
  const first = await launch(page);
  const video = new VideoPage(page);
  await video.open();
  const prompt = 'A lighthouse beam sweeping through fog';
  await video.create({ prompt, duration: 2 });
  await expect(video.state(prompt)).toHaveText('Rendering on xAI');
  await expect.poll(() => polls(sim).length).toBeGreaterThan(0);
  await first.stop('SIGKILL');
  const pollsBefore = polls(sim).length;

  const second = await launch(page);
  expect(second.dataDir).toBe(first.dataDir);
  await video.open();
  await expect(video.job(prompt)).toBeVisible();
  await page.screenshot(shot('after-restart'));
  await expect(video.state(prompt)).toHaveText('Done', { timeout: 30_000 });
  expect(polls(sim).length).toBeGreaterThan(pollsBefore);
  expect(starts(sim)).toHaveLength(1);
  await video.job(prompt).getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await video.media()).readyState, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  await page.screenshot(shot('resumed-done'));
});

test('a failed job is explained in words', async ({ page, launch }) => {
  await launch(page);
  const video = new VideoPage(page);
  await video.open();
  const prompt = 'A kite over dunes VIDEO_FAIL';
  await video.create({ prompt, duration: 1 });
  await expect(video.state(prompt)).toHaveText('Failed', { timeout: 20_000 });
  await expect(video.job(prompt)).toContainText('xAI could not make this video');
  await page.screenshot(shot('failed'));
});

test('Extend from the player: a longer video linked to its source, compared side by side', async ({ page, launch, sim }) => {
  await launch(page);
  const video = new VideoPage(page);
  await video.open();
  const prompt = 'A red kite rising';
  await video.create({ prompt, duration: 3 });
  await expect(video.state(prompt)).toHaveText('Done', { timeout: 30_000 });
  await video.job(prompt).getByRole('button', { name: 'Play' }).click();
  await video.control('Extend').click();
  await expect(video.mode('Extend a video')).toBeChecked();
  await expect(video.form().getByRole('group', { name: 'Library videos' }).getByRole('button', { pressed: true })).toHaveCount(1);
  await video.prompt().fill('The kite string snaps and it drifts away');
  // 6 s added at the source's 480p rate plus 3 s of input video: what xAI (here the simulator) then reports.
  await expect(video.estimate()).toHaveText('Estimated cost: about $0.33');
  await video.submit().click();
  const next = 'The kite string snaps and it drifts away';
  await expect(video.state(next)).toHaveText('Done', { timeout: 30_000 });
  expect(sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/videos/extensions')).toHaveLength(1);
  await video.job(next).getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await video.media()).duration, { timeout: 15_000 }).toBeGreaterThan(8.5);
  await video.control('Compare with source').click();
  await expect(video.compare().getByLabel('Source video')).toBeVisible();
  await expect(video.compare().getByLabel('Result video')).toBeVisible();
  await expect(video.job(next)).toContainText('cost $0.33');
  await page.screenshot(shot('compare'));
});
