import { expect } from '@playwright/test';
import { VideoPage } from './pages/video-page';
import { fullyVisible } from './support/geometry';
import { simulatedHostTest } from './support/simulated-host';

/**
 * Results first on Video (issue 13's stage, as on Generate): the form and the player-and-jobs column scroll on their
 * own, so playing a job far down the list shows the player whole on screen, however far the form was scrolled.
 */
const test = simulatedHostTest({ name: 'stage-video', simulator: { latencyMs: 50, video: { emptyPolls: 1, pendingPolls: 2, minMs: 1000, fps: 8 } }, env: { IMAGINE_VIDEO_POLL_MS: '300' } });
const shot = (name: string) => ({ path: `test-results/screenshots/studio-video-${name}.png` });
const PROMPTS = ['A kite over the dunes', 'A tram in the rain', 'A lighthouse at dusk', 'A fox in the snow', 'A harbor at dawn'];

for (const size of [{ width: 1280, height: 800 }, { width: 1024, height: 700 }]) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('five jobs, the oldest played: the player is whole on screen beside the form; the page itself never scrolls', async ({ page, launch }) => {
      await launch(page);
      const video = new VideoPage(page);
      await video.open();
      for (const prompt of PROMPTS) await video.create({ prompt, duration: 2 });
      // The form's own button is reached in the form's column.
      expect(await fullyVisible(page, video.submit())).toBe(true);
      const oldest = PROMPTS[0] as string;
      await expect(video.state(oldest)).toHaveText('Done', { timeout: 30_000 });
      await video.job(oldest).getByRole('button', { name: 'Play' }).click();
      await expect(video.control('Pause')).toBeVisible();
      // The player (picture, controls, its actions) is whole on screen, and so is the form's button still.
      expect(await fullyVisible(page, video.player())).toBe(true);
      expect(await fullyVisible(page, video.submit())).toBe(true);
      await expect(video.player().getByRole('heading', { name: oldest })).toBeVisible();
      expect(await page.locator('.panel').evaluate((el) => el.scrollTop)).toBe(0);
      await page.screenshot(shot(`player-${size.width}`));
    });
  });
}
