/**
 * Issue 16, point 2: every item of a 1,000,000-item library can be reached. The grid's scroll height is capped
 * below Chromium's 33,554,432 px limit and mapped onto all rows (scroll-map.ts), so End and dragging the scrollbar
 * to the bottom both show the last item, at both window sizes, in justified rows and in square tiles at the
 * largest size. The index is written with one SQL statement (seed-million.ts); its rows have no files.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { LibraryPage } from './pages/library-page';
import { expect, test } from './support/fixtures';
import { startHostProcess } from './support/host-process';
import { BASE, seedSyntheticIndex } from './support/seed-million';

const ITEMS = 1_000_000;
const rendererArgs = process.env.E2E_RENDERER_DIR ? ['--renderer-dir', process.env.E2E_RENDERER_DIR] : [];
let dataDir = '';

// Writing a million rows takes ~30 s on a busy machine: once for the file, each test starts its own host on it.
test.beforeAll(() => {
  test.setTimeout(240_000);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'imagine-e2e-million-'));
  seedSyntheticIndex(dataDir, ITEMS);
});
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test.use({
  host: async ({}, use) => {
    const host = await startHostProcess({ dataDir, args: rendererArgs });
    await use(host);
    await host.stop();
  },
  // A real scrollbar to drag: headless Chromium hides scrollbars unless told otherwise.
  launchOptions: {
    ignoreDefaultArgs: ['--hide-scrollbars'],
    executablePath: ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  },
});

const last = (lib: LibraryPage) => lib.tile(/^synthetic item 1$/);
const first = (lib: LibraryPage) => lib.tile(new RegExp(`^synthetic item ${ITEMS}$`));

interface SentQuery {
  sort?: string;
  cursor?: string;
  offset?: number;
  uncounted?: boolean;
  filter?: { to?: number };
}

/**
 * The `library:query` calls the page sends over the browser host's socket, in order (call `clear` to start over).
 * The page reloads: the fixture opened its socket before anyone listened.
 */
async function watchQueries(page: Page) {
  const sent: SentQuery[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', ({ payload }) => {
      if (typeof payload !== 'string' || !payload.includes('"library:query"')) return;
      const frame = JSON.parse(payload) as { type?: string; channel?: string; input?: SentQuery };
      if (frame.type === 'invoke' && frame.channel === 'library:query' && frame.input) sent.push(frame.input);
    }),
  );
  await page.reload();
  await page.locator('html[data-app-state="ready"]').waitFor();
  return { sent, clear: () => sent.splice(0) };
}

/**
 * The page placed far down the grid was asked for before the pages from the top reached it: at most the one page
 * from the top already on its way went first (the first page's rest, sent on its own timer).
 */
function expectFarPageFirst(sent: readonly SentQuery[], far: (q: SentQuery) => boolean) {
  const at = sent.findIndex(far);
  expect(at, JSON.stringify(sent)).toBeGreaterThanOrEqual(0);
  expect(sent.slice(0, at).filter((q) => q.cursor !== undefined).length).toBeLessThanOrEqual(1);
}

/**
 * Drags the grid's scrollbar thumb from the top to below the grid's bottom edge (or `to` of the way down), as a
 * user would.
 */
async function dragScrollbarToBottom(page: Page, lib: LibraryPage, to = 1) {
  const box = await lib.grid().boundingBox();
  if (!box) throw new Error('no grid');
  const x = box.x + box.width - 7;
  // The thumb sits just under the scrollbar's up arrow while the grid is at the top.
  await page.mouse.move(x, box.y + 22);
  await page.mouse.down();
  const distance = to >= 1 ? box.height + 80 : (box.height - 44) * to;
  for (let i = 1; i <= 10; i += 1) await page.mouse.move(x, box.y + 22 + (distance * i) / 10);
  await page.mouse.up();
}

async function expectInView(page: Page, lib: LibraryPage, tile: ReturnType<typeof last>) {
  await expect(tile).toBeVisible({ timeout: 60_000 });
  // Its bottom edge is in the view (a one-column tile at the largest size can be taller than the view). Polled: a
  // page landing in the gap beside it re-lays its row, which re-creates the tile for a moment.
  await expect
    .poll(async () => {
      const grid = await lib.grid().boundingBox();
      const box = await tile.boundingBox();
      return !!grid && !!box && box.y < grid.y + grid.height && box.y + box.height <= grid.y + grid.height + 1;
    }, { timeout: 10_000 })
    .toBe(true);
}

