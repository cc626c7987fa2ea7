import { mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { systemClock } from '../../../src-main/adapters/system-clock';
import { startBrowserHost, type BrowserHost } from '../../../src-main/host/browser-host-server';

const silent = { info() {}, warn() {}, error() {} };
let host: BrowserHost;
let dataDir: string;
let outside: string;

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
    token: 'test-token',
    version: '0.0.0',
    versions: {},
    clock: systemClock,
    logger: silent,
  });
  writeFileSync(path.join(host.core.libraryDir, 'a.jpg'), Buffer.alloc(1000, 7));
  writeFileSync(path.join(outside, 'secret.txt'), 'do not serve');
  symlinkSync(path.join(outside, 'secret.txt'), path.join(host.core.libraryDir, 'link.jpg'));
});
afterAll(async () => {
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const get = (p: string, headers: Record<string, string> = {}) =>
  fetch(host.origin + p, { headers: { 'x-imagine-token': 'test-token', ...headers }, redirect: 'manual' });

describe('browser host', () => {
  it('refuses requests without the token, and trades the URL token for a cookie', async () => {
    expect((await fetch(host.origin + '/')).status).toBe(401);
    expect((await fetch(host.origin + '/?token=nope', { redirect: 'manual' })).status).toBe(401);
    const login = await fetch(host.url, { redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(login.headers.get('set-cookie')).toMatch(/imagine_token=test-token; HttpOnly; SameSite=Strict/);
  });

  it('serves index.html with the bridge injected and a strict CSP', async () => {
    const res = await get('/');
    expect(await res.text()).toContain('<script type="module" src="/bridge.js"></script>');
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
  });

  it('refuses a Host header that is not loopback (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const req = request(host.origin + '/', { headers: { host: 'evil.example', 'x-imagine-token': 'test-token' } }, (res) =>
        resolve(res.statusCode ?? 0),
      );
      req.end();
    });
    expect(status).toBe(421);
  });

  it('serves library media with Range, and refuses traversal and symlinks out of the library', async () => {
    const whole = await get('/media/a.jpg');
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('image/jpeg');
    const part = await get('/media/a.jpg', { range: 'bytes=10-19' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect((await part.arrayBuffer()).byteLength).toBe(10);
    for (const evil of ['/media/../renderer/index.html', '/media/%2e%2e/renderer/index.html', '/media/%2Fetc%2Fpasswd', '/media/link.jpg', '/media/a.jpg%00.png']) {
      expect((await get(evil)).status, evil).toBe(404);
    }
  });

  it('accepts a WebSocket only with the token and the app origin, then answers calls', async () => {
    const connect = (headers: Record<string, string>) =>
      new Promise<WebSocket | null>((resolve) => {
        const ws = new WebSocket(host.origin.replace('http', 'ws') + '/ws', { headers });
        ws.once('open', () => resolve(ws));
        ws.once('error', () => resolve(null));
      });
    expect(await connect({ origin: host.origin })).toBeNull();
    expect(await connect({ origin: 'https://evil.example', cookie: 'imagine_token=test-token' })).toBeNull();
    const ws = await connect({ origin: host.origin, cookie: 'imagine_token=test-token' });
    expect(ws).not.toBeNull();
    const reply = await new Promise<unknown>((resolve) => {
      ws!.once('message', (data) => resolve(JSON.parse(data.toString())));
      ws!.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'app:ping', input: { message: 'over ws' } }));
    });
    expect(reply).toMatchObject({ type: 'result', id: 1, envelope: { ok: true, value: { message: 'over ws' } } });
    ws!.close();
  });
});
