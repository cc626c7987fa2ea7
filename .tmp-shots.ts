import { chromium, type Page } from '@playwright/test';
const url = process.argv[2]!;
const out = process.argv[3] ?? '/tmp/libtools-shots';
const scenario = process.argv[4] ?? 'organize';
const sizes = [[1280, 800], [1024, 700]] as const;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
async function settle(page: Page) {
  await page.waitForFunction(() => [...document.images].every((i) => i.complete), undefined, { timeout: 5000 }).catch(() => {});
}
for (const theme of ['light', 'dark'] as const) {
  for (const [w, h] of sizes) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h }, colorScheme: theme, deviceScaleFactor: w === 1024 ? 2 : 1 });
    const page = await ctx.newPage();
    await page.goto(url);
    await page.getByRole('tab', { name: 'Library' }).click();
    await page.getByRole('gridcell').first().waitFor();
    const tag = `${w}x${h}-${theme}`;
    const mod = await import(`./.tmp-scn-${scenario}.ts`);
    await mod.run(page, async (name: string) => { await settle(page); await page.screenshot({ path: `${out}/${name}-${tag}.png` }); });
    await ctx.close();
  }
}
await browser.close();
