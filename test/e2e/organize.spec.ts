import type { Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LibraryPage } from './pages/library-page';
import { expect, test } from './support/fixtures';
import { startHostProcess } from './support/host-process';
import { seedLibrary, type SeedResult } from './support/seed-library';

const rendererArgs = process.env.E2E_RENDERER_DIR ? ['--renderer-dir', process.env.E2E_RENDERER_DIR] : [];
let seed: SeedResult;

const settle = (page: Page) =>
  page.waitForFunction(() => [...document.images].every((img) => img.complete), undefined, { timeout: 5000 }).catch(() => {});
const shot = (name: string) => ({ path: `test-results/screenshots/organize-${name}.png` });

test.describe('organise: ratings and tags', () => {
  test.use({
    host: async ({}, use) => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'imagine-e2e-org-'));
      seed = await seedLibrary(dataDir, 12);
      const host = await startHostProcess({ dataDir, args: rendererArgs });
      await use(host);
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });

  test('rates with keys 0–5, tags with autocomplete, in bulk, and finds them by filter, syntax and sort', async ({ page }) => {
    const lib = new LibraryPage(page);
    await lib.open();
    const total = seed.items.length;
    await lib.expectCount(`${total} items`);
    const [first, second, third] = [0, 1, 2].map((i) => lib.tiles().nth(i));
    const firstName = (await first?.getAttribute('aria-label')) ?? '';

    // The viewer: key 4 rates the item shown, the stars follow; tags are added with Enter and removed with ×.
    await first!.dblclick();
    const viewer = lib.viewer();
    await page.keyboard.press('4');
    const stars = viewer.getByRole('radiogroup', { name: 'Rating' });
    await expect(stars.getByRole('radio', { name: '4 stars' })).toBeChecked();
    const addTag = viewer.getByRole('combobox', { name: 'Add tag' });
    await addTag.fill('Portrait ');
    await addTag.press('Enter');
    await addTag.fill('draft');
    await addTag.press('Enter');
    const chips = viewer.getByRole('list', { name: 'Tags' });
    await expect(chips.getByRole('listitem')).toHaveText(['draft×', 'portrait×']);
    await chips.getByRole('button', { name: 'Remove tag draft' }).click();
    await expect(chips.getByRole('listitem')).toHaveText(['portrait×']);
    await stars.getByRole('radio', { name: '5 stars' }).click();
    await expect(stars.getByRole('radio', { name: '5 stars' })).toBeChecked();
    await settle(page);
    await page.screenshot(shot('viewer'));
    await page.keyboard.press('Escape');

    // Bulk: select two more, 3 stars by key, tags through the dialog with autocomplete from the tags in use.
    await second!.click();
    await third!.click({ modifiers: ['Shift'] });
    await expect(lib.bulkBar().getByText('2 items selected')).toBeVisible();
    await page.keyboard.press('3');
    await lib.bulk('Tags…').click();
    const dialog = lib.dialog('Edit tags');
    const addAll = dialog.getByRole('combobox', { name: 'Add tag to all' });
    await addAll.fill('po');
    await expect(dialog.getByRole('option', { name: /^portrait/ })).toBeVisible();
    await addAll.press('ArrowDown');
    await addAll.press('Enter');
    await addAll.fill('draft');
    await addAll.press('Enter');
    const onSelection = dialog.getByRole('list', { name: 'Tags on the selection' });
    await expect(onSelection.getByRole('listitem')).toHaveCount(2);
    await expect(onSelection.getByRole('listitem').filter({ hasText: 'portrait' })).toContainText('all');
    await settle(page);
    await page.screenshot(shot('bulk-tags'));
    await dialog.getByRole('button', { name: 'Done' }).click();
    await lib.bulk('Clear selection').click();

    // The search syntax: tags, excluded tags and ratings together.
    await lib.searchFor('tag:portrait -tag:draft rating:>=4');
    await lib.expectCount('1 item');
    await expect(lib.tiles().first()).toHaveAccessibleName(firstName);
    await lib.searchFor('tag:portrait');
    await lib.expectCount('3 items');
    await lib.searchFor('tag:draft -rating:5');
    await lib.expectCount('2 items');
    await lib.searchFor('');

    // Filters: rating and tag; the sort puts the best first.
    await page.getByRole('button', { name: /^Filters/ }).click();
    await page.getByRole('combobox', { name: 'Rating' }).selectOption({ label: '★★★ or more' });
    await lib.expectCount('3 items');
    const tagFilter = page.getByRole('combobox', { name: 'Filter by tag' });
    await tagFilter.fill('draft');
    await tagFilter.press('Enter');
    await lib.expectCount('2 items');
    await page.getByRole('button', { name: 'Stop filtering by tag draft' }).click();
    await lib.expectCount('3 items');
    await page.getByRole('combobox', { name: 'Sort' }).selectOption({ label: 'Highest rated' });
    await expect(lib.tiles().first()).toHaveAccessibleName(firstName);
    await settle(page);
    await page.screenshot(shot('filters'));
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await lib.expectCount(`${total} items`);

    // Key 0 on the focused tile clears its rating.
    await lib.tiles().first().click();
    await page.keyboard.press('0');
    await page.getByRole('combobox', { name: 'Rating' }).selectOption({ label: 'Unrated' });
    await lib.expectCount(`${total - 2} items`);
  });

  test('saves a search as a smart collection whose count and grid follow the library', async ({ page }) => {
    const lib = new LibraryPage(page);
    await lib.open();
    // Two items rated 5: the smart collection "Five stars" holds them.
    await lib.tiles().nth(0).click();
    await lib.tiles().nth(1).click({ modifiers: ['Shift'] });
    await page.keyboard.press('5');
    await lib.bulk('Clear selection').click();
    await lib.searchFor('rating:5');
    await lib.expectCount('2 items');
    await page.getByRole('button', { name: 'Save search…' }).click();
    const save = lib.dialog('Save as smart collection');
    await save.getByRole('textbox', { name: 'Name' }).fill('Five stars');
    await save.getByRole('button', { name: 'Save' }).click();
    const entry = lib.view(/^Five stars/);
    await expect(entry).toHaveAttribute('aria-current', 'page');
    await expect(entry.getByLabel('2 items')).toBeVisible();

    // Rating one more item elsewhere updates the count in the sidebar and the grid of the open smart collection.
    await lib.view('All items').click();
    await expect(lib.search()).toHaveValue('');
    await lib.tiles().nth(4).click();
    await page.keyboard.press('5');
    await expect(entry.getByLabel('3 items')).toBeVisible();
    await entry.click();
    await expect(lib.search()).toHaveValue('rating:5');
    await lib.expectCount('3 items');
    await settle(page);
    await page.screenshot(shot('smart'));

    // Refining it offers to save the change; saved, the count follows the new query.
    await lib.searchFor('rating:5 -tag:none');
    await page.getByRole('button', { name: 'Save changes to “Five stars”' }).click();
    await expect(page.getByRole('button', { name: /^Save changes/ })).toBeHidden();
    await page.getByRole('button', { name: 'Delete Five stars' }).click();
    await lib.dialog('Delete “Five stars”?').getByRole('button', { name: 'Delete smart collection' }).click();
    await expect(entry).toBeHidden();
    await lib.expectCount('12 items'.replace('12', String(seed.items.length)));
  });
});
