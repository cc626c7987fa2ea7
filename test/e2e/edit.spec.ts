import { expect, type Page } from '@playwright/test';
import sharp from 'sharp';
import type { Simulator } from '../../src-main/simulator';
import { EditPage, type DropFile } from './pages/edit-page';
import { LibraryPage } from './pages/library-page';
import { simulatedHostTest } from './support/simulated-host';

const shot = (name: string) => ({ path: `test-results/screenshots/edit-${name}.png`, fullPage: true });

/** A simulator in the test process and a host pointed at it with a test key (env, read-only), on a fresh data dir. */
const test = simulatedHostTest({ name: 'edit', simulator: { latencyMs: 200 } });

const solidPng = async (name: string, color: string, w = 320, h = 240): Promise<DropFile> =>
  ({ name, mimeType: 'image/png', bytes: await sharp({ create: { width: w, height: h, channels: 3, background: color } }).png().toBuffer() });

const edits = (sim: Simulator) => sim.requests.filter((r) => r.path === '/v1/images/edits');

/** The average colour of a data-URI image the app sent, as [r, g, b]. */
async function colourOf(dataUri: string): Promise<number[]> {
  const { channels } = await sharp(Buffer.from(dataUri.split(',')[1] ?? '', 'base64')).stats();
  return channels.slice(0, 3).map((c) => Math.round(c.mean));
}

/** Reads a library item through the page's own bridge, as the Library screen would. */
async function libraryItem(page: Page, origin: 'edited' | 'imported') {
  return page.evaluate(async (o) => {
    const api = (window as unknown as { api: { invoke(c: string, i: unknown): Promise<{ ok: boolean; value: { ids: string[] } & Record<string, unknown> }> } }).api;
    const q = await api.invoke('library:query', { filter: { origin: o } });
    const id = q.value.ids[0];
    return (await api.invoke('library:item', { id })).value as unknown as { record: { id: string; editInstruction: string }; parents: { kind: string; record: { id: string } }[] };
  }, origin);
}

/** A host with one source dropped on the edit stage and edited once ("Make it winter"): step 1 is current. */
async function editedOnce(page: Page, launch: (page: Page) => Promise<unknown>): Promise<EditPage> {
  await launch(page);
  const edit = new EditPage(page);
  await edit.open();
  await edit.dropFiles([await solidPng('house.png', '#8e44ad')]);
  await expect(edit.card(1)).toContainText('house.png');
  await edit.edit('Make it winter');
  await expect(edit.step(1)).toHaveAttribute('aria-current', 'step');
  return edit;
}

