import { expect } from '@playwright/test';
import type { Simulator } from '../../src-main/simulator';
import { GeneratePage } from './pages/generate-page';
import { EditPage } from './pages/edit-page';
import { LibraryPage } from './pages/library-page';
import { VideoPage } from './pages/video-page';
import { simulatedHostTest } from './support/simulated-host';

const shot = (name: string) => ({ path: `test-results/screenshots/generate-${name}.png`, fullPage: true });

/** A simulator in the test process and a host pointed at it with a test key (env), on a fresh data dir. */
const test = simulatedHostTest({ name: 'gen', simulator: { latencyMs: 300 } });

const images = (sim: Simulator) => sim.requests.filter((r) => r.path === '/v1/images/generations');

test('4 × 16:9: tiles appear at submit and fill, and the images are in the Library', async ({ page, launch, sim }) => {
  await launch(page);
  const gen = new GeneratePage(page);
  await gen.fill({ prompts: ['A lighthouse on a cliff at dusk'], n: 4, aspect: '16:9' });
  await expect(gen.estimate()).toContainText('4 images × $0.02');
  await gen.submit().click();
  await expect(gen.tiles('A lighthouse on a cliff at dusk')).toHaveCount(4);
  await page.screenshot(shot('pending'));
  await expect(gen.tilesIn('A lighthouse on a cliff at dusk', 'done')).toHaveCount(4);
  await expect(gen.tilesIn('A lighthouse on a cliff at dusk', 'done').first().getByRole('img')).toBeVisible();
  await expect(gen.sessionCost()).toHaveText('$0.08');
  expect((images(sim)[0]?.body as { aspect_ratio: string; n: number })).toMatchObject({ aspect_ratio: '16:9', n: 4 });
  await page.screenshot(shot('done'));
  const lib = new LibraryPage(page);
  await lib.open();
  await expect(lib.tiles()).toHaveCount(4);
});

test('a blocked image is explained, and the budget cap blocks an expensive batch', async ({ page, launch, sim }) => {
  await launch(page);
  const gen = new GeneratePage(page);
  await gen.fill({ prompts: ['A cat BLOCKED'], n: 2, aspect: '1:1' });
  await page.keyboard.press('Control+Enter');
  await expect(gen.tilesIn('A cat BLOCKED', 'blocked')).toHaveCount(1);
  await expect(gen.tilesIn('A cat BLOCKED', 'blocked')).toContainText("xAI's content policy withheld this image");
  await expect(gen.tilesIn('A cat BLOCKED', 'done')).toHaveCount(1);
  await gen.batch('A cat BLOCKED').screenshot({ path: 'test-results/screenshots/generate-blocked.png' });

  await gen.updateSettings({ budgetCapUsd: 0.1 });
  const before = images(sim).length;
  await gen.fill({ prompts: ['one', 'two', 'three'], n: 4, aspect: '1:1' });
  await expect(gen.estimate()).toContainText('Over budget');
  await gen.submit().click();
  await expect(gen.error()).toContainText('over your budget cap of $0.10');
  await expect(gen.estimate()).toContainText('$0.24');
  await page.screenshot(shot('budget'));
  expect(images(sim).length).toBe(before);
});

test('restart mid-queue: queued jobs finish, the one in flight is marked interrupted', async ({ page, launch, sim }) => {
  sim.config.latencyMs = 2500;
  const host = await launch(page);
  const gen = new GeneratePage(page);
  await gen.updateSettings({ concurrency: 1 });
  await gen.fill({ prompts: ['first in flight', 'second queued', 'third queued'], n: 1, aspect: '1:1' });
  await gen.submit().click();
  const name = /^Batch: 3 prompts/;
  await expect(gen.tiles(name)).toHaveCount(3);
  await expect.poll(() => images(sim).length).toBe(1);
  await host.stop('SIGKILL'); // the process dies with a request at xAI
  sim.config.latencyMs = 200;
  await launch(page);
  await expect(gen.tilesIn(name, 'done')).toHaveCount(2, { timeout: 20_000 });
  await expect(gen.tilesIn(name, 'interrupted')).toHaveCount(1);
  await expect(gen.batch(name).getByRole('note')).toContainText('xAI may have generated and billed it');
  await page.screenshot(shot('interrupted'));
  await gen.batch(name).screenshot({ path: 'test-results/screenshots/generate-interrupted-batch.png' });
  await gen.tilesIn(name, 'interrupted').getByRole('button', { name: 'Retry' }).click();
  await expect(gen.tilesIn(name, 'done')).toHaveCount(3, { timeout: 20_000 });
});

