/**
 * Issue 13, points 5–7 for the Library grid: justified rows keep every item's shape (a 4:1 panorama, a 9:16
 * portrait, a 3:2 photo), "Square tiles" crops them; tiles are sharp at 2× at the default and the largest tile
 * size; the grid is one tab stop whose arrows move the focus without selecting, Space selects, Ctrl-click selects
 * and a click opens the viewer; a video tile's name says it is a video and how long it runs. Screenshots (light and
 * dark, 1× and 2×, justified and square) go to the issue's notes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { DEFAULT_TILE_SIZE } from '../../src-renderer/src/features/library/grid-window';
import { LibraryPage } from './pages/library-page';
import { expect, test } from './support/fixtures';
import { startHostProcess } from './support/host-process';
import { seedLibrary } from './support/seed-library';
import { SHAPES, seedShapes } from './support/seed-shapes';

const rendererArgs = process.env.E2E_RENDERER_DIR ? ['--renderer-dir', process.env.E2E_RENDERER_DIR] : [];
const SHOTS = process.env.ISSUE_SHOTS_DIR ?? 'test-results/screenshots';
const [PHOTO, PANORAMA, PORTRAIT] = SHAPES;

test.use({
  host: async ({}, use) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'imagine-e2e-gallery-'));
    await seedLibrary(dataDir, 16);
    await seedShapes(dataDir);
    const host = await startHostProcess({ dataDir, args: rendererArgs });
    await use(host);
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

/** Every image in the grid has loaded (thumbnails arrive lazily). */
const settled = (page: Page) =>
  expect.poll(() => page.getByRole('grid', { name: 'Library items' }).evaluate((g) => [...g.querySelectorAll('img')].every((i) => i.complete && i.naturalWidth > 0)), { timeout: 15_000 }).toBe(true);

expect.extend({
  /** Within a relative `tolerance` (whole-pixel widths make a shape a little off). */
  toBeCloseTo(received: number, expected: number, tolerance: number) {
    const pass = Math.abs(received / expected - 1) <= tolerance;
    return { pass, message: () => `expected ${received} to be within ${tolerance * 100}% of ${expected}` };
  },
});

/** The drawn picture of a tile: its width ÷ height. */
const shapeOf = (tile: Locator) => tile.locator('img').evaluate((img) => img.getBoundingClientRect().width / img.getBoundingClientRect().height);

/**
 * Tiles in view whose picture has fewer pixels than 0.9 × its CSS width × the device pixel ratio, unless it shows
 * the original file (a 640 px seeded image has no more pixels to give). The seeded video is 320×180
 * (seed-library.ts): its poster cannot have more pixels than that, so it only has to have all of them.
 */