for (const size of [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
]) {
  test.describe(`a million items at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('End and dragging the scrollbar to the bottom reach the last item, in justified rows and in square tiles at the largest size', async ({ page }, testInfo) => {
      test.setTimeout(180_000);
      const lib = new LibraryPage(page);
      const queries = await watchQueries(page);
      await lib.open();
      await lib.expectCount('1,000,000 items');
      await expect(first(lib)).toBeVisible();
      // The scroll box stays under Chromium's cap; it maps onto every row.
      const height = await lib.grid().evaluate((el) => el.scrollHeight);
      expect(height).toBeLessThan(33_554_432);

      // End (and Ctrl+End) from the first tile: the focus and the view go to the oldest item.
      await first(lib).focus();
      queries.clear();
      await page.keyboard.press('End');
      await expectInView(page, lib, last(lib));
      await expect(last(lib)).toBeFocused();
      // The end's page (the view oldest first, reversed) before the 19 pages above it.
      expectFarPageFirst(queries.sent, (q) => q.sort === 'oldest' && q.uncounted === true && q.cursor === undefined);
      await page.screenshot({ path: testInfo.outputPath(`million-end-${size.width}.png`) });
      await page.keyboard.press('Home');
      await expect(first(lib)).toBeFocused();
      await page.keyboard.press('Control+End');
      await expect(last(lib)).toBeFocused();
      await page.keyboard.press('Home');
      await expect(first(lib)).toBeFocused();

      // The scrollbar: drag its thumb to the bottom.
      await dragScrollbarToBottom(page, lib);
      await expectInView(page, lib, last(lib));

      // Square tiles at the largest size: more rows, still every one reachable. (A drag leaves the focus where it
      // was, on a tile now far away: back to it first.)
      await last(lib).focus();
      await page.keyboard.press('Home');
      await expect(first(lib)).toBeFocused();
      await page.getByRole('checkbox', { name: 'Square tiles' }).check();
      await page.getByRole('slider', { name: 'Tile size' }).fill('320');
      await first(lib).focus();
      await page.keyboard.press('End');
      await expectInView(page, lib, last(lib));
      await last(lib).focus();
      await page.keyboard.press('Home');
      await expect(first(lib)).toBeFocused();
      await dragScrollbarToBottom(page, lib);
      await expectInView(page, lib, last(lib));
      await page.screenshot({ path: testInfo.outputPath(`million-square-bottom-${size.width}.png`) });
    });
  });
}

test.describe('a million items: Jump to date and the wheel', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('"Jump to date" brings the newest item of a month in the middle into view with the focus; a wheel notch moves the content as far as it asks', async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    const lib = new LibraryPage(page);
    const queries = await watchQueries(page);
    await lib.open();
    await lib.expectCount('1,000,000 items');
    await expect(first(lib)).toBeVisible();

    // Above the scroll-height cap a scrollTop pixel is more than a content pixel: the grid scales the wheel back.
    const row3 = lib.grid().locator('[role="row"][aria-rowindex="3"] [role="gridcell"]').first();
    const before = (await row3.boundingBox())?.y ?? 0;
    const box = await lib.grid().boundingBox();
    await page.mouse.move((box?.x ?? 0) + 200, (box?.y ?? 0) + 200);
    await page.mouse.wheel(0, 200);
    await expect.poll(async () => Math.round(before - ((await row3.boundingBox())?.y ?? 0)), { timeout: 10_000 }).toBeGreaterThan(190);
    expect(Math.round(before - ((await row3.boundingBox())?.y ?? 0))).toBeLessThanOrEqual(202);

    // March 2021, newest first: the newest item made on or before its last moment (local time, as the picker).
    const end = new Date(2021, 3, 1).getTime() - 1;
    const newestInMarch = Math.floor((end - BASE) / 60_000);
    queries.clear();
    await page.getByLabel('Jump to date').fill('2021-03');
    const target = lib.tile(new RegExp(`^synthetic item ${newestInMarch}$`));
    await expectInView(page, lib, target);
    await expect(target).toBeFocused();
    // The page that starts with it (the view up to the month's end), not the seven pages of ids above it first.
    expectFarPageFirst(queries.sent, (q) => q.filter?.to === end + 1 && q.uncounted === true && q.cursor === undefined);
    // At the top of the view (the ids above it page in meanwhile and re-lay the rows above it; the view follows it).
    const fromTop = async () => Math.abs(((await target.boundingBox())?.y ?? 0) - ((await lib.grid().boundingBox())?.y ?? 0));
    await expect.poll(fromTop, { timeout: 30_000 }).toBeLessThan(12);
    // The one before it in the grid (a minute later) is in April.
    expect(new Date(BASE + (newestInMarch + 1) * 60_000).getMonth()).toBe(3);
    await page.screenshot({ path: testInfo.outputPath('million-jump-1280.png') });

    // The scrollbar dragged from the top to half way: the tiles there come with the one page at that offset, not
    // with the ids above it.
    await page.keyboard.press('Home');
    await expect(first(lib)).toBeFocused();
    queries.clear();
    await dragScrollbarToBottom(page, lib, 0.5);
    const middle = lib.tile(/^synthetic item \d+$/).first();
    await expect(middle).toBeVisible({ timeout: 60_000 });
    const n = Number(/\d+$/.exec((await middle.getAttribute('aria-label')) ?? '')?.[0]);
    expect(Math.abs(n - ITEMS / 2)).toBeLessThan(ITEMS / 10);
    expectFarPageFirst(queries.sent, (q) => q.offset !== undefined && q.cursor === undefined);
    expect(queries.sent.filter((q) => q.cursor !== undefined).length).toBeLessThanOrEqual(1);
    await page.screenshot({ path: testInfo.outputPath('million-middle-1280.png') });
  });
});
