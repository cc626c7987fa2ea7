import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { LibraryPage } from './pages/library-page';
import { ViewerPage } from './pages/viewer-page';
import { expect, test } from './support/fixtures';
import { startHostProcess } from './support/host-process';
import { labelledJpeg, removeMediaFile, removePreviewFile, seedLibrary, type SeedResult } from './support/seed-library';

/** Where the built renderer is: the default build, or a private one (shared machines rebuild `out/` concurrently). */
const rendererArgs = process.env.E2E_RENDERER_DIR ? ['--renderer-dir', process.env.E2E_RENDERER_DIR] : [];
/** What the current test's library was seeded with: each test seeds a fresh data dir (~3 s) and starts its own host on it. */
let seed: SeedResult;

/** Screenshots after lazy thumbnails have arrived, so they show what a user sees a moment later. */
const settle = (page: Page) =>
  page.waitForFunction(() => [...document.images].every((img) => img.complete), undefined, { timeout: 5000 }).catch(() => {});
const shot = (name: string) => ({ path: `test-results/screenshots/library-${name}.png` });

test.describe('library', () => {
  test.use({
    host: async ({}, use) => {
      const { mkdtempSync } = await import('node:fs');
      const os = await import('node:os');
      const path = await import('node:path');
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'imagine-e2e-lib-'));
      seed = await seedLibrary(dataDir, 60);
      const missing = seed.items[3];
      if (missing) removeMediaFile(dataDir, missing.id);
      removePreviewFile(dataDir, seed.child.id); // its preview "not rendered yet": the viewer shows the original
      const host = await startHostProcess({ dataDir, args: rendererArgs });
      await use(host);
      await host.stop();
      const { rmSync } = await import('node:fs');
      rmSync(dataDir, { recursive: true, force: true });
    },
  });

  test('browses the grid, searches with highlights and steps through the viewer', async ({ page }) => {
    const lib = new LibraryPage(page);
    await lib.open();
    await lib.expectCount(`${seed.items.length} items`);
    await expect(lib.tiles().first()).toBeVisible();
    // The newest item comes first; the tile is named after its prompt (a video's name says so, and its length).
    const newest = seed.items[seed.items.length - 1];
    await expect(lib.tiles().first()).toHaveAccessibleName(newest?.kind === 'video' ? `${newest.prompt}, video, 3 seconds` : (newest?.prompt ?? ''));
    await expect(lib.grid().getByText('Missing file')).toHaveCount(0); // item 4 is far down, not rendered yet
    await settle(page);
    await page.screenshot(shot('grid'));

    await lib.searchFor('lighthouse');
    await lib.expectCount(`${seed.lighthouse.length} items`);
    await expect(lib.tiles()).toHaveCount(seed.lighthouse.length);
    await expect(lib.marks()).toHaveCount(seed.lighthouse.length);
    await expect(lib.marks().first()).toHaveText('lighthouse');
    await settle(page);
    await page.screenshot(shot('search'));

    await lib.tiles().first().click();
    const viewer = lib.viewer();
    await expect(viewer).toBeVisible();
    await expect(viewer.getByText(`1 of ${seed.lighthouse.length}`)).toBeVisible();
    await expect(viewer.getByText('$0.02').or(viewer.getByText('$0.07'))).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await expect(viewer.getByText(`2 of ${seed.lighthouse.length}`)).toBeVisible();
    await page.keyboard.press('ArrowLeft');
    await expect(viewer.getByText(`1 of ${seed.lighthouse.length}`)).toBeVisible();
    await viewer.getByRole('button', { name: '☆ Favorite' }).click();
    await expect(viewer.getByRole('button', { name: '★ Favorite' })).toHaveAttribute('aria-pressed', 'true');
    await settle(page);
    await page.screenshot(shot('lightbox'));
    await page.keyboard.press('Escape');
    await expect(viewer).toBeHidden();
    await expect(lib.tiles().first().getByTitle('Favorite')).toBeVisible();

    await lib.search().fill('');
    await lib.expectCount(`${seed.items.length} items`);

    // The filter dropdowns list what the library has, with counts (library:facets).
    await page.getByRole('button', { name: 'Filters' }).click();
    const pro = seed.items.filter((_, i) => (i + 1) % 3 === 0 && seed.items[i]?.kind === 'image').length;
    const model = page.getByRole('combobox', { name: 'Model' });
    await expect(model.getByRole('option', { name: `grok-imagine-image-pro (${pro})` })).toBeAttached();
    await expect(page.getByRole('combobox', { name: 'Aspect ratio' }).getByRole('option', { name: /^16:9 \(\d+\)$/ })).toBeAttached();
    await model.selectOption('grok-imagine-image-pro');
    await lib.expectCount(`${pro} items`);
    await settle(page);
    await page.screenshot(shot('filters'));
  });

  test('follows lineage in the viewer and shows a missing file plainly', async ({ page }) => {
    const lib = new LibraryPage(page);
    await lib.open();
    await lib.tile(seed.child.prompt).click();
    const viewer = lib.viewer();
    await expect(viewer.getByText('make the sky stormy')).toBeVisible();
    // Its preview is missing (404): the viewer shows the original file instead of a broken image.
    const media = new ViewerPage(page).image(seed.child.prompt);
    await expect(media).toHaveAttribute('src', new RegExp(`/media/[A-Za-z0-9_-]{43}/media/.+/${seed.child.id}\\.jpg$`));
    await expect.poll(() => media.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    const madeFrom = viewer.getByRole('region', { name: 'Made from' });
    await madeFrom.getByRole('button').click();
    await expect(viewer.getByRole('paragraph').filter({ hasText: seed.parent.prompt })).toBeVisible();
    await expect(viewer.getByRole('region', { name: 'Used in' }).getByRole('button')).toHaveCount(1);
    await page.keyboard.press('Escape');

    // Scroll to the end: item 4's file was deleted before start, so its tile says so instead of spinning.
    await lib.tiles().first().focus();
    await page.keyboard.press('End');
    await expect(lib.grid().getByText('Missing file')).toBeVisible();
    await page.emulateMedia({ colorScheme: 'dark' });
    await settle(page);
    await page.screenshot(shot('missing-dark'));
  });

  test('multi-selects, favorites, collects, trashes with undo and empties the trash', async ({ page }) => {
    const lib = new LibraryPage(page);
    await lib.open();
    await lib.createCollection('Keepers');
    // Square tiles: fixed columns (aria-colcount), so "the tile below" is simply one row on.
    await page.getByRole('checkbox', { name: 'Square tiles' }).check();
    // Rubber band: press in the gap right of the first tile, drag down into the second row's second tile.
    const first = await lib.tiles().nth(0).boundingBox();
    const second = await lib.tiles().nth(1).boundingBox();
    const columns = Number(await lib.grid().getAttribute('aria-colcount'));
    const below = await lib.tiles().nth(columns + 1).boundingBox();
    if (!first || !second || !below) throw new Error('tiles not laid out');
    await page.mouse.move((first.x + first.width + second.x) / 2, first.y + 10);
    await page.mouse.down();
    await page.mouse.move(below.x + 20, below.y + 40, { steps: 5 });
    await expect(page.locator('.lib-band')).toBeVisible();
    await page.screenshot(shot('rubber-band'));
    await page.mouse.up();
    await expect(lib.bulkBar().getByText('2 items selected')).toBeVisible();
    await expect(lib.tiles().nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(lib.tiles().nth(columns + 1)).toHaveAttribute('aria-selected', 'true');
    // A Shift-drag adds: from the same gap into the first tile (the selection bar above has moved the grid down).
    const [a, b] = [await lib.tiles().nth(0).boundingBox(), await lib.tiles().nth(1).boundingBox()];
    if (!a || !b) throw new Error('tiles not laid out');
    await page.keyboard.down('Shift');
    await page.mouse.move((a.x + a.width + b.x) / 2, a.y + 10);
    await page.mouse.down();
    await page.mouse.move(a.x + 20, a.y + 20, { steps: 3 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect(lib.bulkBar().getByText('3 items selected')).toBeVisible();

    await lib.tiles().nth(0).click({ modifiers: ['ControlOrMeta'] }); // toggles the first off again: 2 left
    await lib.tiles().nth(2).click({ modifiers: ['Shift'] }); // the range from it replaces them
    await lib.tiles().nth(5).click({ modifiers: ['ControlOrMeta'] });
    await expect(lib.bulkBar().getByText('4 items selected')).toBeVisible();
    await lib.bulkBar().getByRole('combobox', { name: 'Add to collection' }).selectOption({ label: 'Keepers' });
    await expect(page.getByText('Added 4 items to “Keepers”.')).toBeVisible();
    await expect(lib.view(/^Keepers/)).toHaveAccessibleName(/4 items/);
    await settle(page);
    await page.screenshot(shot('selection'));

    await lib.bulk('Move to trash').click();
    await lib.expectCount(`${seed.items.length - 4} items`);
    await page.getByRole('button', { name: 'Undo' }).click();
    await lib.expectCount(`${seed.items.length} items`);

    await page.keyboard.press('Escape');
    await lib.tiles().nth(3).click({ modifiers: ['ControlOrMeta'] }); // not in the collection
    await page.keyboard.press('Delete');
    await lib.expectCount(`${seed.items.length - 1} items`);

    await lib.view(/^Keepers/).click();
    await lib.expectCount('4 items');
    await lib.view('Trash').click();
    await lib.expectCount('1 item');
    await page.getByRole('button', { name: 'Empty trash' }).click();
    const confirm = lib.dialog('Empty the trash?');
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await settle(page);
    await page.screenshot(shot('empty-trash'));
    await confirm.getByRole('button', { name: 'Empty trash' }).click();
    await expect(page.getByText('The trash is empty.')).toBeVisible();
    await lib.view('All items').click();
    await lib.expectCount(`${seed.items.length - 1} items`);
  });

  test('imports a dropped PNG and explains a refused file', async ({ page }) => {
    const lib = new LibraryPage(page);
    await lib.open();
    const png = await sharp(await labelledJpeg(999, 'dropped from the desktop', 400, 300)).png().toBuffer();
    await lib.dropFiles([
      { name: 'dropped.png', mimeType: 'image/png', base64: png.toString('base64') },
      { name: 'notes.txt', mimeType: 'image/png', base64: Buffer.from('not an image').toString('base64') },
    ]);
    await expect(page.getByRole('list', { name: 'Files not imported' })).toContainText('notes.txt');
    await lib.expectCount(`${seed.items.length + 1} items`);
    await expect(page.getByRole('list', { name: 'Files not imported' })).toContainText('This is not an image or video: it is a text file');
    // The file keeps its name: on the tile, and for search.
    await expect(lib.tiles().first()).toHaveAccessibleName('dropped');
    await expect(lib.tiles().first()).toContainText('dropped');
    await settle(page);
    await page.screenshot(shot('import'));
  });
});
