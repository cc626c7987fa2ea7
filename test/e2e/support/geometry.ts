import type { Locator, Page } from '@playwright/test';

/** Whether the element's whole box is inside the viewport (and inside `within`, when given). */
export async function fullyVisible(page: Page, el: Locator, within?: Locator): Promise<boolean> {
  const box = await el.boundingBox();
  const view = page.viewportSize();
  if (!box || !view) return false;
  const outer = within ? await within.boundingBox() : { x: 0, y: 0, width: view.width, height: view.height };
  if (!outer) return false;
  const inside = (b: { x: number; y: number; width: number; height: number }, o: typeof b) =>
    b.x >= o.x - 0.5 && b.y >= o.y - 0.5 && b.x + b.width <= o.x + o.width + 0.5 && b.y + b.height <= o.y + o.height + 0.5;
  return inside(box, outer) && inside(box, { x: 0, y: 0, width: view.width, height: view.height });
}

/** Presses Tab from the top of the page until the focus comes round again; answers how many stops there are. */
export async function countTabStops(page: Page, limit = 200): Promise<number> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const seen: string[] = [];
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return 'body';
      // A stable identity for the element: its path in the DOM.
      const path: number[] = [];
      for (let n: Element | null = el; n && n.parentElement; n = n.parentElement) path.unshift([...n.parentElement.children].indexOf(n));
      return path.join('.');
    });
    if (id === 'body' || seen.includes(id)) return seen.length;
    seen.push(id);
  }
  return seen.length;
}
