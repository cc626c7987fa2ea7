/**
 * Issue 18 in Chromium: Stability AI beside xAI. Pick Stability on the edit stage, paint a mask and inpaint (the
 * result is in the library, linked to its source); Remove background on a library image from the viewer; Upscale ×2
 * from the tile menu; Erase… from the tile menu (the edit stage, Erase chosen); Upscale (creative) from the viewer. The Stability simulator runs in the test process; the host reads its key from the environment.
 */
import { expect, type Page } from '@playwright/test';
import sharp from 'sharp';
import { startStabilitySimulator, type StabilitySimulator } from '../../src-main/simulator/stability';
import { EditPage } from './pages/edit-page';
import { LibraryPage } from './pages/library-page';
import { ViewerPage } from './pages/viewer-page';
import { simulatedHostTest } from './support/simulated-host';

const shotDir = process.env.SHOT_DIR ?? 'test-results/screenshots';
const shot = (name: string) => ({ path: `${shotDir}/providers-${name}.png`, fullPage: true });

const test = simulatedHostTest({ name: 'providers', simulator: { latencyMs: 50 }, env: { STABILITY_API_KEY: 'sk-e2e-stability-key' } }).extend<{ stability: StabilitySimulator }>({
  stability: async ({}, use) => {
    // Async results (creative upscale) ready at the first poll: the client waits 10 s between polls.
    const sim = await startStabilitySimulator({ latencyMs: 50, pendingPolls: 0 });
    await use(sim);
    await sim.close();
  },
  hostEnv: async ({ stability }, use) => use({ IMAGINE_STABILITY_BASE_URL: stability.url }),
});

interface Item { record: { id: string; provider?: string; operation?: string; width: number; height: number; seed?: number }; parents: { kind: string; record: { id: string } }[] }

/** Imports a picture through the page's own bridge, as a drop on the Library would; its id. */
async function importPicture(page: Page, name: string, width = 640, height = 480): Promise<string> {
  const svg = `<svg width="${width}" height="${height}"><rect width="100%" height="100%" fill="#2c6e9b"/><circle cx="${width / 2}" cy="${height / 2}" r="${height / 4}" fill="#f2c14e"/></svg>`;
  const base64 = (await sharp(Buffer.from(svg)).png().toBuffer()).toString('base64');
  return page.evaluate(async ({ n, b }) => {
    const api = (window as unknown as { api: { invoke(c: string, i: unknown): Promise<{ ok: boolean; value: { imported: string[] } }> } }).api;
    return (await api.invoke('library:import', { source: { kind: 'bytes', name: n, base64: b } })).value.imported[0]!;
  }, { n: name, b: base64 });
}

async function item(page: Page, id: string): Promise<Item> {
  return page.evaluate(async (i) => {
    const api = (window as unknown as { api: { invoke(c: string, x: unknown): Promise<{ value: unknown }> } }).api;
    return (await api.invoke('library:item', { id: i })).value as Item;
  }, id);
}

async function newest(page: Page, operation: string): Promise<Item> {
  const id = await page.evaluate(async (op) => {
    const api = (window as unknown as { api: { invoke(c: string, x: unknown): Promise<{ value: { ids: string[]; records?: { id: string; operation?: string }[] } }> } }).api;
    const q = await api.invoke('library:query', { filter: { provider: 'stability' }, limit: 50, withRecords: 50 });
    return q.value.records?.find((r) => r.operation === op)?.id ?? null;
  }, operation);
  expect(id).not.toBeNull();
  return item(page, id!);
}

/** Imports a picture, opens it from the Library and hands it to the edit stage; its id and the stage. */
async function editFromLibrary(page: Page, name: string): Promise<{ sourceId: string; edit: EditPage }> {
  const sourceId = await importPicture(page, name);
  const library = new LibraryPage(page);
  await library.open();
  await library.tiles().first().click();
  await new ViewerPage(page).button('Edit').click();
  const edit = new EditPage(page);
  await expect(edit.cards()).toHaveCount(1);
  return { sourceId, edit };
}

