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
    await first!.click();
    const viewer = lib.viewer();
    // Shift+digit in the viewer (plain 0 and 1 are its zoom keys); the grid rates with the digit alone.
    await page.keyboard.press('Shift+Digit4');
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
    await second!.click({ modifiers: ['ControlOrMeta'] });
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
    await lib.tiles().first().focus();
    await page.keyboard.press('0');
    await page.getByRole('combobox', { name: 'Rating' }).selectOption({ label: 'Unrated' });
    await lib.expectCount(`${total - 2} items`);
  });

  test('saves a search as a smart collection whose count and grid follow the library', async ({ page }) => {
    const lib = new LibraryPage(page);
    await lib.open();
    // Two items rated 5: the smart collection "Five stars" holds them.
    await lib.tiles().nth(0).click({ modifiers: ['ControlOrMeta'] });
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
    await lib.tiles().nth(4).focus();
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

test.describe('organise: find duplicates', () => {
  test.use({
    host: async ({}, use) => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'imagine-e2e-dup-'));
      seed = await seedLibrary(dataDir, 8);
      await seedCopies(dataDir);
      const host = await startHostProcess({ dataDir, args: rendererArgs });
      await use(host);
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });

  test('groups near copies, keeps the chosen one and trashes the rest with undo', async ({ page }) => {
    const lib = new LibraryPage(page);
    await lib.open();
    await lib.view('Find duplicates').click();
    const group = page.getByRole('region', { name: 'Near copies (3)' });
    await expect(group).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /set of copies/ })).toContainText('1 set of copies (2 extra copies)');
    await expect(group.getByText('Suggested keep')).toBeVisible();
    await settle(page);
    await page.screenshot(shot('duplicates'));
    await group.getByRole('button', { name: 'Keep sunset copy small, trash its copies' }).click();
    await expect(lib.toast()).toContainText('Moved 2 items to the trash.');
    await expect(page.getByRole('status').filter({ hasText: /No copies/ })).toBeVisible();
    await lib.toast().getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByRole('region', { name: 'Near copies (3)' })).toBeVisible();
  });
});

/** Three copies of one picture (the original, a smaller one, a recompressed one), ingested like imports. */
async function seedCopies(dataDir: string): Promise<void> {
  const { createLibraryAdapters } = await import('../../src-main/adapters/library');
  const { createLibraryService } = await import('../../src-main/services/library/library-service');
  const sharp = (await import('sharp')).default;
  const discs = Array.from({ length: 12 }, (_v, i) => `<circle cx="${(i * 97) % 1024}" cy="${(i * 193) % 1024}" r="${60 + i * 9}" fill="hsl(${i * 41},65%,${35 + (i % 4) * 10}%)"/>`).join('');
  const original = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="1024"><rect width="100%" height="100%" fill="#345"/>${discs}</svg>`)).jpeg({ quality: 92 }).toBuffer();
  const adapters = createLibraryAdapters(path.join(dataDir, 'library'));
  const service = createLibraryService({ ...adapters, clock: { now: () => Date.UTC(2026, 1, 1) } as never, events: { emit() {} }, logger: { info() {}, warn() {}, error() {} } });
  try {
    for (const [prompt, bytes] of [
      ['sunset copy original', original],
      ['sunset copy small', await sharp(original).resize(400).jpeg({ quality: 80 }).toBuffer()],
      ['sunset copy recompressed', await sharp(original).jpeg({ quality: 30 }).toBuffer()],
    ] as const) {
      await service.ingest({ bytes, kind: 'image', origin: 'imported', prompt });
    }
    await service.idle();
  } finally {
    adapters.store.close();
  }
}
