import { osFileTransfer } from '../support/os-files';
import { expect, type Locator, type Page } from '@playwright/test';

/** A file to drop, as the test builds it (bytes travel into the page as base64). */
export interface DropFile {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

/** The Edit screen as a user sees it: the canvas of source cards, the instruction, options, results and steps. */
export class EditPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByRole('tablist', { name: 'Sections' }).getByRole('tab', { name: 'Edit' }).click();
    await expect(this.page.getByRole('tabpanel').getByRole('heading', { level: 1 })).toHaveText('Edit');
  }

  canvas(): Locator {
    return this.page.getByRole('region', { name: 'Edit canvas' });
  }

  /** Source cards only (not the "Preparing…" placeholders). */
  cards(): Locator {
    return this.page.getByRole('list', { name: 'Sources' }).getByRole('listitem', { name: /^Source \d+ of \d+:/ });
  }

  preparing(): Locator {
    return this.page.getByRole('list', { name: 'Sources' }).getByRole('listitem', { name: 'Preparing image…' });
  }

  card(position: number): Locator {
    return this.page.getByRole('listitem', { name: new RegExp(`^Source ${position} of \\d+:`) });
  }

  /** Card names in display order (= `<IMAGE_n>` order). */
  async sourceNames(): Promise<string[]> {
    const labels = await this.page.getByRole('list', { name: 'Sources' }).getByRole('listitem', { name: /^Source / }).evaluateAll(
      (els) => els.map((el) => el.getAttribute('aria-label') ?? ''),
    );
    return labels.map((l) => l.replace(/^Source \d+ of \d+: /, ''));
  }

  /** Drops files from "the OS": a real DataTransfer carrying File objects, dispatched as a `drop` event. */
  async dropFiles(files: DropFile[]) {
    const payload = files.map((f) => ({ name: f.name, mimeType: f.mimeType, base64: Buffer.from(f.bytes).toString('base64') }));
    const dataTransfer = await osFileTransfer(this.page, payload);
    await this.canvas().dispatchEvent('dragover', { dataTransfer });
    await this.canvas().dispatchEvent('drop', { dataTransfer });
  }

  /** Drags card `from` (1-based) with the mouse and releases it past the centre of card `to`. */
  async dragCard(from: number, to: number) {
    const a = await this.card(from).locator('img').boundingBox();
    const b = await this.card(to).locator('img').boundingBox();
    if (!a || !b) throw new Error('card not visible');
    const y = a.y + a.height / 2;
    await this.page.mouse.move(a.x + a.width / 2, y);
    await this.page.mouse.down();
    const targetX = b.x + b.width / 2 + (to > from ? 40 : -40);
    await this.page.mouse.move(targetX, y, { steps: 8 });
    await this.page.mouse.up();
  }

  /** Turns on crop mode for a card and drags a rectangle between two points given as fractions of its thumbnail. */
  async cropCard(position: number, from: [number, number], to: [number, number]) {
    await this.page.getByRole('button', { name: `Crop source ${position}` }).click();
    const box = await this.card(position).getByRole('img').boundingBox();
    if (!box) throw new Error('thumbnail not visible');
    const at = ([fx, fy]: [number, number]) => [box.x + fx * box.width, box.y + fy * box.height] as const;
    await this.page.mouse.move(...at(from));
    await this.page.mouse.down();
    await this.page.mouse.move(...at(to), { steps: 6 });
    await this.page.mouse.up();
  }

  notices(position: number): Locator {
    return this.card(position).getByRole('list', { name: /^Notices for / });
  }

  refusals(): Locator {
    return this.canvas().getByRole('alert');
  }

  prompt(): Locator {
    return this.page.getByRole('textbox', { name: 'Edit instruction' });
  }

  tagChip(index: number): Locator {
    return this.page.getByRole('button', { name: new RegExp(`^Insert <IMAGE_${index}>`) });
  }

  estimate(): Locator {
    return this.page.getByLabel('Estimated cost');
  }

  submit(): Locator {
    return this.page.getByRole('button', { name: 'Edit', exact: true });
  }

  results(): Locator {
    return this.page.getByRole('region', { name: 'Results' });
  }

  resultImages(): Locator {
    return this.results().getByRole('img', { name: /^Edit result/ });
  }

  async edit(prompt: string) {
    await this.prompt().fill(prompt);
    await this.submit().click();
  }

  async editAgain(result = 0) {
    await this.results().getByRole('button', { name: 'Edit again' }).nth(result).click();
  }

  steps(): Locator {
    return this.page.getByRole('navigation', { name: 'Edit steps' }).getByRole('button');
  }

  step(n: number): Locator {
    return this.page.getByRole('navigation', { name: 'Edit steps' }).getByRole('button', { name: new RegExp(`^Step ${n}\\b`) });
  }
}
