/**
 * The browser host under attack, complementing test/main/host/browser-host.test.ts: media-route traversal in every
 * spelling (sent raw, so nothing normalises it first), symlinks out of the library, range abuse, missing and wrong
 * media capabilities and sign-ins, foreign origins on the WebSocket, non-loopback Host headers and unexpected
 * methods. Every refusal must still carry the security headers, and no answer may contain the canary secret or the
 * data dir's own files.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/ws-client';
import { connectWs, raw, signedInWs, startHostHarness, type HostHarness } from './host-harness';

let hh: HostHarness;
let port: string;
/** This session's media prefix, `/media/<capability>/`. */
let m: string;
/** A library file name of the real layout (`media/<2 hex>/<id>.<ext>`). */
const ID = 'ab' + '0123456789abcdef0123456789abcd';
const OK = `media/ab/${ID}.png`;

beforeAll(async () => {
  hh = await startHostHarness();
  port = new URL(hh.host.origin).port;
  m = hh.client.mediaBase;
  const lib = hh.host.core.libraryDir;
  mkdirSync(path.join(lib, 'media', 'ab'), { recursive: true });
  writeFileSync(path.join(lib, 'media', 'ab', `${ID}.png`), Buffer.alloc(100, 1));
  writeFileSync(path.join(lib, 'media', 'ab', `${ID}.json`), '{"secret":"data-dir file: a sidecar"}');
  writeFileSync(path.join(hh.dataDir, 'private.json'), '{"secret":"data-dir file outside the library"}');
  // Symlinks that lead out of the library: a file, a folder and an absolute link to the data dir.
  // A file, a folder and absolute links to the data dir, all under names of the library's own layout.
  symlinkSync(path.join(hh.sandbox, 'canary', 'secret.txt'), path.join(lib, 'media', 'ab', `ab${'1'.repeat(30)}.png`));
  symlinkSync(path.join(hh.sandbox, 'canary'), path.join(lib, 'media', 'cd'));
  symlinkSync(hh.dataDir, path.join(lib, 'thumbs'));
  mkdirSync(path.join(hh.dataDir, 'ab'));
  writeFileSync(path.join(hh.dataDir, 'ab', `ab${'3'.repeat(30)}.webp`), 'data-dir file under a layout name');
  symlinkSync('../../../private.json', path.join(lib, 'media', 'ab', `ab${'2'.repeat(30)}.png`));
}, 60_000);

afterAll(async () => {
  await hh?.close();
});

const SECRET = /TOP SECRET|data-dir file|SQLite format/;

