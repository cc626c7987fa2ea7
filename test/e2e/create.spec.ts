import { expect, type Page } from '@playwright/test';
import type { Simulator } from '../../src-main/simulator';
import { GeneratePage } from './pages/generate-page';
import { LibraryPage } from './pages/library-page';
import { VideoPage } from './pages/video-page';
import { fullyVisible } from './support/geometry';
import { simulatedHostTest } from './support/simulated-host';

/** Issue 19: create faster — the prompt enhancer, wildcards and the prompt library, variations, compare, queue control. */
// Videos settle after a few quick polls (the host polls every 300 ms), so the video enhancer test waits seconds, not minutes.
const test = simulatedHostTest({
  name: 'create', simulator: { latencyMs: 150, video: { emptyPolls: 1, pendingPolls: 1 } }, env: { IMAGINE_VIDEO_POLL_MS: '300' },
});
const shot = (name: string) => ({ path: `test-results/screenshots/create-${name}.png` });

const posts = (sim: Simulator, path: string) => sim.requests.filter((r) => r.method === 'POST' && r.path === path);
const item = async (page: Page, id: string) =>
  page.evaluate(async (itemId) => {
    const api = (window as unknown as { api: { invoke(c: string, i: unknown): Promise<{ ok: boolean; value: { record: Record<string, unknown>; parents: unknown[] } }> } }).api;
    return (await api.invoke('library:item', { id: itemId })).value;
  }, id);

/** Library search: each query finds that many items. */
async function expectSearch(page: Page, cases: [query: string, count: number][]) {
  const lib = new LibraryPage(page);
  await lib.open();
  for (const [query, count] of cases) {
    await lib.searchFor(query);
    await expect(lib.tiles()).toHaveCount(count);
  }
}

test('enhance → diff → accept → generate: the rewrite is sent, both prompts are stored and searchable', async ({ page, launch, sim }) => {
  await launch(page);
  const gen = new GeneratePage(page);
  await gen.fill({ prompts: ['a lighthouse at dusk'], n: 1, aspect: '1:1' });
  await page.getByRole('button', { name: 'Enhance prompt' }).click();
  const rewrite = page.getByRole('region', { name: 'Prompt rewrite' });
  await expect(rewrite).toBeVisible();
  // The diff: the rewrite's additions marked beside the original; nothing has been generated.
  await expect(rewrite.getByTestId('rewrite-diff').locator('ins')).toContainText('cinematic lighting');
  await expect(rewrite.getByTestId('rewrite-original')).toContainText('a lighthouse at dusk');
  await expect(rewrite.getByTestId('rewrite-cost')).toContainText('grok-4-1-fast-non-reasoning');
  expect(posts(sim, '/v1/images/generations')).toHaveLength(0);
  const chat = posts(sim, '/v1/chat/completions');
  expect(chat).toHaveLength(1);
  expect(chat[0]?.headers.authorization).toMatch(/^Bearer xa\*\*\*ey$/);
  await page.screenshot(shot('enhance-diff'));
  // Edited before accepting: the edit is what is sent.
  const box = rewrite.getByRole('textbox', { name: 'Edit the rewrite' });
  const text = `${(await box.inputValue()).replace(/\.$/, '')}, seen from the sea.`;
  await box.fill(text);
  await rewrite.getByRole('button', { name: 'Accept' }).click();
  await expect(rewrite).toBeHidden();
  await expect(gen.prompt()).toHaveValue(text);
  await expect(page.getByTestId('original-prompt')).toContainText('a lighthouse at dusk');
  await expect(page.getByTestId('ledger-kinds')).toContainText('prompt rewrites');
  await gen.submit().click();
  await expect(gen.tilesIn(text, 'done')).toHaveCount(1);
  expect((posts(sim, '/v1/images/generations')[0]?.body as { prompt: string }).prompt).toBe(text);
  const id = await gen.tilesIn(text, 'done').first().getAttribute('data-item-id');
  const stored = await item(page, id ?? '');
  expect(stored.record).toMatchObject({ prompt: text, originalPrompt: 'a lighthouse at dusk' });
  // Search finds the item by words of either prompt.
  await expectSearch(page, [['"seen from the sea"', 1], ['lighthouse dusk -cinematic', 0], ['"lighthouse at dusk"', 1]]);
});

