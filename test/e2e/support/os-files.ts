import type { JSHandle, Page } from '@playwright/test';

/** A file as a test builds it; bytes travel into the page as base64. */
export interface OsFile {
  name: string;
  mimeType: string;
  base64: string;
}

/**
 * A DataTransfer holding File objects, as the OS hands over dragged files: dispatch it with `dragenter`,
 * `dragover` and `drop` events to simulate a drop from the desktop.
 */
export function osFileTransfer(page: Page, files: readonly OsFile[]): Promise<JSHandle<DataTransfer>> {
  return page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.mimeType }));
    }
    return dt;
  }, files);
}
