import { expect } from '@playwright/test';
import { GeneratePage } from './pages/generate-page';
import { ViewerPage } from './pages/viewer-page';
import { countTabStops, fullyVisible } from './support/geometry';
import { simulatedHostTest } from './support/simulated-host';

/** Issue 13's Generate stage: a composer that stays put and a Results region that fills the rest. */
const test = simulatedHostTest({ name: 'stage', simulator: { latencyMs: 150 } });
const shot = (name: string) => ({ path: `test-results/screenshots/studio-generate-${name}.png` });

const BATCHES = [
  { prompt: 'A lighthouse at dusk, wide', aspect: '16:9' },
  { prompt: 'A fox in the snow, portrait', aspect: '9:16' },
  { prompt: 'A quiet harbor at dawn', aspect: '1:1' },
];

for (const size of [{ width: 1280, height: 800 }, { width: 1024, height: 700 }]) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('composer and Results share the screen; each new batch lands in view with its first tile whole; scrolling keeps the composer; ≤ 40 Tab stops', async ({ page, launch }) => {
      await launch(page);
      const gen = new GeneratePage(page);
      await expect(gen.composer()).toBeVisible();
      expect(await fullyVisible(page, gen.composer())).toBe(true);
      expect(await fullyVisible(page, gen.results().getByRole('heading', { name: 'Results' }))).toBe(true);
      await page.screenshot(shot(`empty-${size.width}`));

      for (const [i, b] of BATCHES.entries()) {
        await gen.fill({ prompts: [b.prompt], n: 10, aspect: b.aspect });
        await gen.submit().click();
        const first = gen.tiles(b.prompt).first();
        // The new batch is the first one, and its first tile is whole on screen and inside Results, without scrolling.
        await expect(gen.batches().first()).toHaveAccessibleName(`Batch: ${b.prompt}`);
        expect(await fullyVisible(page, first, gen.results())).toBe(true);
        if (i === 0) await page.screenshot(shot(`mid-batch-${size.width}`));
        await expect(gen.tilesIn(b.prompt, 'done')).toHaveCount(10);
        expect(await fullyVisible(page, gen.tilesIn(b.prompt, 'done').first(), gen.results())).toBe(true);
      }
      await page.screenshot(shot(`three-batches-${size.width}`));

      // The page itself never scrolls: only Results does, and the composer stays where it was.
      const composerBefore = await gen.composer().boundingBox();
      const results = await gen.results().boundingBox();
      if (!results) throw new Error('no results region');
      await page.mouse.move(results.x + results.width / 2, results.y + results.height / 2);
      for (let i = 0; i < 12; i += 1) await page.mouse.wheel(0, 400);
      await expect.poll(() => gen.results().evaluate((el) => el.scrollTop)).toBeGreaterThan(300);
      expect(await gen.composer().boundingBox()).toEqual(composerBefore);
      expect(await fullyVisible(page, gen.composer())).toBe(true);
      expect(await page.evaluate(() => document.scrollingElement?.scrollTop ?? 0)).toBe(0);

      // Keyboard: every board is one tab stop, so three batches of ten stay well under 40 presses.
      expect(await countTabStops(page)).toBeLessThanOrEqual(40);
    });

    test('a paused queue with several requests, rows open, leaves Results the stage: its first tile stays whole', async ({ page, launch }) => {
      await launch(page);
      const gen = new GeneratePage(page);
      await gen.generate('A lighthouse at dusk, wide', 4, '16:9');
      const queue = page.getByRole('region', { name: 'Queue' });
      await queue.getByRole('button', { name: 'Pause queue' }).click();
      const prompts = ['q one', 'q two', 'q three', 'q four', 'q five', 'q six'];
      await gen.fill({ prompts, n: 2, aspect: '1:1' });
      await gen.submit().click();
      // Pausing opens the rows: all six are there, the first whole on screen inside the queue.
      const rows = queue.getByRole('list', { name: 'Queued requests' }).getByRole('listitem');
      await expect(rows).toHaveCount(6);
      expect(await fullyVisible(page, rows.first(), queue)).toBe(true);
      await expect(gen.batches().first()).toHaveAccessibleName(/^Batch: 6 prompts/);
      // Results keeps the stage: the newest batch's first tile and the composer are whole on screen.
      const first = gen.results().getByRole('listitem').first();
      expect(await fullyVisible(page, first, gen.results())).toBe(true);
      expect(await fullyVisible(page, gen.composer())).toBe(true);
      expect(await fullyVisible(page, gen.results().getByRole('heading', { name: 'Results' }))).toBe(true);
      await page.screenshot(shot(`queue-open-${size.width}`));
      // Folded, the queue is one slim line under Results, and opens again beside it, focus kept.
      await queue.getByRole('button', { name: 'Hide requests' }).click();
      await expect(rows).toHaveCount(0);
      const show = queue.getByRole('button', { name: 'Show requests (6)' });
      expect(await fullyVisible(page, show)).toBe(true);
      await expect(show).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(rows).toHaveCount(6);
      await expect(queue.getByRole('button', { name: 'Hide requests' })).toBeFocused();
      expect(await fullyVisible(page, first, gen.results())).toBe(true);
      // The page never scrolls for it: the queue's rows scroll in the queue.
      expect(await page.evaluate(() => document.scrollingElement?.scrollTop ?? 0)).toBe(0);
    });

    test('one group per prompt, named with it; tiles keep the requested ratio; a click or Enter opens the viewer; arrows move between tiles', async ({ page, launch }) => {
      await launch(page);
      const gen = new GeneratePage(page);
      const prompts = ['A red kite over dunes', 'A glass teapot on a table', 'A tram in the rain'];
      await gen.fill({ prompts, n: 3, aspect: '9:16' });
      await gen.submit().click();
      for (const p of prompts) {
        await expect(gen.group(p)).toBeVisible();
        await expect(gen.group(p).getByRole('listitem')).toHaveCount(3);
      }
      await expect(gen.tilesIn(/3 prompts/, 'done')).toHaveCount(9);
      // 9:16 tiles stay 9:16 (no square crop), and the image fills its tile.
      const tile = gen.group(prompts[1] as string).getByRole('listitem').first();
      const box = await tile.boundingBox();
      expect((box?.width ?? 0) / (box?.height ?? 1)).toBeCloseTo(9 / 16, 1);
      const img = await tile.getByRole('img').boundingBox();
      expect(Math.abs((img?.height ?? 0) - (box?.height ?? 0))).toBeLessThanOrEqual(2);

      // A single click opens the viewer on that image, over Generate.
      const viewer = new ViewerPage(page);
      await tile.click();
      await expect(viewer.dialog()).toBeVisible();
      await expect(viewer.details()).toContainText(prompts[1] as string);
      await page.keyboard.press('Escape');
      await expect(viewer.dialog()).toBeHidden();

      // The board is one tab stop: focus lands on a tile, arrows move, Enter opens.
      const tiles = gen.batch(/3 prompts/).getByRole('listitem');
      await tiles.first().focus();
      await page.keyboard.press('ArrowRight');
      await expect(tiles.nth(1)).toBeFocused();
      await page.keyboard.press('End');
      await expect(tiles.nth(8)).toBeFocused();
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowDown');
      const below = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
      expect(below).toMatch(/^Image \d+: Done$/);
      await expect(tiles.first()).not.toBeFocused();
      await expect(tiles.nth(0)).toHaveAttribute('tabindex', '-1');
      await page.keyboard.press('Enter');
      await expect(viewer.dialog()).toBeVisible();
    });
  });
}
