/**
 * Issue 13, point 7: one `main` landmark, each section a region, and axe-core (WCAG 2 A and AA rules) finds no
 * serious or critical problem on any section — Generate with results, Edit, Video, the Library in justified rows
 * and in square tiles, Settings — nor in the viewer, at 1280×800 and 1024×700, light and dark.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { GeneratePage } from './pages/generate-page';
import { simulatedHostTest } from './support/simulated-host';

const test = simulatedHostTest({ name: 'a11y', simulator: { latencyMs: 50 } });

/** The serious and critical WCAG 2 A/AA findings on the page as it is now, one line each. */
async function problems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`));
}

async function section(page: Page, name: string) {
  await page.getByRole('tablist', { name: 'Sections' }).getByRole('tab', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  // One main landmark, and the section in it is a region named by its heading.
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByRole('main').getByRole('region', { name }).first()).toBeVisible();
}

for (const size of [{ width: 1280, height: 800 }, { width: 1024, height: 700 }]) {
  for (const scheme of ['light', 'dark'] as const) {
    test.describe(`at ${size.width}×${size.height}, ${scheme}`, () => {
      test.use({ viewport: size, colorScheme: scheme });

      test('every section and the viewer: one main, sections are regions, no serious or critical axe finding', async ({ page, launch }) => {
        test.setTimeout(120_000);
        await launch(page);
        const gen = new GeneratePage(page);
        await section(page, 'Generate');
        await gen.generate('A lighthouse at dusk, wide', 4, '16:9');
        await expect(gen.tilesIn('A lighthouse at dusk, wide', 'done')).toHaveCount(4);
        expect(await problems(page), 'Generate').toEqual([]);

        for (const name of ['Edit', 'Video', 'Settings']) {
          await section(page, name);
          expect(await problems(page), name).toEqual([]);
        }

        await section(page, 'Library');
        const grid = page.getByRole('grid', { name: 'Library items' });
        await expect(grid.getByRole('gridcell')).toHaveCount(4);
        expect(await problems(page), 'Library, justified').toEqual([]);
        await page.getByRole('checkbox', { name: 'Square tiles' }).check();
        expect(await problems(page), 'Library, square tiles').toEqual([]);

        await grid.getByRole('gridcell').first().click();
        await expect(page.getByRole('dialog', { name: 'Item viewer' })).toBeVisible();
        expect(await problems(page), 'viewer').toEqual([]);
      });
    });
  }
}
