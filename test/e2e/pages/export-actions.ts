import type { Locator, Page } from '@playwright/test';

/** The export surfaces as a user sees them: the export dialog and an item's ways out. */
export class ExportActions {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByRole('dialog', { name: /^Export \d/ });
  }
  button(scope: Locator, name: string | RegExp): Locator {
    return scope.getByRole('button', { name });
  }

  /** A drag that starts on `source` with a page-made DataTransfer; answers what the app put in it. */
  async dragStartData(source: Locator, types: string[]): Promise<Record<string, string>> {
    const transfer = await this.page.evaluateHandle(() => new DataTransfer());
    await source.dispatchEvent('dragstart', { dataTransfer: transfer });
    return transfer.evaluate((dt, list) => Object.fromEntries(list.map((t) => [t, dt.getData(t)])), types);
  }

  /** The clipboard's PNG as base64 (the page reads it back with the async Clipboard API). */
  async clipboardPng(): Promise<{ types: string[]; base64: string }> {
    return this.page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      if (!item) return { types: [], base64: '' };
      const bytes = new Uint8Array(await (await item.getType('image/png')).arrayBuffer());
      let binary = '';
      for (const b of bytes) binary += String.fromCharCode(b);
      return { types: [...item.types], base64: btoa(binary) };
    });
  }
}
