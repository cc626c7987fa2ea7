import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { expect, test } from './support/fixtures';
import { LibraryPage } from './pages/library-page';

/** A folder of 18 distinct photos in three subfolders, plus what a real folder also holds (notes, hidden files). */
async function photoFolder(): Promise<string> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'imagine-e2e-folder-'));
  const dirs = ['trip', path.join('trip', 'day 1'), path.join('trip', 'day 2', 'evening')];
  for (const [d, dir] of dirs.entries()) {
    mkdirSync(path.join(root, dir), { recursive: true });
    for (let n = 0; n < 6; n += 1) {
      const color = { r: 40 * d + 20, g: 40 * n + 10, b: 120 };
      writeFileSync(path.join(root, dir, `photo-${d}-${n}.jpg`), await sharp({ create: { width: 240, height: 160, channels: 3, background: color } }).jpeg().toBuffer());
    }
  }
  writeFileSync(path.join(root, 'trip', 'notes.txt'), 'packing list');
  writeFileSync(path.join(root, 'trip', '.DS_Store'), 'finder');
  return path.join(root, 'trip');
}

test.describe('import', () => {
  test('Import folder… takes the subfolders, shows progress, grows the grid without re-running its query, and reports what is in already', async ({ page }) => {
    const folder = await photoFolder();
    // Every call the page makes to main, from the WebSocket: full grid queries are `library:query` without `ids`.
    const sent: { channel: string; input: Record<string, unknown> }[] = [];
    page.on('websocket', (ws) =>
      ws.on('framesent', ({ payload }) => {
        const msg = JSON.parse(String(payload)) as { type?: string; channel?: string; input?: Record<string, unknown> };
        if (msg.type === 'invoke' && msg.channel) sent.push({ channel: msg.channel, input: msg.input ?? {} });
      }),
    );
    await page.reload();
    await page.locator('html[data-app-state="ready"]').waitFor();
    const lib = new LibraryPage(page);
    await lib.open();
    await expect(page.getByText('Nothing here yet.', { exact: false })).toBeVisible();
    const fullQueries = () => sent.filter((c) => c.channel === 'library:query' && !c.input.ids && !c.input.cursor).length;
    const before = fullQueries();

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import folder…' }).click();
    await (await chooser).setFiles(folder);
    await lib.expectCount('18 items');
    await expect(page.getByRole('status').filter({ hasText: 'Imported 18 files.' })).toBeVisible();
    // 18 files, batched: the grid placed each batch's new ids and never re-ran its whole query.
    expect(fullQueries() - before).toBe(0);
    expect(sent.filter((c) => c.channel === 'library:import')).toHaveLength(18);
    expect(sent.filter((c) => c.channel === 'library:import-begin')).toEqual([{ channel: 'library:import-begin', input: { total: 18 } }]);
    await expect(lib.tiles()).toHaveCount(18);

    // The same folder again: nothing new, and it says so instead of adding copies.
    const again = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import folder…' }).click();
    await (await again).setFiles(folder);
    const panel = page.getByRole('region', { name: 'Import' });
    await expect(panel.getByRole('status')).toHaveText('Import finished: 0 of 18 files added. 18 files were already in the library.');
    await lib.expectCount('18 items');
    await panel.getByRole('button', { name: 'Dismiss' }).click();
    rmSync(path.dirname(folder), { recursive: true, force: true });
  });

  test('a large photo travels to the host in chunks under its small frame limit and lands in the library', async ({ page }) => {
    // Noise, stored uncompressed: about 6 MB as a file, 8 MB as base64 — dozens of chunks (src-preload/bridge-frames.ts).
    const side = 1400;
    const raw = Buffer.alloc(side * side * 3);
    for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'imagine-e2e-big-'));
    const file = path.join(dir, 'big-noise.png');
    writeFileSync(file, await sharp(raw, { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer());
    let binaryFrames = 0;
    page.on('websocket', (ws) => ws.on('framesent', ({ payload }) => void (typeof payload !== 'string' && binaryFrames++)));
    await page.reload();
    await page.locator('html[data-app-state="ready"]').waitFor();
    const lib = new LibraryPage(page);
    await lib.open();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import…' }).click();
    await (await chooser).setFiles(file);
    await lib.expectCount('1 item');
    expect(binaryFrames).toBeGreaterThan(10);
    rmSync(dir, { recursive: true, force: true });
  });
});