test('drop a PNG, describe the edit: the result is on the canvas and in the library, linked to its source', async ({ page, launch, sim }) => {
  await launch(page);
  const edit = new EditPage(page);
  await edit.open();
  await edit.dropFiles([await solidPng('barn.png', '#c0392b')]);
  await expect(edit.card(1)).toContainText('barn.png');
  await expect(page.getByText("keeps the source's aspect ratio")).toBeVisible();
  await expect(edit.estimate()).toContainText('About $0.022');
  await edit.cropCard(1, [0.02, 0.02], [0.52, 0.98]);
  await expect(edit.card(1)).toContainText('cropped');
  await expect(edit.card(1)).toContainText('160×230');
  await page.screenshot(shot('crop'));
  await edit.edit('Make it winter, with snow on the roof');
  await expect(edit.resultImages()).toHaveCount(1);
  await expect.poll(() => edit.resultImages().first().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const body = edits(sim)[0]?.body as { image?: unknown; images?: unknown; aspect_ratio?: unknown };
  expect(body.image).toBeDefined();
  expect(body.images).toBeUndefined();
  expect(body.aspect_ratio).toBeUndefined();
  // The crop drawn on the thumbnail is applied in main before sending: about the left half of 320×240.
  const sent = await sharp(Buffer.from((body.image as { url: string }).url.split(',')[1] ?? '', 'base64')).metadata();
  expect(Math.abs(sent.width - 160)).toBeLessThanOrEqual(8);
  expect(Math.abs(sent.height - 230)).toBeLessThanOrEqual(8);
  await page.screenshot(shot('single-result'));

  const result = await libraryItem(page, 'edited');
  const source = await libraryItem(page, 'imported');
  expect(result.record.editInstruction).toBe('Make it winter, with snow on the roof');
  expect(result.parents).toEqual([expect.objectContaining({ kind: 'edited-from', record: expect.objectContaining({ id: source.record.id }) as unknown })]);
  const lib = new LibraryPage(page);
  await lib.open();
  await expect(lib.tiles()).toHaveCount(2);
  await page.screenshot(shot('library'));
});

test('three sources reordered by dragging are sent as `images` in the displayed order', async ({ page, launch, sim }) => {
  await launch(page);
  const edit = new EditPage(page);
  await edit.open();
  await edit.dropFiles([await solidPng('red.png', '#ff0000'), await solidPng('green.png', '#00ff00'), await solidPng('blue.png', '#0000ff')]);
  await expect(edit.cards()).toHaveCount(3);
  await expect(page.getByText(/Room for/)).toHaveCount(0);
  await edit.dragCard(1, 3);
  await expect.poll(() => edit.sourceNames()).toEqual(['green.png', 'blue.png', 'red.png']);
  await edit.prompt().fill('Put the colour of ');
  await edit.tagChip(2).click();
  await edit.prompt().pressSequentially('on the shapes of <IMAGE_0> and <IMAGE_1>, and <IMAGE_3>');
  await expect(page.getByText(/names <IMAGE_3>, but the canvas has only 3 sources/)).toBeVisible();
  await page.screenshot(shot('three-sources'));
  await edit.prompt().fill('Put the colour of <IMAGE_2> on the shapes of <IMAGE_0> and <IMAGE_1>');
  await page.getByRole('radiogroup', { name: 'Aspect ratio' }).getByRole('radio', { name: '16:9', exact: true }).click();
  await expect(edit.estimate()).toContainText('3 input images ($0.006)');
  await edit.submit().click();
  await expect(edit.resultImages()).toHaveCount(1);
  const body = edits(sim)[0]?.body as { images: { url: string }[]; aspect_ratio: string };
  expect(body.aspect_ratio).toBe('16:9');
  const colours = await Promise.all(body.images.map((i) => colourOf(i.url)));
  expect(colours).toEqual([[0, 255, 0], [0, 0, 255], [255, 0, 0]]);
  await page.screenshot(shot('three-result'));
});

test('an oversized image is scaled down with a notice; bad files are refused with their reasons', async ({ page, launch }) => {
  await launch(page);
  const edit = new EditPage(page);
  await edit.open();
  const wide = await solidPng('panorama.png', '#2980b9', 8000, 2000);
  const jpeg = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).jpeg().toBuffer();
  await edit.dropFiles([
    wide,
    { name: 'notes.png', mimeType: 'image/png', bytes: new TextEncoder().encode('shopping list: eggs, milk, bread\n'.repeat(10)) },
    { name: 'empty.png', mimeType: 'image/png', bytes: new Uint8Array() },
    { name: 'broken.jpg', mimeType: 'image/jpeg', bytes: jpeg.subarray(0, Math.floor(jpeg.length / 2)) },
  ]);
  await expect(edit.preparing()).toHaveCount(0);
  await expect(edit.cards()).toHaveCount(1);
  await expect(edit.notices(1)).toContainText('Downscaled from 8000×2000 to 4096×1024.');
  const refusals = edit.refusals();
  await expect(refusals).toContainText('notes.png was not added: This is not an image or video: it is a text file');
  await expect(refusals).toContainText('empty.png was not added: The file is empty (0 bytes).');
  await expect(refusals).toContainText('broken.jpg was not added: The JPEG file is truncated or corrupt');
  await page.screenshot(shot('refusals'));
});

for (const size of [{ width: 1280, height: 800 }, { width: 1024, height: 700 }]) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });
    test('a finished edit is in view whole: the results\' heading, the result and "Show before" under it', async ({ page, launch }) => {
      const edit = await editedOnce(page, launch);
      const result = edit.resultImages().first();
      await expect.poll(() => result.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
      // The stage takes the room the ledger and the sources leave; where that is only its minimum (1024×700, and at
      // 1280×800 with a source card this tall) the page scrolls just enough to show the stage's end. "Show before"
      // and the stage's frame were once 20–30 px under the window at 1280×800.
      await expect(edit.results().getByRole('button', { name: 'Show before' })).toBeInViewport({ ratio: 1 });
      await expect(result).toBeInViewport({ ratio: 1 });
      await expect(edit.results().getByRole('button', { name: 'Edit again' })).toBeInViewport({ ratio: 1 });
      await page.screenshot(shot(`result-${size.width}`));
    });
  });
}

test('edit again twice, then go back to step 1 and branch', async ({ page, launch, sim }) => {
  const edit = await editedOnce(page, launch);
  await edit.editAgain();
  await expect(edit.card(1)).toContainText('Make it winter');
  await edit.edit('Add a fox in the snow');
  await expect(edit.step(2)).toHaveAttribute('aria-current', 'step');
  await edit.editAgain();
  await expect(edit.card(1)).toContainText('Add a fox in the snow');
  await edit.edit('Now at night');
  await expect(edit.step(3)).toHaveAttribute('aria-current', 'step');
  await expect(edit.step(3)).toContainText('(from step 2)');
  await expect.poll(() => edit.resultImages().first().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await page.screenshot(shot('step-3'));

  await edit.step(1).click();
  await expect(edit.card(1)).toContainText('house.png');
  await expect(edit.prompt()).toHaveValue('Make it winter');
  await expect(edit.results().getByRole('heading')).toHaveText('Results of step 1');
  await edit.results().getByRole('radiogroup', { name: 'Compare' }).getByRole('radio', { name: 'Slider' }).check();
  await expect(page.getByRole('slider', { name: 'Before/after position' })).toBeVisible();
  await page.getByRole('slider', { name: 'Before/after position' }).fill('30');
  await page.screenshot(shot('back-to-step-1'));
  await edit.edit('Make it autumn');
  await expect(edit.step(4)).toContainText('(from step 1)');
  expect(edits(sim)).toHaveLength(4);
  await page.screenshot(shot('branch'));
});
