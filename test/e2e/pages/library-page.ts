import { expect, type Locator, type Page } from '@playwright/test';
import { osFileTransfer, type OsFile } from '../support/os-files';

/** The Library as a user sees it: views, search, the grid of tiles, the selection bar, the viewer and toasts. */
export class LibraryPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByRole('tablist', { name: 'Sections' }).getByRole('tab', { name: 'Library' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  }

  grid() {
    return this.page.getByRole('grid', { name: 'Library items' });
  }
  tiles() {
    return this.grid().getByRole('gridcell');
  }
  tile(name: string | RegExp) {
    return this.grid().getByRole('gridcell', { name });
  }
  count() {
    return this.page.getByRole('status', { name: 'Item count' });
  }
  search() {
    return this.page.getByRole('searchbox', { name: 'Search prompts' });
  }
  /** Search matches. `mark` is an ARIA 1.3 role Playwright resolves at runtime but its types do not list yet. */
  marks() {
    return this.grid().getByRole('mark' as Parameters<Page['getByRole']>[0]);
  }
  view(name: string | RegExp) {
    return this.page.getByRole('navigation', { name: 'Library views' }).getByRole('button', { name });
  }
  bulkBar() {
    return this.page.getByRole('toolbar', { name: 'Selection actions' });
  }
  bulk(name: string) {
    return this.bulkBar().getByRole('button', { name });
  }
  viewer() {
    return this.page.getByRole('dialog', { name: 'Item viewer' });
  }
  toast() {
    return this.page.getByRole('status').filter({ has: this.page.getByRole('button', { name: 'Dismiss' }) });
  }
  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }

  async expectCount(text: string | RegExp, timeout?: number) {
    await expect(this.count()).toHaveText(text, timeout === undefined ? {} : { timeout });
  }

  async searchFor(text: string) {
    await this.search().fill(text);
  }

  async createCollection(name: string) {
    await this.page.getByRole('textbox', { name: 'New collection name' }).fill(name);
    await this.page.getByRole('button', { name: 'Create' }).click();
    await expect(this.view(new RegExp(`^${name}`))).toBeVisible();
  }

  /** Drops files on the Library the way the OS does: a DataTransfer with File objects. */
  async dropFiles(files: OsFile[]) {
    const transfer = await osFileTransfer(this.page, files);
    const target = this.grid();
    await target.dispatchEvent('dragenter', { dataTransfer: transfer });
    await target.dispatchEvent('dragover', { dataTransfer: transfer });
    await target.dispatchEvent('drop', { dataTransfer: transfer });
  }
}
