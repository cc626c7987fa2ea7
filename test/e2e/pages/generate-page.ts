import { expect, type Locator, type Page } from '@playwright/test';

/** The Generate section as a user sees it: the form, the estimate, the board of batches and their tiles. */
export class GeneratePage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByRole('tablist', { name: 'Sections' }).getByRole('tab', { name: 'Generate' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Generate' })).toBeVisible();
  }

  prompt() {
    return this.page.getByRole('textbox', { name: /^Prompt/ });
  }
  batchMode() {
    return this.page.getByRole('checkbox', { name: /Batch mode/ });
  }
  count() {
    return this.page.getByRole('spinbutton', { name: 'Images per prompt' });
  }
  aspect(ratio: string) {
    return this.page.getByRole('radiogroup', { name: 'Aspect ratio' }).getByRole('radio', { name: ratio, exact: true });
  }
  estimate() {
    return this.page.getByTestId('cost-estimate');
  }
  submit() {
    return this.page.getByRole('button', { name: 'Generate', exact: true });
  }
  error() {
    return this.page.getByRole('form', { name: 'New batch' }).getByRole('alert');
  }
  composer() {
    return this.page.getByRole('form', { name: 'New batch' });
  }
  results() {
    return this.page.getByRole('region', { name: 'Results' });
  }
  /** A prompt's group of tiles (one per prompt of a batch), by the prompt. */
  group(prompt: string) {
    return this.results().getByRole('group', { name: `Prompt: ${prompt}` });
  }
  batches() {
    return this.page.getByRole('region', { name: /^Batch:/ });
  }
  batch(prompt: string | RegExp) {
    return this.page.getByRole('region', { name: typeof prompt === 'string' ? `Batch: ${prompt}` : prompt });
  }
  tiles(prompt: string | RegExp) {
    return this.batch(prompt).getByRole('listitem');
  }
  tilesIn(prompt: string | RegExp, state: string) {
    return this.batch(prompt).locator(`li[data-state="${state}"]`);
  }
  sessionCost() {
    return this.page.getByTestId('ledger-session');
  }
  model() {
    return this.page.getByRole('combobox', { name: /^Model/ });
  }
  resolution(res: string) {
    return this.page.getByRole('radiogroup', { name: 'Resolution' }).getByRole('radio', { name: res, exact: true });
  }
  /** The toolbar of a done tile (shown on hover or focus). */
  tileTools(tile: Locator) {
    return tile.getByRole('group', { name: 'Tile actions' });
  }
  menu() {
    return this.page.getByRole('menu', { name: 'Image actions menu' });
  }
  presets() {
    return this.page.getByRole('group', { name: 'Presets' });
  }
  presetPicker() {
    return this.presets().getByRole('combobox', { name: 'Preset' });
  }

  /** Saves the form's parameters as a preset (optionally with a prompt suffix). */
  async savePreset(name: string, suffix = '') {
    await this.presets().getByRole('button', { name: 'Save as preset…' }).click();
    await this.presets().getByRole('textbox', { name: 'Preset name' }).fill(name);
    if (suffix) await this.presets().getByRole('textbox', { name: /Prompt suffix/ }).fill(suffix);
    await this.presets().getByRole('button', { name: 'Save preset' }).click();
    await expect(this.presetPicker()).toHaveValue(/[0-9a-f]{32}/);
  }

  /** Generates `n` images of one prompt and waits until they are done. */
  async generate(prompt: string, n: number, aspect: string) {
    await this.fill({ prompts: [prompt], n, aspect });
    await this.submit().click();
    await expect(this.tilesIn(prompt, 'done')).toHaveCount(n);
  }

  /** Fills the form: prompts (several switch batch mode on), images per prompt, aspect ratio. */
  async fill(options: { prompts: string[]; n: number; aspect: string }) {
    if (options.prompts.length > 1) await this.batchMode().check();
    await this.prompt().fill(options.prompts.join('\n'));
    await this.count().fill(String(options.n));
    await this.aspect(options.aspect).click();
  }

  /** Settings change through the contract, as the Settings screen would do it. */
  async updateSettings(patch: Record<string, unknown>) {
    const result = await this.page.evaluate(async (p) => {
      const api = (window as unknown as { api: { invoke(c: string, i: unknown): Promise<{ ok: boolean }> } }).api;
      return api.invoke('settings:update', p);
    }, patch);
    expect(result.ok).toBe(true);
  }
}
