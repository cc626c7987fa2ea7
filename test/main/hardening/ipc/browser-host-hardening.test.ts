/**
 * The browser host under attack, complementing test/main/host/browser-host.test.ts: media-route traversal in every
 * spelling (sent raw, so nothing normalises it first), symlinks out of the library, range abuse, missing and wrong
 * tokens, foreign origins on the WebSocket, non-loopback Host headers and unexpected methods. Every refusal must
 * still carry the security headers, and no answer may contain the canary secret or the data dir's own files.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, connectWs, raw, startHostHarness, TOKEN, type HostHarness } from './host-harness';

let hh: HostHarness;
let port: string;

beforeAll(async () => {
  hh = await startHostHarness();
  port = new URL(hh.host.origin).port;
  const lib = hh.host.core.libraryDir;
  mkdirSync(path.join(lib, 'media', 'ab'), { recursive: true });
  writeFileSync(path.join(lib, 'media', 'ab', 'ok.png'), Buffer.alloc(100, 1));
  writeFileSync(path.join(hh.dataDir, 'private.json'), '{"secret":"data-dir file outside the library"}');
  // Symlinks that lead out of the library: a file, a folder and an absolute link to the data dir.
  symlinkSync(path.join(hh.sandbox, 'canary', 'secret.txt'), path.join(lib, 'media', 'ab', 'secret.png'));
  symlinkSync(path.join(hh.sandbox, 'canary'), path.join(lib, 'media', 'out'));
  symlinkSync(hh.dataDir, path.join(lib, 'data'));
  symlinkSync('../../../private.json', path.join(lib, 'media', 'ab', 'rel.png'));
}, 60_000);

afterAll(async () => {
  await hh?.close();
});

const SECRET = /TOP SECRET|data-dir file|SQLite format/;

describe('media route traversal', () => {
  const attempts = [
    '/media/../private.json',
    '/media/../../canary/secret.txt',
    '/media/%2e%2e/private.json',
    '/media/%2E%2E/%2E%2E/canary/secret.txt',
    '/media/.%2e/private.json',
    '/media/%252e%252e/private.json',
    '/media/%252e%252e%252fprivate.json',
    '/media/..%2fprivate.json',
    '/media/..%2F..%2Fcanary%2Fsecret.txt',
    '/media/..%5cprivate.json',
    '/media/..\\private.json',
    '/media/%2fetc%2fpasswd',
    '/media//etc/passwd',
    '/media/%2F%2Fetc%2Fpasswd',
    '/media/C:%5CWindows%5Cwin.ini',
    '/media/file:%2F%2F%2Fetc%2Fpasswd',
    '/media/media/ab/ok.png%00.txt',
    '/media/media/ab/ok.png%00',
    '/media/%00',
    '/media/%',
    '/media/%zz',
    '/media/%c0%ae%c0%ae/private.json',
    '/media/%e0%80%ae%e0%80%ae/private.json',
    '/media/media/ab/secret.png',
    '/media/media/ab/rel.png',
    '/media/media/out/secret.txt',
    '/media/data/private.json',
    '/media/data/jobs.db',
    '/media/./media/ab/../ab/secret.png',
    '/media/',
    '/media/media',
    '/media/media/ab',
    `/media/${encodeURIComponent(path.join('/', 'etc', 'passwd'))}`,
  ];

  it.each(attempts)('refuses %s', async (attempt) => {
    const res = await raw(hh.host, attempt, authed);
    expect([400, 404], `${attempt} → ${res.status}`).toContain(res.status);
    expect(res.body).not.toMatch(SECRET);
    expect(res.headers['content-security-policy']).toBeTruthy();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses an absolute path to a file that really is inside the library', async () => {
    const abs = path.join(hh.host.core.libraryDir, 'media', 'ab', 'ok.png');
    expect((await raw(hh.host, `/media/${encodeURIComponent(abs)}`, authed)).status).toBe(404);
    expect((await raw(hh.host, `/media/${abs}`, authed)).status).toBe(404);
  });

  it('reads backslashes as slashes (the WHATWG URL parser does) and so stays inside the library', async () => {
    expect((await raw(hh.host, '/media/media\\ab\\ok.png', authed)).status).toBe(200);
    const res = await raw(hh.host, '/media/..\\..\\canary\\secret.txt', authed);
    expect(res.status).toBe(404);
    expect(res.body).not.toMatch(SECRET);
  });

  it('still serves a real library file, with nosniff and its own type', async () => {
    const res = await raw(hh.host, '/media/media/ab/ok.png', authed);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each([
    ['bytes=0-', 200, 206],
    ['bytes=-0', 416, 416],
    ['bytes=100-', 416, 416],
    ['bytes=5-1', 416, 416],
    ['bytes=99999999999999999999999-', 416, 416],
    ['bytes=-99999999999999999999999', 206, 206],
    ['bytes=0-1,5-6', 200, 200],
    ['bytes=a-b', 200, 200],
    ['items=0-1', 200, 200],
    ['bytes=0-1'.repeat(1000), 200, 200],
  ])('answers Range %s sanely (never 500)', async (range, low, high) => {
    const res = await raw(hh.host, '/media/media/ab/ok.png', { ...authed, range: range.slice(0, 4000) });
    expect(res.status).toBeGreaterThanOrEqual(Math.min(low, high));
    expect(res.status).toBeLessThanOrEqual(Math.max(low, high));
    expect(res.status).not.toBe(500);
  });

  it.each(['/%', '/%zz', '/assets/%E0%A4%A', '/%00', '/index.html%00.js'])('answers a malformed page path %s with 404, not 500', async (p) => {
    const res = await raw(hh.host, p, authed);
    expect(res.status).toBe(404);
  });

  it('serves nothing from the renderer folder by traversal either', async () => {
    for (const p of ['/../data/private.json', '/..%2fdata%2fprivate.json', '/%2e%2e/data/private.json', '/assets/..%2f..%2fdata%2fprivate.json', '/..\\data\\private.json']) {
      const res = await raw(hh.host, p, authed);
      expect(res.status, p).toBe(404);
      expect(res.body).not.toMatch(SECRET);
    }
  });
});

describe('tokens', () => {
  it.each([
    ['no token', {}],
    ['wrong header', { 'x-imagine-token': 'nope' }],
    ['token prefix', { 'x-imagine-token': TOKEN.slice(0, -1) }],
    ['token plus a byte', { 'x-imagine-token': `${TOKEN}x` }],
    ['token in another case', { 'x-imagine-token': TOKEN.toUpperCase() }],
    ['empty header', { 'x-imagine-token': '' }],
    ['wrong cookie', { cookie: 'imagine_token=nope' }],
    ['cookie under another name', { cookie: `token=${TOKEN}` }],
    ['wrong cookie first', { cookie: `imagine_token=nope; imagine_token=${TOKEN}` }],
    ['basic auth', { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` }],
    ['bearer', { authorization: `Bearer ${TOKEN}` }],
  ])('refuses %s with 401 on pages and media', async (_label, headers) => {
    for (const p of ['/', '/index.html', '/media/media/ab/ok.png']) {
      const res = await raw(hh.host, p, headers);
      expect(res.status, p).toBe(401);
      expect(res.body).not.toContain(TOKEN);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('refuses a wrong token in the URL and never echoes the right one', async () => {
    for (const q of ['?token=', '?token=nope', `?token=${TOKEN}x`, `?token=${TOKEN.slice(1)}`, '?token=%00']) {
      const res = await raw(hh.host, `/${q}`);
      expect(res.status, q).toBe(401);
      expect(res.body).not.toContain(TOKEN);
    }
  });

  it('trades the URL token for an HttpOnly SameSite=Strict cookie and drops it from the location', async () => {
    const res = await raw(hh.host, `/media/media/ab/ok.png?token=${TOKEN}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/media/media/ab/ok.png');
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
  });
});

describe('Host header and methods', () => {
  it.each([
    'evil.example',
    `evil.example:${'PORT'}`,
    '127.0.0.1',
    'localhost',
    `127.0.0.2:${'PORT'}`,
    `0.0.0.0:${'PORT'}`,
    `127.0.0.1:${'PORT'}.evil.example`,
    `localhost.evil.example:${'PORT'}`,
    `127.0.0.1:1`,
    `[::ffff:127.0.0.1]:${'PORT'}`,
    `127.1:${'PORT'}`,
    `2130706433:${'PORT'}`,
  ])('refuses Host %s with 421 even with the token', async (template) => {
    const hostHeader = template.replaceAll('PORT', port);
    const res = await raw(hh.host, '/', { ...authed, host: hostHeader });
    expect(res.status).toBe(421);
  });

  it('refuses a request with no Host header at all (HTTP/1.0)', async () => {
    const { connect } = await import('node:net');
    const status = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(`GET / HTTP/1.0\r\nx-imagine-token: ${TOKEN}\r\n\r\n`));
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      socket.on('end', () => resolve(text.split('\r\n')[0] ?? ''));
    });
    expect(status).toMatch(/^HTTP\/1\.[01] 421/);
  });

  it.each([`127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT`])('accepts loopback Host %s', async (template) => {
    const res = await raw(hh.host, '/', { ...authed, host: template.replaceAll('PORT', port) });
    expect(res.status).toBe(200);
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE'])('refuses %s', async (method) => {
    const res = await raw(hh.host, '/media/media/ab/ok.png', authed, method);
    expect(res.status).toBe(405);
    expect(res.headers['content-security-policy']).toBeTruthy();
  });
});

describe('WebSocket upgrade', () => {
  const cookie = `imagine_token=${TOKEN}`;

  it.each([
    ['no origin', { cookie }],
    ['null origin', { cookie, origin: 'null' }],
    ['other port', { cookie, origin: 'http://127.0.0.1:1' }],
    ['https twin', { cookie, origin: 'https://127.0.0.1:PORT' }],
    ['suffix trick', { cookie, origin: 'http://127.0.0.1:PORT.evil.example' }],
    ['evil site', { cookie, origin: 'https://evil.example' }],
    ['file page', { cookie, origin: 'file://' }],
    ['no token', { origin: 'http://127.0.0.1:PORT' }],
    ['wrong token', { origin: 'http://127.0.0.1:PORT', cookie: 'imagine_token=nope' }],
    ['rebinding host', { origin: 'http://evil.example:PORT', cookie, host: 'evil.example:PORT' }],
  ])('refuses %s', async (_label, headers) => {
    const fixed = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replaceAll('PORT', port)]));
    expect(await connectWs(hh.host, fixed)).toBeNull();
  });

  it.each(['/ws/', '/WS', '/ws%2f', '/wss', '/media/ws'])('refuses the bridge on %s', async (p) => {
    expect(await connectWs(hh.host, { cookie, origin: hh.host.origin }, p)).toBeNull();
  });

  it('accepts the app origin on localhost too', async () => {
    const ws = await connectWs(hh.host, { cookie, origin: `http://localhost:${port}`, host: `localhost:${port}` });
    expect(ws).not.toBeNull();
    ws?.close();
  });
});

describe('afterwards', () => {
  it('logged no internal error (no 500, no failed handler)', () => {
    expect(hh.errors).toEqual([]);
  });
});