test('Video: enhance → diff → accept → generate video: the rewrite is sent, both prompts are on the video and searchable', async ({ page, launch, sim }) => {
  await launch(page);
  const video = new VideoPage(page);
  await video.open();
  await video.prompt().fill('a paper boat on a rainy street');
  await video.duration().fill('3');
  await video.form().getByRole('button', { name: 'Enhance prompt' }).click();
  const rewrite = video.form().getByRole('region', { name: 'Prompt rewrite' });
  // The video target asks for motion and camera words, shown as additions beside the original.
  await expect(rewrite.getByTestId('rewrite-diff').locator('ins')).toContainText('slow camera push-in');
  await expect(rewrite.getByTestId('rewrite-original')).toContainText('a paper boat on a rainy street');
  await expect(rewrite.getByTestId('rewrite-cost')).toContainText('press Generate video');
  const chat = posts(sim, '/v1/chat/completions');
  expect(chat).toHaveLength(1);
  expect(JSON.stringify(chat[0]?.body)).toMatch(/video/i);
  expect(posts(sim, '/v1/videos/generations')).toHaveLength(0);
  await page.screenshot(shot('video-enhance-diff'));
  await rewrite.getByRole('button', { name: 'Accept' }).click();
  await expect(rewrite).toBeHidden();
  const sent = await video.prompt().inputValue();
  expect(sent).toMatch(/^A paper boat on a rainy street.*slow camera push-in/);
  await expect(video.form().getByTestId('original-prompt')).toContainText('a paper boat on a rainy street');
  await expect(video.estimate()).toContainText('$');
  await video.submit().click();
  await expect(video.state(sent)).toHaveText('Done', { timeout: 30_000 });
  // xAI gets the rewrite only; the original never leaves the app.
  const start = posts(sim, '/v1/videos/generations');
  expect(start).toHaveLength(1);
  expect(start[0]?.body).toMatchObject({ prompt: sent });
  expect(start[0]?.body).not.toHaveProperty('originalPrompt');
  const jobs = await page.evaluate(async () => {
    const api = (window as unknown as { api: { invoke(c: string, i: unknown): Promise<{ value: { jobs: { itemId: string | null }[] } }> } }).api;
    return (await api.invoke('video:list', {})).value.jobs;
  });
  const stored = await item(page, jobs[0]?.itemId ?? '');
  expect(stored.record).toMatchObject({ kind: 'video', prompt: sent, originalPrompt: 'a paper boat on a rainy street' });
  await expectSearch(page, [['"slow camera push-in"', 1], ['"boat on a rainy street" -push', 0], ['"boat on a rainy street"', 1]]);
});

test('Discard leaves the prompt as it was and sends nothing', async ({ page, launch, sim }) => {
  await launch(page);
  const gen = new GeneratePage(page);
  await gen.fill({ prompts: ['a fox in snow'], n: 1, aspect: '1:1' });
  await page.getByRole('button', { name: 'Enhance prompt' }).click();
  await page.getByRole('region', { name: 'Prompt rewrite' }).getByRole('button', { name: 'Discard' }).click();
  await expect(gen.prompt()).toHaveValue('a fox in snow');
  await expect(page.getByTestId('original-prompt')).toBeHidden();
  expect(posts(sim, '/v1/images/generations')).toHaveLength(0);
});

test('wildcards expand into a batch: the count and the estimate show before submit, and each prompt is sent', async ({ page, launch, sim }) => {
  await launch(page);
  const gen = new GeneratePage(page);
  await gen.fill({ prompts: ['a {red|blue|green} {cat|dog} on a sofa'], n: 2, aspect: '1:1' });
  await expect(gen.estimate().getByTestId('prompt-count')).toHaveText('6 prompts');
  await expect(gen.estimate()).toContainText('12 images × $0.02 = $0.24');
  await page.screenshot(shot('wildcards'));
  await gen.submit().click();
  const name = /^Batch: 6 prompts/;
  await expect(gen.tilesIn(name, 'done')).toHaveCount(12);
  const sent = posts(sim, '/v1/images/generations').map((r) => (r.body as { prompt: string }).prompt).sort();
  expect(sent).toEqual(['a blue cat on a sofa', 'a blue dog on a sofa', 'a green cat on a sofa', 'a green dog on a sofa', 'a red cat on a sofa', 'a red dog on a sofa']);
});

