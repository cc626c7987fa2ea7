import { mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src-main/adapters/system-clock';
import { startBrowserHost, type BrowserHost } from '../../../src-main/host/browser-host-server';
import { connectHost, signIn, type HostClient } from '../hardening/support/ws-client';

const silent = { info() {}, warn() {}, error() {} };
let host: BrowserHost;
let client: HostClient;
let dataDir: string;
let outside: string;
const ID = 'a0' + 'f'.repeat(30);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'imagine-host-'));
  outside = mkdtempSync(path.join(os.tmpdir(), 'imagine-outside-'));
  const rendererDir = path.join(dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
  host = await startBrowserHost({
    dataDir,
    rendererDir,
    port: 0,
    version: '0.0.0',
    versions: {},
    clock: systemClock,
    logger: silent,
  });
  mkdirSync(path.join(host.core.libraryDir, 'media', 'a0'), { recursive: true });
  writeFileSync(path.join(host.core.libraryDir, 'media', 'a0', `${ID}.jpg`), Buffer.alloc(1000, 7));
  writeFileSync(path.join(outside, 'secret.txt'), 'do not serve');
  symlinkSync(path.join(outside, 'secret.txt'), path.join(host.core.libraryDir, 'media', 'a0', `a0${'e'.repeat(30)}.jpg`));
  client = await connectHost(host.url);
});
afterAll(async () => {
  client.close();
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const get = (p: string, headers: Record<string, string> = {}) => fetch(host.origin + p, { headers, redirect: 'manual' });

describe('browser host', () => {
  it('prints an address with a one-use ticket after #, and never sets a cookie', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect((await get('/?token=nope')).status).toBe(400);
  });

  it('tells the library a window is loading (page, scripts, thumbnails), so its background walks give way (issue 16)', async () => {
    const core = host.core as { noteBrowsing(): void };
    const original = core.noteBrowsing;
    let noted = 0;
    core.noteBrowsing = () => {
      noted += 1;
      original();
    };
    try {
      await get('/');
      await get('/bridge.js');
      expect(noted).toBe(2);
    } finally {
      core.noteBrowsing = original;
    }
  });

  it('serves index.html with the bridge injected and a strict CSP', async () => {
    const res = await get('/');
    expect(await res.text()).toContain('<script type="module" src="/bridge.js"></script>');
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
  });

  it('refuses a Host header that is not loopback (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const req = request(host.origin + '/', { headers: { host: 'evil.example' } }, (res) =>
        resolve(res.statusCode ?? 0),
      );
      req.end();
    });
    expect(status).toBe(421);
  });

  it('serves library media under the session capability with Range, and refuses traversal and symlinks out', async () => {
    const m = client.mediaBase;
    expect(m).toMatch(/^\/media\/[A-Za-z0-9_-]{43}\/$/);
    const whole = await get(`${m}media/a0/${ID}.jpg`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('image/jpeg');
    const part = await get(`${m}media/a0/${ID}.jpg`, { range: 'bytes=10-19' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect((await part.arrayBuffer()).byteLength).toBe(10);
    expect((await get(`/media/media/a0/${ID}.jpg`)).status).toBe(404);
    for (const evil of ['../renderer/index.html', '%2e%2e/renderer/index.html', '%2Fetc%2Fpasswd', `media/a0/a0${'e'.repeat(30)}.jpg`, `media/a0/${ID}.jpg%00.png`, 'library.db']) {
      expect((await get(m + evil)).status, evil).toBe(404);
    }
  });

  it('answers calls on a socket signed in with a ticket or a session, and denies the rest', async () => {
    expect(await client.invoke('app:ping', { message: 'over ws' })).toMatchObject({ message: 'over ws' });
    const again = await connectHost(host.origin, client.session);
    expect(await again.invoke('app:ping', { message: 'resumed' })).toMatchObject({ message: 'resumed' });
    again.close();
    expect((await signIn(host.origin, { session: 'x'.repeat(43) })).ok).toBe(false);
    expect((await signIn(host.origin, { session: client.session }, { origin: 'https://evil.example' })).ok).toBe(false);
  });
});
