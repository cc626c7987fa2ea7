import { LibraryPage } from './pages/library-page';
import { seedLibrary } from './support/seed-library';
import { simulatedHostTest } from './support/simulated-host';
import { expect } from '@playwright/test';

const test = simulatedHostTest({ name: 'share', simulator: { latencyMs: 50 } });
const shot = (name: string) => ({ path: `test-results/screenshots/share-${name}.png` });

test('creates a share link after the warning, lists it per item and in Shared, and revokes it', async ({ page, sim, dataDir, launch, request }) => {
  const seed = await seedLibrary(dataDir, 3);
  const photo = seed.items[1]!;
  await launch(page);
  const lib = new LibraryPage(page);
  await lib.open();
  await lib.tile(photo.prompt).click();
  const viewer = lib.viewer();
  await viewer.getByRole('button', { name: 'Create share link' }).click();

  // The warning comes first, with what exactly would be sent; nothing has reached xAI yet.
  const dialog = lib.dialog('Create share link');
  await expect(dialog.getByRole('note')).toContainText('The file leaves this computer.');
  await expect(dialog).toContainText('image/jpeg');
  expect(sim.requests.filter((r) => r.path.startsWith('/v1/files'))).toHaveLength(0);
  await dialog.getByRole('combobox', { name: 'Link expires after' }).selectOption({ label: '7 days' });
  await page.screenshot(shot('warning'));
  await dialog.getByRole('button', { name: 'Upload and create link' }).click();
  const field = dialog.getByRole('textbox', { name: 'Share link' });
  await expect(field).toHaveValue(new RegExp(`^${sim.url}/cdn/`));
  const url = await field.inputValue();
  await expect(dialog.getByRole('status')).toContainText('Expires in 7 days');
  await page.screenshot(shot('created'));
  const served = await request.get(url);
  expect([served.status(), served.headers()['content-type']]).toEqual([200, 'image/jpeg']);
  const created = sim.requests.find((r) => r.path.endsWith('/public-url'));
  expect(created?.body).toEqual({ expires_after: 604_800 });
  await dialog.getByRole('button', { name: 'Done' }).click();

  // The viewer lists the item's live link; the Shared view lists every live link.
  const shares = viewer.getByRole('region', { name: 'Share links' });
  await expect(shares.getByRole('link', { name: url })).toBeVisible();
  await page.keyboard.press('Escape');
  await lib.view('Shared').click();
  const list = page.getByRole('list', { name: 'Share links' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('link', { name: url })).toBeVisible();
  await page.screenshot(shot('shared'));

  await list.getByRole('button', { name: /^Revoke link to / }).click();
  await expect(page.getByText('No live share links.')).toBeVisible();
  expect((await request.get(url)).status()).toBe(404);
  await page.getByRole('checkbox', { name: 'Show expired and revoked' }).check();
  await expect(list.getByRole('listitem')).toContainText('Revoked');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot(shot('shared-ended-dark'));
});