test('Vary (subtle) from the tile menu sends an edit of that image; the variations are linked to it', async ({ page, launch, sim }) => {
  await launch(page);
  const gen = new GeneratePage(page);
  await gen.generate('A red fox in fresh snow', 1, '1:1');
  const tile = gen.tilesIn('A red fox in fresh snow', 'done').first();
  const parentId = (await tile.getAttribute('data-item-id')) ?? '';
  await gen.count().fill('2');
  await tile.focus();
  await page.keyboard.press('Shift+F10');
  await gen.menu().getByRole('menuitem', { name: 'Vary (subtle)' }).click();
  await expect(page.getByText('2 variations added to the Library, linked to the image.')).toBeVisible();
  const edits = posts(sim, '/v1/images/edits');
  expect(edits).toHaveLength(1);
  const body = edits[0]?.body as { prompt: string; n: number; image?: { url: string }; images?: unknown[] };
  expect(body.prompt).toMatch(/^Make a subtle variation of <IMAGE_0>/);
  expect(body.prompt).toContain('A red fox in fresh snow');
  expect(body).toMatchObject({ n: 2 });
  // One source: the image itself, sent as the edit's `image`.
  expect(body.image?.url).toMatch(/^data:image\//);
  expect(body.images).toBeUndefined();
  const parent = await item(page, parentId);
  const children = (parent as unknown as { children: { kind: string; record: { id: string; editInstruction: string } }[] }).children;
  expect(children).toHaveLength(2);
  expect(children.every((c) => c.kind === 'edited-from' && c.record.editInstruction.startsWith('Make a subtle variation'))).toBe(true);
  // The viewer offers both variations too.
  await tile.click();
  await expect(page.getByRole('button', { name: 'Vary (strong)' })).toBeVisible();
  await page.screenshot(shot('vary-viewer'));
});

test('queue control: pause, reorder by keyboard, cancel one job of a batch, a SIGKILL, resume → xAI gets them in that order', async ({ page, launch, sim }) => {
  const host = await launch(page);
  const gen = new GeneratePage(page);
  await gen.updateSettings({ concurrency: 1 });
  const queue = page.getByRole('region', { name: 'Queue' });
  await queue.getByRole('button', { name: 'Pause queue' }).click();
  await expect(queue.getByRole('button', { name: 'Resume queue' })).toBeVisible();
  await gen.fill({ prompts: ['q one', 'q two', 'q three', 'q four'], n: 1, aspect: '1:1' });
  await gen.submit().click();
  const rows = queue.getByRole('list', { name: 'Queued requests' }).getByRole('listitem');
  await expect(rows).toHaveCount(4);
  // "q four" to the front with Alt+↑, three times; focus stays on the row it moves.
  await rows.filter({ hasText: 'q four' }).focus();
  for (const place of [3, 2, 1]) {
    await page.keyboard.press('Alt+ArrowUp');
    await expect(rows.nth(place - 1)).toHaveAccessibleName(`Queued ${place} of 4: q four`);
  }
  await expect(rows.filter({ hasText: 'q four' })).toBeFocused();
  await rows.filter({ hasText: 'q two' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(rows).toHaveCount(3);
  await page.screenshot(shot('queue-paused'));
  expect(posts(sim, '/v1/images/generations')).toHaveLength(0);
  // The order and the pause survive a crash.
  await host.stop('SIGKILL');
  await launch(page);
  await expect(queue.getByRole('button', { name: 'Resume queue' })).toBeVisible();
  await expect(rows).toHaveText([/q four/, /q one/, /q three/]);
  expect(posts(sim, '/v1/images/generations')).toHaveLength(0);
  await queue.getByRole('button', { name: 'Resume queue' }).click();
  await expect(gen.tilesIn(/^Batch: 4 prompts/, 'done')).toHaveCount(3);
  await expect(gen.tilesIn(/^Batch: 4 prompts/, 'cancelled')).toHaveCount(1);
  expect(posts(sim, '/v1/images/generations').map((r) => (r.body as { prompt: string }).prompt)).toEqual(['q four', 'q one', 'q three']);
});

test('queue control by drag and drop: rows dragged up and down → jobs:reorder → xAI gets them in the dropped order', async ({ page, launch, sim }) => {
  await launch(page);
  const gen = new GeneratePage(page);
  await gen.updateSettings({ concurrency: 1 });
  const queue = page.getByRole('region', { name: 'Queue' });
  await queue.getByRole('button', { name: 'Pause queue' }).click();
  await gen.fill({ prompts: ['d one', 'd two', 'd three', 'd four'], n: 1, aspect: '1:1' });
  await gen.submit().click();
  const rows = queue.getByRole('list', { name: 'Queued requests' }).getByRole('listitem');
  await expect(rows).toHaveText([/d one/, /d two/, /d three/, /d four/]);
  // HTML5 drag and drop (dragstart → dragover → drop), as a mouse does it: up onto the first row, then down onto the last.
  await rows.filter({ hasText: 'd three' }).dragTo(rows.filter({ hasText: 'd one' }));
  await expect(rows).toHaveText([/d three/, /d one/, /d two/, /d four/]);
  await rows.filter({ hasText: 'd one' }).dragTo(rows.filter({ hasText: 'd four' }));
  await expect(rows).toHaveText([/d three/, /d two/, /d four/, /d one/]);
  await expect(rows.first()).toHaveAccessibleName('Queued 1 of 4: d three');
  expect(posts(sim, '/v1/images/generations')).toHaveLength(0);
  await queue.getByRole('button', { name: 'Resume queue' }).click();
  await expect(gen.tilesIn(/^Batch: 4 prompts/, 'done')).toHaveCount(4);
  expect(posts(sim, '/v1/images/generations').map((r) => (r.body as { prompt: string }).prompt)).toEqual(['d three', 'd two', 'd four', 'd one']);
});

test('Compare models: one prompt to 3 combinations → 3 groups named with their model, each with its cost; "Use these settings"', async ({ page, launch, sim }) => {
  await launch(page);
  const gen = new GeneratePage(page);
  await gen.fill({ prompts: ['A harbour at dawn'], n: 1, aspect: '1:1' });
  await page.getByRole('button', { name: 'Compare models' }).click();
  const form = page.getByRole('group', { name: 'Compare models' });
  await form.getByRole('combobox', { name: 'Model 1' }).selectOption('grok-imagine-image');
  await form.getByRole('combobox', { name: 'Model 2' }).selectOption('grok-imagine-image-2.0');
  await form.getByRole('combobox', { name: 'Quality 2' }).selectOption('low');
  await form.getByRole('button', { name: 'Add combination' }).click();
  await form.getByRole('combobox', { name: 'Model 3' }).selectOption('grok-imagine-image-2.0');
  await form.getByRole('combobox', { name: 'Quality 3' }).selectOption('medium');
  await form.getByRole('combobox', { name: 'Resolution 3' }).selectOption('2k');
  await form.getByRole('button', { name: 'Compare 3 combinations' }).click();
  const group = page.getByRole('region', { name: 'Comparison: A harbour at dawn' });
  const cols = [
    ['grok-imagine-image · 1k', '$0.02'],
    ['grok-imagine-image-2.0 · Low · 1k', '$0.04'],
    ['grok-imagine-image-2.0 · Medium · 2k', '$0.08'],
  ] as const;
  for (const [name, cost] of cols) {
    const col = group.getByRole('region', { name, exact: true });
    await expect(col.locator('li[data-state="done"]')).toHaveCount(1);
    await expect(col.getByTestId('compare-cost')).toContainText(`Cost ${cost}`);
    await expect(col.getByTestId('compare-cost')).toContainText(/Time \d+ s/);
  }
  const sent = posts(sim, '/v1/images/generations').map((r) => r.body as { model: string; quality?: string; resolution: string; prompt: string });
  expect(sent.map((b) => `${b.model}/${b.quality ?? '-'}/${b.resolution}`).sort()).toEqual(['grok-imagine-image-2.0/low/1k', 'grok-imagine-image-2.0/medium/2k', 'grok-imagine-image/-/1k']);
  expect(new Set(sent.map((b) => b.prompt))).toEqual(new Set(['A harbour at dawn']));
  await page.screenshot(shot('compare'));
  await group.getByRole('region', { name: 'grok-imagine-image-2.0 · Medium · 2k', exact: true }).getByRole('button', { name: 'Use these settings' }).click();
  await expect(gen.model()).toHaveValue('grok-imagine-image-2.0');
});

test('prompt library: save with a name and tags, import and export as text, use one', async ({ page, launch }) => {
  await launch(page);
  const gen = new GeneratePage(page);
  await gen.fill({ prompts: ['a {red|blue} kite'], n: 1, aspect: '1:1' });
  await page.getByRole('button', { name: 'Prompt library' }).click();
  const lib = page.getByRole('region', { name: 'Prompt library' });
  await lib.getByRole('textbox', { name: 'Name' }).fill('Kites');
  await lib.getByRole('textbox', { name: /Tags/ }).fill('Sky, toys');
  await lib.getByRole('button', { name: 'Save prompt' }).click();
  await expect(lib.getByRole('list', { name: 'Saved prompts' })).toContainText('Kites');
  await lib.getByRole('textbox', { name: 'List as text (import or export)' }).fill('A fox in snow\nHarbour\tsea\ta harbour at dawn');
  await lib.getByRole('button', { name: 'Import' }).click();
  await expect(lib.getByRole('list', { name: 'Saved prompts' }).getByRole('listitem')).toHaveCount(3);
  await lib.getByRole('button', { name: 'Export' }).click();
  await expect(lib.getByRole('textbox', { name: 'List as text (import or export)' })).toHaveValue(/Kites\tsky, toys\ta \{red\|blue\} kite/);
  await lib.getByRole('listitem').filter({ hasText: 'Harbour' }).getByRole('button', { name: 'Use' }).click();
  await expect(gen.prompt()).toHaveValue('a harbour at dawn');
});

test('prompt library: filter the list by a tag or by words (names, texts and tags)', async ({ page, launch }) => {
  await launch(page);
  await page.getByRole('button', { name: 'Prompt library' }).click();
  const lib = page.getByRole('region', { name: 'Prompt library' });
  const list = lib.getByRole('list', { name: 'Saved prompts' }).getByRole('listitem');
  await lib.getByRole('textbox', { name: 'List as text (import or export)' })
    .fill('Harbour\tsea, dawn\ta harbour at dawn\nKites\tsky\ta red kite over the dunes\nStorm\tsea\ta storm at night\nFox\t\ta fox in the snow');
  await lib.getByRole('button', { name: 'Import' }).click();
  await expect(list).toHaveCount(4);
  const tags = lib.getByRole('group', { name: 'Filter by tag' });
  await expect(tags.getByRole('button')).toHaveText(['All tags', 'dawn', 'sea', 'sky']);
  await tags.getByRole('button', { name: 'sea' }).click();
  await expect(tags.getByRole('button', { name: 'sea' })).toHaveAttribute('aria-pressed', 'true');
  await expect(list).toHaveText([/Harbour/, /Storm/]);
  // Words narrow the tag's prompts further; main matches them against names, texts and tags.
  await lib.getByRole('searchbox', { name: 'Filter' }).fill('night');
  await expect(list).toHaveText([/Storm/]);
  await tags.getByRole('button', { name: 'All tags' }).click();
  await lib.getByRole('searchbox', { name: 'Filter' }).fill('dawn');
  await expect(list).toHaveText([/Harbour/]);
  await lib.getByRole('searchbox', { name: 'Filter' }).fill('sky');
  await expect(list).toHaveText([/Kites/]);
  await lib.getByRole('searchbox', { name: 'Filter' }).fill('nothing like this');
  await expect(list).toHaveText(['No saved prompt matches this filter.']);
  // Export still writes the whole list, whatever the filter shows.
  await lib.getByRole('button', { name: 'Export' }).click();
  const exported = await lib.getByRole('textbox', { name: 'List as text (import or export)' }).inputValue();
  expect(exported.split('\n').filter((l) => l && !l.startsWith('#'))).toHaveLength(4);
  expect(exported).toContain('Harbour\tsea, dawn\ta harbour at dawn');
});

test('Settings at 1024×700: the Prompt enhancer card holds its Text model select, with the whole price under it', async ({ page, launch }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await launch(page);
  await page.getByRole('tablist', { name: 'Sections' }).getByRole('tab', { name: 'Settings' }).click();
  const card = page.getByRole('region', { name: 'Prompt enhancer' });
  const select = card.getByRole('combobox', { name: 'Text model' });
  await select.scrollIntoViewIfNeeded();
  expect(await fullyVisible(page, select, card)).toBe(true);
  // The select's text fits its box (a longer option was cut off, or pushed the card out of its column).
  expect(await select.evaluate((el: HTMLSelectElement) => {
    const ctx = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
    ctx.font = getComputedStyle(el).font;
    return ctx.measureText(el.selectedOptions[0]?.text ?? '').width < el.clientWidth - 24;
  })).toBe(true);
  await expect(card).toContainText(/\$0\.20 in \/ \$0\.50 out per million tokens/);
});