const soft = (page: Page) =>
  page.getByRole('grid', { name: 'Library items' }).evaluate((grid) => {
    const VIDEO_WIDTH = 320;
    const view = grid.getBoundingClientRect();
    return [...grid.querySelectorAll('img')]
      .filter((img) => {
        const r = img.getBoundingClientRect();
        return r.bottom > view.top && r.top < view.bottom;
      })
      .filter((img) => {
        const video = img.closest('[role=gridcell]')?.getAttribute('aria-label')?.includes(', video');
        const wanted = 0.9 * img.getBoundingClientRect().width * devicePixelRatio;
        // Library files are served at /media/<session key>/<library path>; originals live under media/.
        const original = new URL(img.currentSrc).pathname.replace(/^\/media\/[^/]+\//, '').startsWith('media/');
        return !original && img.naturalWidth < (video ? Math.min(wanted, VIDEO_WIDTH) : wanted);
      })
      .map((img) => `${img.closest('[role=gridcell]')?.getAttribute('aria-label')}: ${img.naturalWidth} < 0.9 × ${Math.round(img.getBoundingClientRect().width)} × ${devicePixelRatio}`);
  });

for (const size of [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
]) {
  test.describe(`gallery at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('justified rows keep each item’s shape; "Square tiles" crops them to squares', async ({ page }) => {
      const lib = new LibraryPage(page);
      await lib.open();
      const square = page.getByRole('checkbox', { name: 'Square tiles' });
      await expect(square).not.toBeChecked();
      await settled(page);
      expect(await shapeOf(lib.tile(PANORAMA.prompt))).toBeCloseTo(4, 0.02);
      expect(await shapeOf(lib.tile(PORTRAIT.prompt))).toBeCloseTo(9 / 16, 0.02);
      expect(await shapeOf(lib.tile(PHOTO.prompt))).toBeCloseTo(3 / 2, 0.02);
      // Each row spans the grid's width: its last tile ends at the same right edge as the first row's.
      const rights = await lib.grid().evaluate((g) =>
        [...g.querySelectorAll('[role=row]')].slice(0, 2).map((row) => Math.round(Math.max(...[...row.querySelectorAll('[role=gridcell]')].map((c) => c.getBoundingClientRect().right)))),
      );
      expect(new Set(rights).size).toBe(1);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: `${SHOTS}/library-justified-${scheme}-${size.width}.png` });
      }

      await square.check();
      await settled(page);
      for (const prompt of [PANORAMA.prompt, PORTRAIT.prompt, PHOTO.prompt]) expect(await shapeOf(lib.tile(prompt))).toBeCloseTo(1, 0.02);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: `${SHOTS}/library-square-${scheme}-${size.width}.png` });
      }
    });

    test('one tab stop; arrows move the focus without selecting; Space and Ctrl-click select; a click opens the viewer', async ({ page }) => {
      const lib = new LibraryPage(page);
      await lib.open();
      await expect(lib.tiles().first()).toBeVisible();
      await lib.search().focus();
      // Tab from the search box reaches the grid through the toolbar, and the grid is a single stop.
      let stops = 0;
      while (!(await lib.tiles().first().evaluate((t) => t === document.activeElement)) && stops < 12) {
        await page.keyboard.press('Tab');
        stops += 1;
      }
      await expect(lib.tiles().first()).toBeFocused();
      await expect(lib.grid().locator('[tabindex="0"]')).toHaveCount(1);
      await page.keyboard.press('Tab');
      await expect(lib.grid().locator(':focus')).toHaveCount(0);
      await page.keyboard.press('Shift+Tab');
      await expect(lib.tiles().first()).toBeFocused();

      await page.keyboard.press('ArrowRight');
      await expect(lib.tiles().nth(1)).toBeFocused();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      await expect(lib.grid().getByRole('gridcell', { selected: true })).toHaveCount(0);
      await expect(lib.grid().locator('[tabindex="0"]')).toHaveCount(1);

      await page.keyboard.press('Space');
      await expect(lib.grid().getByRole('gridcell', { selected: true })).toHaveCount(1);
      await lib.tiles().nth(2).click({ modifiers: ['ControlOrMeta'] });
      await expect(lib.grid().getByRole('gridcell', { selected: true })).toHaveCount(2);
      await expect(lib.viewer()).toHaveCount(0);

      await lib.tile(PANORAMA.prompt).click();
      await expect(lib.viewer()).toBeVisible();
    });

    test('a video tile’s name says it is a video and how long it runs', async ({ page }) => {
      const lib = new LibraryPage(page);
      await lib.open();
      await lib.searchFor('harbor video');
      await expect(lib.tiles()).toHaveCount(1);
      await expect(lib.tiles().first()).toHaveAccessibleName('slow pan over the stormy harbor, video clip, video, 3 seconds');
    });
  });

  test.describe(`gallery at ${size.width}×${size.height}, 2×`, () => {
    test.use({ viewport: size, deviceScaleFactor: 2 });

    test('every tile in view is sharp at the default and the largest tile size, justified and square', async ({ page }) => {
      const lib = new LibraryPage(page);
      await lib.open();
      const slider = page.getByRole('slider', { name: 'Tile size' });
      for (const squareTiles of [false, true]) {
        await page.getByRole('checkbox', { name: 'Square tiles' }).setChecked(squareTiles);
        for (const tileSize of [String(DEFAULT_TILE_SIZE), '320']) {
          await slider.fill(tileSize);
          await settled(page);
          expect(await soft(page), `${squareTiles ? 'square' : 'justified'} at ${tileSize}`).toEqual([]);
          if (tileSize === String(DEFAULT_TILE_SIZE)) await page.screenshot({ path: `${SHOTS}/library-${squareTiles ? 'square' : 'justified'}-2x-${size.width}.png` });
        }
      }
    });
  });
}