describe('media route traversal', () => {
  // `M/` stands for this session's media prefix.
  const attempts = [
    'M/../private.json',
    'M/../../canary/secret.txt',
    'M/%2e%2e/private.json',
    'M/%2E%2E/%2E%2E/canary/secret.txt',
    'M/.%2e/private.json',
    'M/%252e%252e/private.json',
    'M/%252e%252e%252fprivate.json',
    'M/..%2fprivate.json',
    'M/..%2F..%2Fcanary%2Fsecret.txt',
    'M/..%5cprivate.json',
    'M/..\\private.json',
    'M/%2fetc%2fpasswd',
    'M//etc/passwd',
    'M/%2F%2Fetc%2Fpasswd',
    'M/C:%5CWindows%5Cwin.ini',
    'M/file:%2F%2F%2Fetc%2Fpasswd',
    `M/media/ab/${ID}.png%00.txt`,
    `M/media/ab/${ID}.png%00`,
    'M/%00',
    'M/%',
    'M/%zz',
    'M/%c0%ae%c0%ae/private.json',
    'M/%e0%80%ae%e0%80%ae/private.json',
    `M/media/ab/ab${'1'.repeat(30)}.png`,
    `M/media/ab/ab${'2'.repeat(30)}.png`,
    'M/media/cd/secret.txt',
    `M/thumbs/private.json`,
    `M/thumbs/ab/ab${'3'.repeat(30)}.webp`,
    `M/thumbs/jobs.db`,
    `M/./media/ab/../ab/ab${'1'.repeat(30)}.png`,
    `M/media/ab/${ID}.json`,
    `M/media/ab/${ID}.PNG`,
    `M/media/ab/.${ID}.png.tmp`,
    'M/library.db',
    'M/library.db-wal',
    'M/',
    'M/media',
    'M/media/ab',
    `M/${encodeURIComponent(path.join('/', 'etc', 'passwd'))}`,
  ];

  it.each(attempts)('refuses %s', async (attempt) => {
    const res = await raw(hh.host, attempt.replace(/^M\//, m));
    expect([400, 404], `${attempt} → ${res.status}`).toContain(res.status);
    expect(res.body).not.toMatch(SECRET);
    expect(res.headers['content-security-policy']).toBeTruthy();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses an absolute path to a file that really is inside the library', async () => {
    const abs = path.join(hh.host.core.libraryDir, 'media', 'ab', `${ID}.png`);
    expect((await raw(hh.host, `${m}${encodeURIComponent(abs)}`)).status).toBe(404);
    expect((await raw(hh.host, `${m}${abs}`)).status).toBe(404);
  });

  it('reads backslashes as slashes (the WHATWG URL parser does) and so stays inside the library', async () => {
    expect((await raw(hh.host, `${m}media\\ab\\${ID}.png`)).status).toBe(200);
    const res = await raw(hh.host, `${m}..\\..\\canary\\secret.txt`);
    expect(res.status).toBe(404);
    expect(res.body).not.toMatch(SECRET);
  });

  it('still serves a real library file, with nosniff and its own type', async () => {
    const res = await raw(hh.host, `${m}${OK}`);
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
    const res = await raw(hh.host, `${m}${OK}`, { range: range.slice(0, 4000) });
    expect(res.status).toBeGreaterThanOrEqual(Math.min(low, high));
    expect(res.status).toBeLessThanOrEqual(Math.max(low, high));
    expect(res.status).not.toBe(500);
  });

  it.each(['/%', '/%zz', '/assets/%E0%A4%A', '/%00', '/index.html%00.js'])('answers a malformed page path %s with 404, not 500', async (p) => {
    const res = await raw(hh.host, p);
    expect(res.status).toBe(404);
  });

  it('serves nothing from the renderer folder by traversal either', async () => {
    for (const p of ['/../data/private.json', '/..%2fdata%2fprivate.json', '/%2e%2e/data/private.json', '/assets/..%2f..%2fdata%2fprivate.json', '/..\\data\\private.json']) {
      const res = await raw(hh.host, p);
      expect(res.status, p).toBe(404);
      expect(res.body).not.toMatch(SECRET);
    }
  });
});

describe('media capabilities and sign-in', () => {
  it.each([
    ['no capability', `/media/${OK}`],
    ['a made-up capability', `/media/${'A'.repeat(43)}/${OK}`],
    ['a capability one character short', () => `${m.slice(0, -2)}/${OK}`],
    ['a capability in another case', () => `${m.toUpperCase().replace('/MEDIA/', '/media/')}${OK}`],
    ['the session secret instead of the capability', () => `/media/${hh.client.session}/${OK}`],
  ])('refuses media with %s (404, nothing served)', async (_label, p) => {
    const res = await raw(hh.host, typeof p === 'function' ? p() : p);
    expect(res.status).toBe(404);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('sets no cookie anywhere and refuses old ?token= addresses without a redirect', async () => {
    for (const q of ['/?token=', '/?token=nope', `/?token=${hh.client.session}`, '/media/x?token=a']) {
      const res = await raw(hh.host, q);
      expect(res.status, q).toBe(400);
      expect(res.headers.location).toBeUndefined();
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect((await raw(hh.host, '/')).headers['set-cookie']).toBeUndefined();
  });

  it.each([
    ['nothing', null],
    ['a made-up ticket', { ticket: 'A'.repeat(43) }],
    ['a made-up session', { session: 'A'.repeat(43) }],
    ['the media capability as a session', () => ({ session: m.split('/')[2] ?? '' })],
    ['a session with a byte more', () => ({ session: `${hh.client.session}x` })],
    ['a ticket that is not a string', { ticket: { $ne: null } }],
  ])('denies a socket that signs in with %s', async (_label, credential) => {
    const given = typeof credential === 'function' ? credential() : credential;
    const signed = await signIn(hh.host.origin, given as never);
    expect(signed.ok).toBe(false);
  });

  it('spends a ticket once', async () => {
    const url = hh.host.newUrl();
    const ticket = /#token=(.+)$/.exec(url)?.[1] ?? '';
    const first = await signIn(hh.host.origin, { ticket });
    expect(first.ok).toBe(true);
    if (first.ok) first.ws.close();
    expect((await signIn(hh.host.origin, { ticket })).ok).toBe(false);
  });

  it('answers no call before the socket signed in', async () => {
    const ws = await connectWs(hh.host, { origin: hh.host.origin });
    const answer = await new Promise<string>((resolve) => {
      ws!.once('message', (d) => resolve(d.toString()));
      ws!.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'app:info', input: {} }));
    });
    expect(JSON.parse(answer)).toMatchObject({ type: 'denied' });
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
    const res = await raw(hh.host, '/', { host: hostHeader });
    expect(res.status).toBe(421);
    expect((await raw(hh.host, `${m}${OK}`, { host: hostHeader })).status).toBe(421);
  });

  it('refuses a request with no Host header at all (HTTP/1.0)', async () => {
    const { connect } = await import('node:net');
    const status = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(`GET / HTTP/1.0\r\n\r\n`));
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      socket.on('end', () => resolve(text.split('\r\n')[0] ?? ''));
    });
    expect(status).toMatch(/^HTTP\/1\.[01] 421/);
  });

  it.each([`127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT`])('accepts loopback Host %s', async (template) => {
    const res = await raw(hh.host, `${m}${OK}`, { host: template.replaceAll('PORT', port) });
    expect(res.status).toBe(200);
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE'])('refuses %s', async (method) => {
    const res = await raw(hh.host, `${m}${OK}`, {}, method);
    expect(res.status).toBe(405);
    expect(res.headers['content-security-policy']).toBeTruthy();
  });
});

