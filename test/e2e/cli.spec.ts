import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { LibraryPage } from './pages/library-page';
import { expect, test } from './support/fixtures';
import { startHostProcess } from './support/host-process';
import { labelledJpeg, seedLibrary } from './support/seed-library';
import { startSimulator } from '../../src-main/simulator';

const run = promisify(execFile);
const rendererArgs = process.env.E2E_RENDERER_DIR ? ['--renderer-dir', process.env.E2E_RENDERER_DIR] : [];
let dataDir = '';

/** Runs `imagine` as a user would (the npm bin), on the host's data folder. */
async function imagine(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/imagine.mjs', ...args], { env: { ...process.env, IMAGINE_DATA_DIR: dataDir } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test.describe('the imagine command beside an open app', () => {
  test.use({
    host: async ({}, use) => {
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'imagine-e2e-cli-'));
      await seedLibrary(dataDir, 3);
      const host = await startHostProcess({ dataDir, args: rendererArgs });
      await use(host);
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });

  test('imports, searches and exports in the library the browser host has open; the grid shows it without a restart', async ({ page }) => {
    const lib = new LibraryPage(page);
    await lib.open();
    await lib.expectCount('4 items');

    const files = mkdtempSync(path.join(os.tmpdir(), 'imagine-cli-files-'));
    const a = path.join(files, 'harbour lights.jpg');
    const b = path.join(files, 'not an image.jpg');
    writeFileSync(a, await labelledJpeg(77, 'harbour lights from the command line'));
    writeFileSync(b, 'plain text');
    const imported = await imagine('import', a, b, '--json');
    expect(imported.code).toBe(2); // one file refused: the validation exit code
    expect(imported.stderr).toContain('Importing 2/2');
    const result = JSON.parse(imported.stdout) as { imported: { id: string; title: string; path: string }[]; rejected: { name: string }[] };
    expect(result.imported.map((r) => r.title)).toEqual(['harbour lights']);
    expect(result.rejected.map((r) => r.name)).toEqual([b]);

    // The host notices the other writer (data_version) and the open grid follows.
    await lib.expectCount('5 items');
    await expect(lib.tile('harbour lights')).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/cli-grid.png' });

    // Rated in the app, found from the command line with the same syntax.
    await lib.tile('harbour lights').focus();
    await page.keyboard.press('4');
    await expect.poll(async () => JSON.parse((await imagine('search', 'harbour rating:>=4', '--json')).stdout).items.length).toBe(1);
    const found = JSON.parse((await imagine('search', 'harbour', '--json')).stdout) as { total: number; items: { id: string; rating: number }[] };
    expect(found).toMatchObject({ total: 1, items: [{ id: result.imported[0]!.id, rating: 4 }] });
    const human = await imagine('search', 'harbour');
    expect(human.stdout).toMatch(new RegExp(`^${result.imported[0]!.id}  .*harbour lights ★★★★`, 'm'));

    const out = mkdtempSync(path.join(os.tmpdir(), 'imagine-cli-out-'));
    const exported = await imagine('export', result.imported[0]!.id, '--to', out, '--format', 'png', '--json');
    expect(exported.code).toBe(0);
    expect((JSON.parse(exported.stdout) as { files: { path: string }[] }).files[0]?.path).toMatch(/\.png$/);
    expect((await imagine('export', 'nope', '--to', out)).code).toBe(2);
    expect((await imagine('export', 'f'.repeat(32), '--to', out)).code).toBe(11); // not found
    expect((await imagine('frobnicate')).code).toBe(2);
    rmSync(files, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  test('generates through the paid-work pipeline into the library the browser host has open; the grid shows it without a restart', async ({ page }) => {
    const sim = await startSimulator({ latencyMs: 100 });
    try {
      const lib = new LibraryPage(page);
      await lib.open();
      await lib.expectCount('4 items');
      const run2 = await run(process.execPath, ['bin/imagine.mjs', 'generate', 'a red fox from the command line', '-n', '2', '--model', 'grok-imagine-image', '--json'], {
        env: { ...process.env, IMAGINE_DATA_DIR: dataDir, IMAGINE_API_BASE_URL: `${sim.url}/v1`, XAI_API_KEY: 'xai-e2e-cli' },
      });
      expect(run2.stderr).toContain('Saved 2/2');
      const made = JSON.parse(run2.stdout) as { items: { id: string; prompt: string }[]; costTicks: number };
      expect(made.items).toHaveLength(2);
      expect(sim.requests.filter((r) => r.path === '/v1/images/generations')).toHaveLength(1);
      // The host notices the other writer and the open grid follows.
      await lib.expectCount('6 items');
      await expect(lib.tile(/a red fox from the command line/).first()).toBeVisible();
      await page.screenshot({ path: 'test-results/screenshots/cli-generate-grid.png' });
    } finally {
      await sim.close();
    }
  });
});
