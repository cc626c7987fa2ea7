import { expect, type Page } from '@playwright/test';

/** The app shell as a user sees it: the section tabs and the open section's heading. */
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
}