describe('WebSocket upgrade', () => {
  it.each([
    ['no origin', {}],
    ['null origin', { origin: 'null' }],
    ['other port', { origin: 'http://127.0.0.1:1' }],
    ['https twin', { origin: 'https://127.0.0.1:PORT' }],
    ['suffix trick', { origin: 'http://127.0.0.1:PORT.evil.example' }],
    ['evil site', { origin: 'https://evil.example' }],
    ['file page', { origin: 'file://' }],
    ['rebinding host', { origin: 'http://evil.example:PORT', host: 'evil.example:PORT' }],
  ])('refuses %s even with a good session', async (_label, headers) => {
    const fixed = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replaceAll('PORT', port)]));
    expect(await signedInWs(hh, fixed)).toBeNull();
  });

  it.each(['/ws/', '/WS', '/ws%2f', '/wss', '/media/ws'])('refuses the bridge on %s', async (p) => {
    expect(await connectWs(hh.host, { origin: hh.host.origin }, p)).toBeNull();
  });

  it('accepts the app origin on localhost too', async () => {
    const ws = await signedInWs(hh, { origin: `http://localhost:${port}`, host: `localhost:${port}` });
    expect(ws).not.toBeNull();
    ws?.close();
  });
});

describe('afterwards', () => {
  it('logged no internal error (no 500, no failed handler)', () => {
    expect(hh.errors).toEqual([]);
  });
});