test('Remix from the Library viewer fills the Generate form with that item\'s settings', async ({ page, launch }) => {
  await launch(page);
  const gen = new GeneratePage(page);
  await gen.fill({ prompts: ['A red fox in fresh snow'], n: 2, aspect: '3:4' });
  await gen.resolution('2k').click();
  await gen.submit().click();
  await expect(gen.tilesIn('A red fox in fresh snow', 'done')).toHaveCount(2);
  // The form moves on to something else.
  await gen.fill({ prompts: ['something else'], n: 1, aspect: '1:1' });
  await gen.resolution('1k').click();

  const lib = new LibraryPage(page);
  await lib.open();
  await lib.tiles().first().click();
  await expect(lib.viewer()).toBeVisible();
  await lib.viewer().getByRole('button', { name: 'Remix' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Generate' })).toBeVisible();
  await expect(gen.prompt()).toHaveValue('A red fox in fresh snow');
  await expect(gen.count()).toHaveValue('2');
  await expect(gen.aspect('3:4')).toHaveAttribute('aria-checked', 'true');
  await expect(gen.resolution('2k')).toHaveAttribute('aria-checked', 'true');
  await expect(gen.model()).toHaveValue('grok-imagine-image');
  await expect(gen.prompt()).toBeFocused();
});

test('a done tile: toolbar and right-click menu favorite, remix, hand off to Edit and Video, open the viewer', async ({ page, launch }) => {
  await launch(page);
  const gen = new GeneratePage(page);
  await gen.fill({ prompts: ['A paper lantern festival'], n: 1, aspect: '16:9' });
  await gen.submit().click();
  const tile = gen.tilesIn('A paper lantern festival', 'done').first();
  await expect(tile).toBeVisible();
  await tile.hover();
  const tools = gen.tileTools(tile);
  const favorite = tools.getByRole('button', { name: 'Favorite' });
  await favorite.click();
  await expect(favorite).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot(shot('tile-toolbar'));

  // Keyboard: Tab reaches the toolbar's buttons; Shift+F10 opens the same actions as a menu.
  await favorite.focus();
  await page.keyboard.press('Shift+F10');
  await expect(gen.menu()).toBeVisible();
  await expect(gen.menu().getByRole('menuitemcheckbox', { name: /Favorite/ })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');
  await expect(gen.menu()).toBeHidden();

  // Remix refills the form from the tile's request.
  await gen.fill({ prompts: ['changed'], n: 3, aspect: '1:1' });
  await tile.hover();
  await tools.getByRole('button', { name: 'Remix' }).click();
  await expect(gen.prompt()).toHaveValue('A paper lantern festival');
  await expect(gen.count()).toHaveValue('1');
  await expect(gen.aspect('16:9')).toHaveAttribute('aria-checked', 'true');

  // Right-click → Edit: the Edit screen has the image as its source.
  await tile.click({ button: 'right' });
  await page.screenshot(shot('tile-menu'));
  await gen.menu().getByRole('menuitem', { name: /Edit/ }).click();
  const edit = new EditPage(page);
  await expect(page.getByRole('tabpanel').getByRole('heading', { level: 1 })).toHaveText('Edit');
  await expect(edit.cards()).toHaveCount(1);

  // Animate: the Video screen has it as the start image.
  await gen.open();
  await tile.hover();
  await tools.getByRole('button', { name: 'Animate' }).click();
  const video = new VideoPage(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Video' })).toBeVisible();
  await expect(video.mode('Image → video')).toBeChecked();

  // Open in viewer: the Library's viewer on that item, already a favorite.
  await gen.open();
  await tile.click({ button: 'right' });
  await gen.menu().getByRole('menuitem', { name: /Open in viewer/ }).click();
  const lib = new LibraryPage(page);
  await expect(lib.viewer()).toBeVisible();
  await expect(lib.viewer().getByRole('button', { name: /Favorite/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(lib.viewer()).toContainText('A paper lantern festival');
});

test('presets: save the parameters under a name, survive a restart, pick, rename and delete', async ({ page, launch }) => {
  const host = await launch(page);
  const gen = new GeneratePage(page);
  // 21:9 is a 2.0 ratio (the capability table): choose the model first.
  await gen.model().selectOption('grok-imagine-image-2.0');
  await gen.fill({ prompts: ['ignored'], n: 2, aspect: '21:9' });
  await gen.resolution('2k').click();
  await gen.savePreset('Cinematic wide', ', cinematic light');
  await gen.fill({ prompts: ['x'], n: 1, aspect: '1:1' });
  await gen.resolution('1k').click();

  await host.stop(); // a restart: presets live in main (jobs.db)
  await launch(page);
  await gen.prompt().fill('A harbour at night');
  const saved = await gen.presetPicker().getByRole('option', { name: /Cinematic wide/ }).getAttribute('value');
  await gen.presetPicker().selectOption(saved ?? '');
  await expect(gen.count()).toHaveValue('2');
  await expect(gen.model()).toHaveValue('grok-imagine-image-2.0');
  await expect(gen.aspect('21:9')).toHaveAttribute('aria-checked', 'true');
  await expect(gen.resolution('2k')).toHaveAttribute('aria-checked', 'true');
  await expect(gen.prompt()).toHaveValue('A harbour at night, cinematic light');
  await page.screenshot(shot('presets'));

  await gen.presets().getByRole('button', { name: 'Rename…' }).click();
  await gen.presets().getByRole('textbox', { name: /New name/ }).fill('Wide film');
  await page.keyboard.press('Enter');
  await expect(gen.presetPicker().getByRole('option', { name: /Wide film/ })).toHaveCount(1);
  await gen.presets().getByRole('button', { name: 'Delete' }).click();
  await gen.presets().getByRole('button', { name: 'Delete preset' }).click();
  await expect(gen.presetPicker().getByRole('option', { name: /Wide film/ })).toHaveCount(0);
});
