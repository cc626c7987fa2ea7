/**
 * Done-when F (issue 12): browser history never holds a working token URL, and no URL of the host redirects
 * off-origin (`/.//evil.com?token=<valid>` included). History is Chromium's own (its `History` SQLite file in a
 * persistent profile, read after the browser closed); every URL in it of the host is then tried every way a token
 * was ever accepted.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateOpensSomething, get } from './attempts';
import { buildBridgeRenderer, ITEM_PATH, launchPersistent, openApp, secretLike, startHostRig, type HostRig } from './browser-rig';

let rendererDir: string;
let rig: HostRig;

beforeAll(async () => {
  rendererDir = mkdtempSync(path.join(os.tmpdir(), 'imagine-rig-renderer-'));
  await buildBridgeRenderer(rendererDir);
  rig = await startHostRig(rendererDir);
}, 120_000);

afterAll(async () => {
  await rig?.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

/** Every URL Chromium recorded in a profile's history (read from a copy: the browser has closed it by then). */
function historyUrls(profile: string): string[] {
  const file = path.join(profile, 'Default', 'History');
  if (!existsSync(file)) return [];
  const copy = path.join(profile, 'History.copy');
  copyFileSync(file, copy);
  const db = new DatabaseSync(copy, { readOnly: true });
  try {
    return (db.prepare('SELECT url FROM urls').all() as { url: string }[]).map((r) => r.url);
  } finally {
    db.close();
  }
}

describe('F: history and redirects', () => {
  it('browser history holds no URL that still opens the app', async () => {
    const profile = mkdtempSync(path.join(os.tmpdir(), 'imagine-rig-profile-'));
    try {
      const context = await launchPersistent(profile);
      const page = await context.newPage();
      await openApp(page, rig.host.url);
      await page.reload();
      await openApp(page, page.url());
      await context.close();

      const urls = historyUrls(profile).filter((u) => u.startsWith(rig.host.origin));
      expect(urls.length, 'Chromium recorded no visit at all: the check would prove nothing').toBeGreaterThan(0);
      for (const url of urls) {
        const opens = (await Promise.all(secretLike(url).map((c) => candidateOpensSomething(rig.host.origin, c, ITEM_PATH)))).flat();
        expect(opens, url).toEqual([]);
      }
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  }, 120_000);

  it('no URL of the host redirects off-origin, a valid token included', async () => {
    const valid = /[?#]token=([^&#]+)/.exec(rig.host.url)?.[1] ?? '';
    expect(valid).not.toBe('');
    const paths = [
      `/.//evil.com?token=${valid}`,
      `//evil.com?token=${valid}`,
      `/\\\\evil.com?token=${valid}`,
      `/%2F%2Fevil.com?token=${valid}`,
      `/%5C%5Cevil.com?token=${valid}`,
      `/./\\\\evil.com?token=${valid}`,
      `/media//evil.com?token=${valid}`,
      `/download//evil.com?token=${valid}`,
      `/?token=${valid}&next=//evil.com`,
      `/?token=${valid}`,
      `/https://evil.com?token=${valid}`,
      `/http:evil.com?token=${valid}`,
      '/.//evil.com',
      '//evil.com/',
      '/media/',
      '/download/',
      '/ws',
    ];
    for (const p of paths) {
      const answer = await get(rig.host.origin, p);
      const location = answer.headers.location;
      if (answer.status >= 300 && answer.status < 400 && typeof location === 'string') {
        expect(new URL(location, `${rig.host.origin}${p.startsWith('//') ? '/' : p}`).origin, `${p} → ${location}`).toBe(rig.host.origin);
      }
    }
  });
});
