/**
 * Issue 14, points 5–7 and 10–12 through the browser host in Chromium: hand-offs that ask, the edit stage, one video
 * player, the Library's layout, demo mode's first landing and the small ones. Selected by role and the names.
 */
import { expect, type Page } from '@playwright/test';
import { EditPage } from './pages/edit-page';
import { LibraryPage } from './pages/library-page';
import { seedLibrary } from './support/seed-library';
import { simulatedHostTest } from './support/simulated-host';

const test = simulatedHostTest({ name: 'flows', simulator: { latencyMs: 100 } });
const shot = (name: string) => ({ path: `test-results/screenshots/flows-${name}.png` });
const settle = (page: Page) =>
  page.waitForFunction(() => [...document.images].every((img) => img.complete), undefined, { timeout: 5000 }).catch(() => {});

/** Opens the viewer on the tile whose name matches and presses one of its actions. */
async function fromViewer(lib: LibraryPage, tile: RegExp, action: string) {
  await lib.open();
  await lib.tile(tile).dblclick();
  await lib.viewer().getByRole('button', { name: action, exact: true }).click();
}

test.describe('hand-offs (14.5)', () => {
  test('Edit opens exactly that image, asks Replace or Add over unsent work; Animate shows a removable start frame', async ({ page, launch, dataDir }) => {
    await seedLibrary(dataDir, 4);
    await launch(page);
    const lib = new LibraryPage(page);
    const edit = new EditPage(page);

    await fromViewer(lib, /number 1\b/, 'Edit');
    await expect(page.getByRole('heading', { level: 1, name: 'Edit' })).toBeVisible();
    await expect(edit.cards()).toHaveCount(1);

    // The canvas now holds work that was never sent: the next hand-off asks.
    await fromViewer(lib, /number 2\b/, 'Edit');
    const ask = page.getByRole('dialog', { name: 'The canvas has unsent work' });
    await expect(ask).toBeVisible();
    await expect(ask.getByRole('button', { name: 'Replace' })).toBeVisible();
    await settle(page);
    await page.screenshot(shot('replace-add-dialog'));
    await ask.getByRole('button', { name: 'Add' }).click();
    await expect(edit.cards()).toHaveCount(2);

    await fromViewer(lib, /number 3\b/, 'Edit');
    await page.getByRole('dialog', { name: 'The canvas has unsent work' }).getByRole('button', { name: 'Replace' }).click();
    await expect(edit.cards()).toHaveCount(1);
    await expect(page.getByRole('dialog', { name: 'The canvas has unsent work' })).toHaveCount(0);

    await fromViewer(lib, /number 2\b/, 'Animate');
    await expect(page.getByRole('heading', { level: 1, name: 'Video' })).toBeVisible();
    const start = page.getByRole('img', { name: 'Start image' });
    await expect(start).toBeVisible();
    await expect.poll(() => start.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await page.screenshot(shot('animate-start-image'));
    await page.getByRole('button', { name: 'Remove start image' }).click();
    await expect(start).toHaveCount(0);
  });
});

test.describe('the edit stage (14.6)', () => {
  test('sources and a large result share the stage; Compare has three modes; steps have thumbnails; a reload keeps it all', async ({ page, launch, dataDir }) => {
    await seedLibrary(dataDir, 3);
    await launch(page);
    const lib = new LibraryPage(page);
    const edit = new EditPage(page);
    await fromViewer(lib, /number 1\b/, 'Edit');
    await expect(edit.cards()).toHaveCount(1);
    await edit.edit('Make it winter');
    await expect(edit.step(1)).toHaveAttribute('aria-current', 'step');
    const result = edit.resultImages().first();
    await expect.poll(() => result.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    // At 1280×800 the finished result is on screen without scrolling, and large.
    expect(await page.evaluate(() => document.scrollingElement?.scrollTop ?? 0)).toBe(0);
    await expect(result).toBeInViewport({ ratio: 1 });
    expect((await result.boundingBox())?.height ?? 0).toBeGreaterThan(250);
    await expect(edit.step(1).getByRole('img', { name: 'Result of step 1' })).toBeVisible();

    const compare = edit.results().getByRole('radiogroup', { name: 'Compare' });
    await expect(compare.getByRole('radio', { name: 'Toggle' })).toBeChecked();
    await settle(page);
    await page.screenshot(shot('edit-stage-toggle'));
    await edit.results().getByRole('button', { name: 'Show before' }).click();
    await expect(edit.results().getByRole('img', { name: /^Before: / })).toBeVisible();
    await edit.results().getByRole('button', { name: 'Show before' }).click();

    await compare.getByRole('radio', { name: 'Slider' }).check();
    await expect(page.getByRole('slider', { name: 'Before/after position' })).toBeVisible();
    await page.getByRole('slider', { name: 'Before/after position' }).fill('35');
    await settle(page);
    await page.screenshot(shot('edit-stage-slider'));

    await compare.getByRole('radio', { name: 'Side by side' }).check();
    await expect(edit.results().getByRole('img', { name: /^Before: / })).toBeInViewport();
    await expect(result).toBeInViewport();
    await settle(page);
    await page.screenshot(shot('edit-stage-side-by-side'));

    // The canvas and its step history are kept in main: a reload brings both back.
    await edit.prompt().fill('Now at night');
    await expect.poll(() => page.evaluate(async () => {
      const api = (window as unknown as { api: { invoke(c: string, i: unknown): Promise<{ value: { session: { prompt: string } | null } }> } }).api;
      return (await api.invoke('edit:session', {})).value.session?.prompt;
    })).toBe('Now at night');
    await page.reload();
    await page.locator('html[data-app-state="ready"]').waitFor();
    await edit.open();
    await expect(edit.cards()).toHaveCount(1);
    await expect(edit.step(1)).toHaveAttribute('aria-current', 'step');
    await expect(edit.prompt()).toHaveValue('Now at night');
    await expect(edit.resultImages()).toHaveCount(1);
    await page.setViewportSize({ width: 1024, height: 700 });
    await settle(page);
    await page.screenshot(shot('edit-stage-1024'));
  });
});