test('pick Stability on the edit stage, paint a mask and inpaint: the result is linked to its source', async ({ page, launch, stability }) => {
  await launch(page);
  const { sourceId, edit } = await editFromLibrary(page, 'harbour.png');

  // The mask tool is on the stage only once a provider that takes masks is chosen.
  const maskTools = page.getByRole('toolbar', { name: 'Mask' });
  await expect(maskTools).toHaveCount(0);
  await page.getByRole('radiogroup', { name: 'Provider' }).getByRole('radio', { name: /Stability AI/ }).check();
  await expect(maskTools).toBeVisible();
  await expect(maskTools.getByRole('button', { name: 'Brush' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'Inpaint', exact: true })).toBeDisabled();

  const canvas = page.getByLabel(/^Mask canvas/);
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.4);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 8 });
  await page.mouse.up();
  // The eraser takes paint away again; invert and clear act on the whole mask.
  await maskTools.getByRole('button', { name: 'Eraser' }).click();
  await expect(maskTools.getByRole('button', { name: 'Eraser' })).toHaveAttribute('aria-pressed', 'true');
  await maskTools.getByRole('button', { name: 'Brush' }).click();
  await expect(page.getByLabel('Estimated cost')).toContainText('$0.05');
  await edit.prompt().fill('a red sailboat');
  await page.screenshot(shot('mask'));
  await page.getByRole('button', { name: 'Inpaint', exact: true }).click();
  await expect(edit.resultImages()).toHaveCount(1);

  const sent = stability.requests.filter((r) => r.path === '/v2beta/stable-image/edit/inpaint');
  expect(sent).toHaveLength(1);
  expect(sent[0]!.fields).toMatchObject({ prompt: 'a red sailboat', mask: expect.objectContaining({ type: 'image/png' }) });
  const result = await newest(page, 'inpaint');
  expect(result.record).toMatchObject({ provider: 'stability', operation: 'inpaint' });
  expect(typeof result.record.seed).toBe('number');
  expect(result.parents).toEqual([expect.objectContaining({ kind: 'edited-from', record: expect.objectContaining({ id: sourceId }) })]);
  await page.screenshot(shot('inpaint-result'));
  // The same stage small and dark (the theme follows the system by default).
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await maskTools.scrollIntoViewIfNeeded();
  await page.screenshot(shot('mask-1024-dark'));
});

test('Search and replace on the edit stage: a "Search for" field only for that operation, the result linked to its source', async ({ page, launch, stability }) => {
  await launch(page);
  const { sourceId, edit } = await editFromLibrary(page, 'street.png');

  const searchFor = page.getByRole('textbox', { name: 'Search for' });
  // xAI edits by instruction: no such field.
  await expect(searchFor).toHaveCount(0);
  await page.getByRole('radiogroup', { name: 'Provider' }).getByRole('radio', { name: /Stability AI/ }).check();
  // Inpaint (the default) takes a mask, not a search.
  await expect(searchFor).toHaveCount(0);
  await page.getByRole('radio', { name: /^Search and replace/ }).check();
  await expect(searchFor).toBeVisible();
  // No mask for this one: the mask tool leaves the stage.
  await expect(page.getByRole('toolbar', { name: 'Mask' })).toHaveCount(0);
  const go = page.getByRole('button', { name: 'Search and replace', exact: true });
  await expect(go).toBeDisabled();
  await searchFor.fill('the yellow disc');
  await edit.prompt().fill('a full moon');
  await expect(page.getByLabel('Estimated cost')).toContainText('$0.05');
  await page.screenshot(shot('search-replace'));
  await go.click();
  await expect(edit.resultImages()).toHaveCount(1);

  const sent = stability.requests.filter((r) => r.path === '/v2beta/stable-image/edit/search-and-replace');
  expect(sent).toHaveLength(1);
  expect(sent[0]!.fields).toMatchObject({ prompt: 'a full moon', search_prompt: 'the yellow disc' });
  expect(Object.keys(sent[0]!.fields)).not.toContain('mask');
  const result = await newest(page, 'search-replace');
  expect(result.record).toMatchObject({ provider: 'stability', operation: 'search-replace' });
  expect(result.parents).toEqual([expect.objectContaining({ kind: 'edited-from', record: expect.objectContaining({ id: sourceId }) })]);
});

