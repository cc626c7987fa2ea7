import { expect, type Locator, type Page } from '@playwright/test';

/** The item viewer as a user sees it: the stage with its zoom tools, the item navigation and the details. */
export class ViewerPage {
  constructor(readonly page: Page) {}

  dialog() {
    return this.page.getByRole('dialog', { name: 'Item viewer' });
  }
  button(name: string) {
    return this.dialog().getByRole('button', { name, exact: true });
  }
  zoomLevel() {
    return this.dialog().getByRole('status', { name: 'Zoom level' });
  }
  image(name: string | RegExp) {
    return this.dialog().getByRole('img', { name });
  }
  details() {
    return this.dialog().getByRole('complementary', { name: 'Details' });
  }
  /** The labels of the details list, in order. */
  async labels(): Promise<string[]> {
    return this.details().getByRole('term').allInnerTexts();
  }
  requestDetails() {
    return this.details().getByRole('group', { name: 'Request details' });
  }

  /** The zoom readout as a number (percent of actual size). */
  async zoomPercent(): Promise<number> {
    return Number((await this.zoomLevel().innerText()).replace(/[^0-9.]/g, ''));
  }

  /** Device pixels per image pixel on screen, and whether the original file (not the preview) is shown. */
  async pixelScale(image: Locator): Promise<{ perImagePixel: number; original: boolean; naturalWidth: number }> {
    return image.evaluate((el) => {
      const img = el as HTMLImageElement;
      const box = img.getBoundingClientRect();
      return {
        perImagePixel: (box.width * window.devicePixelRatio) / img.naturalWidth,
        original: /\/media\/[A-Za-z0-9_-]{43}\/media\//.test(img.currentSrc),
        naturalWidth: img.naturalWidth,
      };
    });
  }

  stage() {
    return this.dialog().getByRole('group', { name: 'Stage' });
  }
  /** The stage's box: the area the image is shown in. */
  async stageBox() {
    const box = await this.stage().boundingBox();
    if (!box) throw new Error('stage not laid out');
    return box;
  }

  async expectFocusInside() {
    expect(await this.dialog().evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
}
