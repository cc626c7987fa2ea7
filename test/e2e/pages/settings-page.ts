import type { Page } from '@playwright/test';
import { ShellPage } from './shell-page';

/** Settings: key panel, demo mode, defaults and About. */
export class SettingsPage {
  readonly shell: ShellPage;
  constructor(readonly page: Page) {
    this.shell = new ShellPage(page);
  }

  async open() {
    await this.shell.tab('Settings').click();
    await this.shell.expectSection('Settings');
  }
  keyPanel() {
    return this.page.getByRole('region', { name: 'xAI key', exact: true });
  }
  maskedKey() {
    return this.keyPanel().getByLabel('Masked key');
  }
  keyState(text: string) {
    return this.keyPanel().getByText(text, { exact: true });
  }
  async setKey(key: string, button = 'Save key') {
    await this.keyPanel().getByLabel('xAI API key').fill(key);
    await this.keyPanel().getByRole('button', { name: button }).click();
  }
  async removeKey() {
    await this.keyPanel().getByRole('button', { name: 'Remove key' }).click();
  }
  field(label: string) {
    return this.page.getByLabel(label, { exact: true });
  }
  demoBadge() {
    return this.page.getByRole('complementary', { name: 'Demo mode' });
  }
  async switchDemo(on: boolean) {
    await this.page.getByRole('region', { name: 'Demo mode' }).getByRole('button', { name: on ? 'Switch to demo mode' : 'Switch to real API' }).click();
  }
  about() {
    return this.page.getByRole('region', { name: 'About' });
  }
}