test('Remove background from the viewer, and Upscale ×2 from the tile menu', async ({ page, launch, stability }) => {
  await launch(page);
  const sourceId = await importPicture(page, 'lighthouse.png', 512, 384);
  const library = new LibraryPage(page);
  await library.open();
  await library.tiles().first().click();
  const viewer = new ViewerPage(page);
  await expect(viewer.details().getByRole('region', { name: 'Stability AI' })).toBeVisible();
  await viewer.button('Remove background').click();
  // The viewer moves to the new item, which names who made it and how.
  await expect(viewer.details().getByRole('term').filter({ hasText: /^Operation$/ })).toBeVisible();
  await expect(viewer.details().getByRole('definition').filter({ hasText: /^Remove background$/ })).toBeVisible();
  await expect(viewer.details().getByRole('definition').filter({ hasText: /^Stability AI$/ })).toBeVisible();
  await page.screenshot(shot('remove-background'));
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot(shot('remove-background-1024-dark'));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  const cutout = await newest(page, 'remove-background');
  expect(cutout.parents.map((p) => p.record.id)).toEqual([sourceId]);
  await page.keyboard.press('Escape');

  await library.tile(/lighthouse/).click({ button: 'right' });
  // Each one-click operation shows its list price, as in the viewer (2 credits for ×2, 60 for creative).
  const menu = page.getByRole('menu', { name: 'Item actions' });
  await expect(menu.getByRole('menuitem', { name: 'Upscale ×2' })).toContainText('$0.02');
  await expect(menu.getByRole('menuitem', { name: 'Upscale (creative)' })).toContainText('$0.60');
  await page.screenshot(shot('tile-menu-prices'));
  await menu.getByRole('menuitem', { name: 'Upscale ×2' }).click();
  await expect.poll(async () => stability.requests.filter((r) => r.path === '/v2beta/stable-image/upscale/fast').length).toBe(1);
  const upscaled = await expect.poll(async () => (await newest(page, 'upscale-fast').catch(() => null))?.record.width ?? 0).toBe(1024).then(() => newest(page, 'upscale-fast'));
  expect([upscaled.record.width, upscaled.record.height]).toEqual([1024, 768]);
  expect(upscaled.parents.map((p) => p.record.id)).toEqual([sourceId]);
});

test('Erase… from the tile menu opens the edit stage on Stability AI with Erase chosen and the image as the only source', async ({ page, launch, stability }) => {
  await launch(page);
  const sourceId = await importPicture(page, 'pier.png', 512, 384);
  const library = new LibraryPage(page);
  await library.open();
  await library.tile(/pier/).click({ button: 'right' });
  await page.getByRole('menu', { name: 'Item actions' }).getByRole('menuitem', { name: 'Erase…' }).click();

  const edit = new EditPage(page);
  await expect(edit.cards()).toHaveCount(1);
  await expect(page.getByRole('radiogroup', { name: 'Provider' }).getByRole('radio', { name: /Stability AI/ })).toBeChecked();
  await expect(page.getByRole('radio', { name: /^Erase/ })).toBeChecked();
  await expect(page.getByRole('toolbar', { name: 'Mask' })).toBeVisible();
  // Nothing is sent until the user paints what to remove.
  await expect(page.getByRole('button', { name: 'Erase', exact: true })).toBeDisabled();
  await expect(page.getByLabel('Estimated cost')).toContainText('$0.05');
  await page.screenshot(shot('erase-handoff'));

  // Paint what to remove and send: the erase is of the handed-over image.
  const box = (await page.getByLabel(/^Mask canvas/).boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.4);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6, { steps: 8 });
  await page.mouse.up();
  await page.getByRole('button', { name: 'Erase', exact: true }).click();
  await expect(edit.resultImages()).toHaveCount(1);
  expect(stability.requests.filter((r) => r.path === '/v2beta/stable-image/edit/erase')).toHaveLength(1);
  const erased = await newest(page, 'erase');
  expect(erased.parents).toEqual([expect.objectContaining({ kind: 'edited-from', record: expect.objectContaining({ id: sourceId }) })]);
});

test('Upscale (creative) from the viewer: a library item linked to its source', async ({ page, launch, stability }) => {
  await launch(page);
  const sourceId = await importPicture(page, 'dunes.png', 512, 384);
  const library = new LibraryPage(page);
  await library.open();
  await library.tiles().first().click();
  const viewer = new ViewerPage(page);
  await viewer.button('Upscale (creative)').click();
  // The viewer moves to the new item once the asynchronous result has been fetched and filed.
  await expect(viewer.details().getByRole('definition').filter({ hasText: /^Upscale \(creative\)$/ })).toBeVisible();
  const sent = stability.requests.filter((r) => r.path === '/v2beta/stable-image/upscale/creative');
  expect(sent).toHaveLength(1);
  // One click has no prompt: the source's own (an import's: its title) or a neutral one is sent.
  expect(typeof sent[0]!.fields.prompt).toBe('string');
  const upscaled = await newest(page, 'upscale-creative');
  expect(upscaled.record).toMatchObject({ provider: 'stability', operation: 'upscale-creative' });
  expect(upscaled.parents).toEqual([expect.objectContaining({ kind: 'edited-from', record: expect.objectContaining({ id: sourceId }) })]);
  await page.screenshot(shot('upscale-creative'));
});
