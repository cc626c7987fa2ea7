import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LibraryPage } from './pages/library-page';
import { ViewerPage } from './pages/viewer-page';
import { expect, test } from './support/fixtures';
import { startHostProcess } from './support/host-process';
import { seedLibrary } from './support/seed-library';
import { SHAPES, seedShapes } from './support/seed-shapes';

const rendererArgs = process.env.E2E_RENDERER_DIR ? ['--renderer-dir', process.env.E2E_RENDERER_DIR] : [];
const PHOTO = SHAPES[0];
const shot = (name: string) => ({ path: `test-results/screenshots/viewer-${name}.png` });

test.use({
  host: async ({}, use) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'imagine-e2e-viewer-'));
    await seedLibrary(dataDir, 8);
    await seedShapes(dataDir);
    const host = await startHostProcess({ dataDir, args: rendererArgs });
    await use(host);
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

for (const size of [
  { width: 1280, height: 800, deviceScaleFactor: 1 },
  { width: 1024, height: 700, deviceScaleFactor: 2 },
]) {
  test.describe(`at ${size.width}×${size.height}, ${size.deviceScaleFactor}×`, () => {
    test.use({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: size.deviceScaleFactor });

    test('a single click opens the viewer; it fits, zooms with buttons, keys and the wheel, pans, and shows the original at actual size', async ({ page }) => {
      const lib = new LibraryPage(page);
      const viewer = new ViewerPage(page);
      // No zoom animations: each step lands at once, so the readout can be compared.
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await lib.open();
      await lib.tile(PHOTO.prompt).click();
      await expect(viewer.dialog()).toBeVisible();
      const image = viewer.image(PHOTO.prompt);
      await expect(viewer.button('Fit')).toHaveAttribute('aria-pressed', 'true');
      // Fit: the whole image inside the stage, touching two of its sides.
      const stage = await viewer.stageBox();
      await expect.poll(async () => (await image.boundingBox())?.width).toBeGreaterThan(0);
      const fitted = await image.boundingBox();
      if (!fitted) throw new Error('no image');
      expect(fitted.width).toBeLessThanOrEqual(stage.width + 1);
      expect(fitted.height).toBeLessThanOrEqual(stage.height + 1);
      expect(Math.max(fitted.width / stage.width, fitted.height / stage.height)).toBeGreaterThan(0.98);
      await page.screenshot(shot(`fit-${size.width}`));

      // "1": actual size, the original file at one image pixel per device pixel.
      await page.keyboard.press('1');
      await expect(viewer.button('Actual size')).toHaveAttribute('aria-pressed', 'true');
      await expect.poll(async () => viewer.pixelScale(image)).toEqual({ perImagePixel: 1, original: true, naturalWidth: PHOTO.width });
      await expect(viewer.zoomLevel()).toHaveText('100 %');
      await page.screenshot(shot(`actual-${size.width}`));

      // Drag pans the zoomed image by as much as the pointer moved.
      const before = await image.boundingBox();
      const centre = { x: stage.x + stage.width / 2, y: stage.y + stage.height / 2 };
      await page.mouse.move(centre.x, centre.y);
      await page.mouse.down();
      await page.mouse.move(centre.x + 120, centre.y + 60, { steps: 6 });
      await page.mouse.up();
      const after = await image.boundingBox();
      expect(Math.round((after?.x ?? 0) - (before?.x ?? 0))).toBe(120);
      expect(Math.round((after?.y ?? 0) - (before?.y ?? 0))).toBe(60);

      // "0" fits again; the buttons and + / - step the zoom.
      await page.keyboard.press('0');
      await expect(viewer.button('Fit')).toHaveAttribute('aria-pressed', 'true');
      const fit = await viewer.zoomPercent();
      await viewer.button('Zoom in').click();
      await expect.poll(() => viewer.zoomPercent()).toBeGreaterThan(fit);
      const zoomed = await viewer.zoomPercent();
      await page.keyboard.press('+');
      await expect.poll(() => viewer.zoomPercent()).toBeGreaterThan(zoomed);
      await page.keyboard.press('-');
      await viewer.button('Zoom out').click();
      await expect.poll(() => viewer.zoomPercent()).toBe(fit);

      // The wheel zooms around the pointer: the image point under it stays under it.
      const box = await image.boundingBox();
      if (!box) throw new Error('no image');
      const pointer = { x: box.x + box.width * 0.3, y: box.y + box.height * 0.4 };
      await page.mouse.move(pointer.x, pointer.y);
      await page.mouse.wheel(0, -200);
      await expect.poll(() => viewer.zoomPercent()).toBeGreaterThan(fit);
      await expect.poll(async () => {
        const b = await image.boundingBox();
        return b ? Math.round(((pointer.x - b.x) / b.width) * 100) : 0;
      }).toBe(30);
      const b = await image.boundingBox();
      expect(Math.round(((pointer.y - (b?.y ?? 0)) / (b?.height ?? 1)) * 100)).toBe(40);

      // Full screen: the stage fills the screen, and F leaves it again.
      await viewer.button('Full screen').click();
      await expect(viewer.button('Full screen')).toHaveAttribute('aria-pressed', 'true');
      await page.keyboard.press('f');
      await expect(viewer.button('Full screen')).toHaveAttribute('aria-pressed', 'false');

      // Escape closes and gives the focus back to the tile; Enter opens it again.
      await page.keyboard.press('Escape');
      await expect(viewer.dialog()).toBeHidden();
      await expect(lib.tile(PHOTO.prompt)).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(viewer.dialog()).toBeVisible();
    });

    test('details speak in human labels, each once; the request sits folded under "Request details"; Tab stays inside', async ({ page }) => {
      const lib = new LibraryPage(page);
      const viewer = new ViewerPage(page);
      await lib.open();
      await lib.tile(PHOTO.prompt).click();
      await expect(viewer.details()).toContainText(PHOTO.prompt);
      const labels = await viewer.labels();
      expect(labels.slice(0, 8)).toEqual(['Provider', 'Model', 'Size', 'Cost', 'Created', 'Origin', 'Request id', 'Moderation']);
      expect(new Set(labels).size).toBe(labels.length);
      await expect(viewer.details().getByText(`${PHOTO.width} × ${PHOTO.height} (3:2)`, { exact: false })).toBeVisible();
      // The raw request is there, folded.
      await expect(viewer.details().getByText('response_format')).toBeHidden();
      await viewer.requestDetails().getByText('Request details').click();
      await expect(viewer.details().getByText('response_format')).toBeVisible();
      await expect(viewer.details().getByText(/data:image\/png;base64,… \(3 KB image\/png\)/)).toBeVisible();
      await page.screenshot(shot(`request-${size.width}`));
      // Every value fits its column (nothing squeezed to nothing, nothing past the edge).
      const overflow = await viewer.details().evaluate((aside) =>
        [...aside.querySelectorAll('dd')].filter((dd) => dd.getBoundingClientRect().width < 40 || dd.scrollWidth > dd.clientWidth + 1).length,
      );
      expect(overflow).toBe(0);

      for (let i = 0; i < 40; i += 1) {
        await page.keyboard.press(i % 7 === 6 ? 'Shift+Tab' : 'Tab');
        await viewer.expectFocusInside();
      }
    });
  });
}
