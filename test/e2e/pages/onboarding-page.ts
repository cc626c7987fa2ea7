import { expect, type Page } from '@playwright/test';

/** The first-run onboarding as a user sees it. */
export class OnboardingPage {
  constructor(readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }
  keyField() {
    return this.page.getByLabel('xAI API key');
  }
  async expectWelcome() {
    await expect(this.heading()).toHaveText('Welcome to Imagine Studio');
    await expect(this.page.getByRole('link', { name: 'console.x.ai' }).first()).toHaveAttribute('href', 'https://console.x.ai');
  }
  async chooseKey() {
    await this.page.getByRole('button', { name: 'Use my API key' }).click();
    await expect(this.heading()).toHaveText('Add your API key');
  }
  async submitKey(key: string) {
    await this.keyField().fill(key);
    await this.page.getByRole('button', { name: 'Check and save' }).click();
  }
  /** The inline error tied to the key field (aria-describedby). */
  keyError() {
    return this.page.getByRole('alert');
  }
  async expectReady(state: string) {
    await expect(this.heading()).toHaveText('You’re ready');
    await expect(this.page.getByText(state, { exact: true })).toBeVisible();
  }
  async start() {
    await this.page.getByRole('button', { name: 'Start creating' }).click();
  }
  async tryDemo() {
    await this.page.getByRole('button', { name: 'Try demo mode' }).click();
  }
}
