/**
 * Issue 14.9, 14.8 and 15.3–15.5 as a user meets them: one set of controls (combobox "Model" with friendly name, id
 * and price; radio groups "Aspect ratio" and "Resolution") in Generate, Edit and Video, each driven by the model;
 * "Quality" only where 2.0 is chosen, sent explicitly; the viewer names the model that served; Edit's 5/3 sources;
 * Settings reaching untouched forms live.
 */
import { expect, type Page } from '@playwright/test';
import sharp from 'sharp';
import { EditPage, type DropFile } from './pages/edit-page';
import { GeneratePage } from './pages/generate-page';
import { LibraryPage } from './pages/library-page';
import { SettingsPage } from './pages/settings-page';
import { VideoPage } from './pages/video-page';
import { simulatedHostTest } from './support/simulated-host';

const test = simulatedHostTest({ name: 'caps' });
// Only when asked (CAPS_SHOTS=1), under SHOT_DIR or the run's own output folder, never a path of one machine.
const SHOTS = process.env.SHOT_DIR ?? 'test-results/screenshots/capabilities';
const shot = async (page: Page, name: string) => {
  await page.screenshot({ path: `test-results/screenshots/caps-${name}.png` });
  if (process.env.CAPS_SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
};
const solidPng = async (name: string, color: string): Promise<DropFile> =>
  ({ name, mimeType: 'image/png', bytes: await sharp({ create: { width: 160, height: 120, channels: 3, background: color } }).png().toBuffer() });

test('the same Model, Aspect ratio and Resolution controls in Generate, Edit and Video, each following the model', async ({ page, launch }) => {
  await launch(page);
  const gen = new GeneratePage(page);
  const model = page.getByRole('combobox', { name: 'Model' });
  // Friendly name, id and price in each option; retired models are not offered.
  await expect(model.getByRole('option', { name: 'Grok Imagine Image 2.0 · grok-imagine-image-2.0 · from $0.04/image' })).toHaveCount(1);
  await expect(model.getByRole('option', { name: /grok-imagine-image-quality|grok-imagine-image-pro/ })).toHaveCount(0);
  await expect(page.getByRole('radiogroup', { name: 'Resolution' })).toBeVisible();
  await expect(page.getByRole('radiogroup', { name: 'Quality' })).toHaveCount(0);
  await expect(gen.aspect('21:9')).toHaveCount(0);
  await model.selectOption('grok-imagine-image-2.0');
  await expect(gen.aspect('21:9')).toBeVisible();
  await expect(page.getByRole('radiogroup', { name: 'Quality' }).getByRole('radio')).toHaveText(['Auto (low)', 'Low', 'Medium']);
  await shot(page, 'generate-quality');

  const edit = new EditPage(page);
  await edit.open();
  await expect(page.getByRole('combobox', { name: 'Model' })).toBeVisible();
  await expect(page.getByRole('radiogroup', { name: 'Resolution' })).toBeVisible();
  await edit.dropFiles([await solidPng('a.png', '#c33'), await solidPng('b.png', '#3c3')]);
  await expect(edit.cards()).toHaveCount(2);
  await expect(page.getByRole('radiogroup', { name: 'Aspect ratio' })).toBeVisible();

  const video = new VideoPage(page);
  await video.open();
  const videoModel = page.getByRole('combobox', { name: 'Model' });
  await expect(videoModel.getByRole('option', { name: /^Grok Imagine Video 1\.5 Lite · grok-imagine-video-1\.5-lite · from \$0\.02\/s/ })).toHaveCount(1);
  await expect(page.getByRole('radiogroup', { name: 'Aspect ratio' })).toBeVisible();
  await expect(page.getByRole('radiogroup', { name: 'Resolution' })).toBeVisible();
  // 1.5-lite does text and image to video only: not offered for reference images; Extend uses grok-imagine-video.
  await video.mode('Reference images').check();
  await expect(videoModel.getByRole('option', { name: /1\.5-lite/ })).toHaveCount(0);
  await video.mode('Extend a video').check();
  await expect(videoModel).toHaveValue('grok-imagine-video');
  await expect(videoModel.getByRole('option')).toHaveCount(1);
});

test('Quality goes out explicitly for 2.0, lands in the estimate, and the viewer names the model that served', async ({ page, launch, sim }) => {
  await launch(page);
  const gen = new GeneratePage(page);
  await page.getByRole('combobox', { name: 'Model' }).selectOption('grok-imagine-image-2.0');
  await gen.fill({ prompts: ['A harbour at dawn, wide banner'], n: 2, aspect: '5:2' });
  await page.getByRole('radiogroup', { name: 'Quality' }).getByRole('radio', { name: 'Medium' }).click();
  await expect(gen.estimate()).toContainText('2 images × $0.06 (Medium quality)');
  await gen.submit().click();
  await expect(gen.tilesIn('A harbour at dawn, wide banner', 'done')).toHaveCount(2);
  const sent = sim.requests.filter((r) => r.path === '/v1/images/generations').at(-1)?.body;
  expect(sent).toMatchObject({ model: 'grok-imagine-image-2.0', quality: 'medium', aspect_ratio: '5:2' });

  const lib = new LibraryPage(page);
  await lib.open();
  await lib.tiles().first().click();
  await expect(lib.viewer()).toBeVisible();
  await expect(lib.viewer().getByTestId('lb-model')).toHaveText('grok-imagine-image-2.0');
  await expect(lib.viewer().getByText('Medium', { exact: true })).toBeVisible();
  await shot(page, 'viewer-served-model');
});

test('Edit takes 5 sources on 2.0; switching to 1.0 asks which to drop', async ({ page, launch, sim }) => {
  await launch(page);
  const edit = new EditPage(page);
  await edit.open();
  const model = page.getByRole('combobox', { name: 'Model' });
  await model.selectOption('grok-imagine-image-2.0');
  await edit.dropFiles(await Promise.all(['#c33', '#3c3', '#33c', '#cc3', '#3cc'].map((c, i) => solidPng(`s${i + 1}.png`, c))));
  await expect(edit.cards()).toHaveCount(5);
  await model.selectOption('grok-imagine-image');
  const chooser = page.getByRole('group', { name: /Grok Imagine Image edits at most 3 images at once; there are 5/ });
  await expect(chooser).toBeVisible();
  await shot(page, 'edit-drop-sources');
  await chooser.getByRole('button', { name: 'Drop 2 and use Grok Imagine Image' }).click();
  await expect(edit.cards()).toHaveCount(3);
  await expect(model).toHaveValue('grok-imagine-image');
  await model.selectOption('grok-imagine-image-2.0');
  await page.getByRole('textbox', { name: 'Edit instruction' }).fill('<IMAGE_0> and <IMAGE_1> on a beach');
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect.poll(() => sim.requests.filter((r) => r.path === '/v1/images/edits').length).toBe(1);
  expect(sim.requests.find((r) => r.path === '/v1/images/edits')?.body).toMatchObject({ model: 'grok-imagine-image-2.0', quality: 'medium' });
});

test('Settings apply live to Generate and Video until the user changes their options', async ({ page, launch }) => {
  await launch(page);
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.field('Image model').selectOption('grok-imagine-image-2.0');
  await settings.field('Aspect ratio').selectOption('21:9');
  await settings.field('Quality').selectOption('medium');
  await settings.field('Video aspect ratio').selectOption('9:16');
  await shot(page, 'settings-defaults');
  const gen = new GeneratePage(page);
  await gen.open();
  await expect(gen.model()).toHaveValue('grok-imagine-image-2.0');
  await expect(gen.aspect('21:9')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('radiogroup', { name: 'Quality' }).getByRole('radio', { name: 'Medium' })).toHaveAttribute('aria-checked', 'true');
  const video = new VideoPage(page);
  await video.open();
  await expect(video.aspect('9:16')).toHaveAttribute('aria-checked', 'true');
  // The user changes Generate's ratio: later Settings no longer move it, but still reach the untouched Video form.
  await gen.open();
  await gen.aspect('1:1').click();
  await settings.open();
  await settings.field('Aspect ratio').selectOption('16:9');
  await settings.field('Video aspect ratio').selectOption('1:1');
  await gen.open();
  await expect(gen.aspect('1:1')).toHaveAttribute('aria-checked', 'true');
  await video.open();
  await expect(video.aspect('1:1')).toHaveAttribute('aria-checked', 'true');
});

test('Settings reach Edit\'s untouched options; a choice made on the Edit stage stays, across a reload', async ({ page, launch }) => {
  await launch(page);
  const settings = new SettingsPage(page);
  const edit = new EditPage(page);
  const model = page.getByRole('combobox', { name: 'Model' });
  const radio = (group: string, name: string) => page.getByRole('radiogroup', { name: group }).getByRole('radio', { name, exact: true });
  await edit.open();
  await expect(model).toHaveValue('grok-imagine-image');
  await settings.open();
  await settings.field('Image model').selectOption('grok-imagine-image-2.0');
  await settings.field('Quality').selectOption('medium');
  await settings.field('Resolution').selectOption('2k');
  await edit.open();
  await expect(model).toHaveValue('grok-imagine-image-2.0');
  await expect(radio('Quality', 'Medium')).toHaveAttribute('aria-checked', 'true');
  await expect(radio('Resolution', '2k')).toHaveAttribute('aria-checked', 'true');
  // The user picks 1k on the stage (and writes an instruction, so the canvas is kept): Settings no longer move it.
  await radio('Resolution', '1k').click();
  await page.getByRole('textbox', { name: 'Edit instruction' }).fill('Make it winter');
  await settings.open();
  await settings.field('Image model').selectOption('grok-imagine-image');
  await edit.open();
  await expect(model).toHaveValue('grok-imagine-image-2.0');
  await expect(radio('Resolution', '1k')).toHaveAttribute('aria-checked', 'true');
  // Across a reload the canvas keeps both its options and that the user chose them.
  await expect.poll(async () => (await page.evaluate(async () => {
    const api = (window as unknown as { api: { invoke(c: string, i: unknown): Promise<{ ok: boolean; value: { session: { paramsTouched?: boolean } | null } }> } }).api;
    return (await api.invoke('edit:session', {})).value.session?.paramsTouched;
  }))).toBe(true);
  await page.reload();
  await page.locator('html[data-app-state="ready"]').waitFor();
  await edit.open();
  await expect(page.getByRole('textbox', { name: 'Edit instruction' })).toHaveValue('Make it winter');
  await expect(model).toHaveValue('grok-imagine-image-2.0');
  await expect(radio('Resolution', '1k')).toHaveAttribute('aria-checked', 'true');
});
