import { expect, type Page } from '@playwright/test';
import { osFileTransfer, type OsFile } from '../support/os-files';

/** A file to drop, as the test builds it (bytes travel into the page as base64). */
export type ShellDropFile = OsFile;

/** The app shell as a user sees it: section tabs, the open section's heading, and the shell's overlays. */
export class ShellPage {
  constructor(readonly page: Page) {}

  tab(name: string) {
    return this.page.getByRole('tablist', { name: 'Sections' }).getByRole('tab', { name });
  }

  heading() {
    return this.page.getByRole('tabpanel').getByRole('heading', { level: 1 });
  }

  async expectSection(name: string) {
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
    await expect(this.heading()).toHaveText(name);
  }

  shortcuts() {
    return this.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  }

  connectionBanner() {
    return this.page.getByText('Reconnecting to Imagine Studio…');
  }

  announcer() {
    return this.page.getByTestId('section-announcer');
  }

  dropOverlay() {
    return this.page.getByTestId('drop-overlay');
  }

  /** Drags files from "the OS" over the open section and drops them there (not on a drop zone of the overlay). */
  async dropFiles(files: ShellDropFile[], on = this.heading()) {
    const transfer = await osFileTransfer(this.page, files);
    await on.dispatchEvent('dragenter', { dataTransfer: transfer });
    await on.dispatchEvent('dragover', { dataTransfer: transfer });
    await expect(this.dropOverlay()).toBeVisible();
    await this.dropOverlay().dispatchEvent('dragover', { dataTransfer: transfer });
    await this.dropOverlay().dispatchEvent('drop', { dataTransfer: transfer });
  }
}
