/**
 * The Library grid in Chromium at scale: seeds N items (rows from the library bench's seed, every file a hard link
 * to one real JPEG/WebP so the folder is complete without gigabytes), starts the browser host, and measures
 * navigation → first painted thumbnail, the longest main-thread task while scrolling 10k rows, and the heap after.
 */
import { existsSync, linkSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import sharp from 'sharp';
import { SqliteLibraryStore } from '../src-main/adapters/library/sqlite-library-store';
import { startHostProcess } from '../test/e2e/support/host-process';
import { seedItems } from './library-seed';
import type { BenchModule } from './run';

const ROWS_TO_SCROLL = 10_000;
const ROWS_PER_FRAME = 10;
const round = (n: number) => Math.round(n * 10) / 10;

async function seedFolder(dataDir: string, items: number): Promise<number> {
  const t = performance.now();
  const libraryDir = path.join(dataDir, 'library');
  mkdirSync(libraryDir, { recursive: true });
  const rows = seedItems(items);
  const store = new SqliteLibraryStore(path.join(libraryDir, 'library.db'));
  store.insert(rows);
  store.close();
  const jpeg = await sharp({ create: { width: 512, height: 512, channels: 3, background: '#3b5bdb' } }).jpeg().toBuffer();
  const webp = await sharp(jpeg).resize(256).webp().toBuffer();
  // One source copy per shard: file systems cap hard links per inode (ext4: 65,000).
  const sources = path.join(dataDir, 'sources');
  mkdirSync(sources);
  for (let i = 0; i < 256; i += 1) {
    const shard = i.toString(16).padStart(2, '0');
    writeFileSync(path.join(sources, `${shard}.jpg`), jpeg);
    writeFileSync(path.join(sources, `${shard}.webp`), webp);
    for (const dir of ['media', 'thumbs', 'previews']) mkdirSync(path.join(libraryDir, dir, shard), { recursive: true });
  }
  for (const { item } of rows) {
    const shard = item.id.slice(0, 2);
    linkSync(path.join(sources, `${shard}.jpg`), path.join(libraryDir, item.file));
    if (item.thumb) linkSync(path.join(sources, `${shard}.webp`), path.join(libraryDir, item.thumb));
    if (item.preview) linkSync(path.join(sources, `${shard}.webp`), path.join(libraryDir, item.preview));
  }
  return round(performance.now() - t);
}

/** Chromium's own numbers, taken in the page: first thumbnail painted, long tasks while scrolling, heap. */
async function measure(url: string, executablePath: string | undefined) {
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const start = Date.now();
    await page.goto(url);
    await page.locator('html[data-app-state="ready"]').waitFor();
    const readyMs = Date.now() - start;
    const tabStart = Date.now();
    await page.getByRole('tab', { name: 'Library' }).click();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[role="grid"] img');
      return !!img && img.complete && img.naturalWidth > 0;
    });
    // One more frame so the decoded thumbnail is on screen, not just loaded.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const firstThumbMs = Date.now() - tabStart;
    const navigationToFirstThumbMs = Date.now() - start;

    const scroll = await page.evaluate(
      async ({ rows, perFrame }) => {
        const tasks: number[] = [];
        const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
        observer.observe({ type: 'longtask', buffered: false });
        const grid = document.querySelector<HTMLElement>('[role="grid"]');
        const rowEl = grid?.querySelector<HTMLElement>('[role="row"]');
        if (!grid || !rowEl) throw new Error('grid not rendered');
        const rowHeight = rowEl.offsetHeight + 8;
        const t0 = performance.now();
        let frames = 0;
        let slowFrames = 0;
        let last = t0;
        for (let scrolled = 0; scrolled < rows; scrolled += perFrame) {
          grid.scrollTop += perFrame * rowHeight;
          await new Promise((r) => requestAnimationFrame(r));
          const now = performance.now();
          if (now - last > 50) slowFrames += 1;
          last = now;
          frames += 1;
        }
        await new Promise((r) => setTimeout(r, 300));
        observer.disconnect();
        return {
          rows,
          frames,
          slowFrames,
          durationMs: performance.now() - t0,
          longTasks: tasks.length,
          longestTaskMs: tasks.length ? Math.max(...tasks) : 0,
          domNodes: document.getElementsByTagName('*').length,
        };
      },
      { rows: ROWS_TO_SCROLL, perFrame: ROWS_PER_FRAME },
    );
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    return {
      navigationToReadyMs: readyMs,
      libraryTabToFirstThumbMs: firstThumbMs,
      navigationToFirstThumbMs,
      scroll: { ...scroll, durationMs: round(scroll.durationMs), longestTaskMs: round(scroll.longestTaskMs) },
      heapAfterScrollMB: round(heap.usedSize / 2 ** 20),
    };
  } finally {
    await browser.close();
  }
}

/** `npm run bench -- --only library-grid-chromium`: the grid's figures in a real browser. */
export const libraryGridChromiumBench: BenchModule = {
  name: 'library-grid-chromium',
  async run({ items }) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'imagine-bench-grid-'));
    const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
    try {
      const seedMs = await seedFolder(dataDir, items);
      const hostStart = Date.now();
      const host = await startHostProcess({ dataDir });
      const hostStartMs = Date.now() - hostStart;
      try {
        const figures = await measure(host.url, executablePath);
        return { items, seedMs, hostStartMs, ...figures, targets: { longestTaskLe50ms: figures.scroll.longestTaskMs <= 50 } };
      } finally {
        await host.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
