/**
 * The rest of the Electron shell's security without the binary: the CSP (as a directive table, and as it lands in
 * the built index.html), ipcMain registration and the sender mapping (sub-frames and foreign origins are refused
 * through the real dispatcher), and the app-media protocol refusing traversal. `electron` is mocked.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channelNames } from '@contract';
import { RENDERER_CSP, SECURITY_HEADERS } from '../../../../src-main/host/security-headers';
import { createDispatcher } from '../../../../src-main/ipc/dispatcher';
import type { Handlers } from '../../../../src-main/ipc/handlers';
import { createSenderGuard } from '../../../../src-main/ipc/sender-guard';

const handled = new Map<string, (...args: unknown[]) => unknown>();
const schemes: { scheme: string; privileges: Record<string, boolean> }[] = [];
let protocolHandler: ((req: Request) => Promise<Response>) | null = null;

vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, fn: (...args: unknown[]) => unknown) => handled.set(channel, fn) },
  protocol: {
    registerSchemesAsPrivileged: (list: typeof schemes) => schemes.push(...list),
    handle: (_scheme: string, fn: (req: Request) => Promise<Response>) => (protocolHandler = fn),
  },
}));

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((p) => p[0]).map(([name, ...values]) => [name as string, values]));
}

describe('Content Security Policy', () => {
  const d = directives(RENDERER_CSP);

  it('denies by default and allows only the app itself to run code', () => {
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.has('frame-src')).toBe(false); // falls back to default-src 'none': no frames at all
  });

  it('has no unsafe keyword, wildcard or remote scheme anywhere', () => {
    for (const [name, values] of d) {
      for (const v of values) {
        expect(v, name).not.toMatch(/unsafe-|^\*|^https?:|^ws:|^wss:|^filesystem:/);
      }
    }
  });

  it('travels with every browser-host answer together with the other security headers', () => {
    expect(SECURITY_HEADERS).toMatchObject({
      'content-security-policy': RENDERER_CSP,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    });
  });

  const html = path.resolve('out/renderer/index.html');
  // Runs once `npm run build` has made out/ (CI builds before testing).
  it.runIf(existsSync(html))('is also in the built index.html as a meta tag (a second line behind the app:// response header)', () => {
    const text = readFileSync(html, 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(text);
    expect(meta).not.toBeNull();
    const built = directives(meta![1]!);
    expect(built.get('script-src')).toEqual(["'self'"]);
    expect(built.get('default-src')).toEqual(["'none'"]);
    expect(meta![1]).not.toMatch(/unsafe-/);
    // Inline scripts would be blocked by the CSP anyway; the built page must not need them.
    expect(text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});

describe('ipcMain registration and the sender mapping', () => {
  const APP_ORIGIN = 'file://';
  let dispatched = 0;

  beforeAll(async () => {
    const { registerIpc } = await import('../../../../src-main/shells/electron/ipc-electron');
    const handlers = new Proxy({}, { get: () => () => ((dispatched += 1), { message: 'ok', at: 1 }) }) as Handlers;
    registerIpc(createDispatcher({ handlers, guard: createSenderGuard([APP_ORIGIN]), logger: { info() {}, warn() {}, error() {} } }));
  });

  const mainFrame = { origin: APP_ORIGIN };
  const eventFrom = (frame: { origin: string } | null, top = mainFrame) => ({ senderFrame: frame, sender: { mainFrame: top } });

  it('registers exactly the contract channels', () => {
    expect([...handled.keys()].sort()).toEqual([...channelNames].sort());
  });

  it('answers the main frame of the app', async () => {
    const before = dispatched;
    const env = await handled.get('app:ping')!(eventFrom(mainFrame), { message: 'hi' });
    expect(env).toMatchObject({ ok: true });
    expect(dispatched).toBe(before + 1);
  });

  it.each([
    ['a sub-frame of the app', eventFrom({ origin: APP_ORIGIN })],
    ['a destroyed frame', eventFrom(null)],
    ['another origin in the main frame', eventFrom({ origin: 'https://evil.example' }, { origin: 'https://evil.example' })],
    ['an app-media page', eventFrom({ origin: 'app-media://library' }, { origin: 'app-media://library' })],
  ])('refuses %s before the handler runs', async (_label, event) => {
    const before = dispatched;
    const env = await handled.get('app:ping')!(event, { message: 'hi' });
    expect(env).toMatchObject({ ok: false, error: { kind: 'forbidden-sender' } });
    expect(dispatched).toBe(before);
  });
});

describe('app-media protocol', () => {
  let root: string;
  let lib: string;
  const OK = `ab${'0'.repeat(30)}.png`;
  const LINK = `ab${'1'.repeat(30)}.png`;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'imagine-media-protocol-'));
    lib = path.join(root, 'data', 'library');
    mkdirSync(path.join(lib, 'media', 'ab'), { recursive: true });
    writeFileSync(path.join(lib, 'media', 'ab', OK), Buffer.alloc(10, 1));
    writeFileSync(path.join(lib, 'media', 'ab', OK.replace('.png', '.json')), 'SECRET sidecar');
    writeFileSync(path.join(lib, 'library.db'), 'SECRET database');
    writeFileSync(path.join(root, 'data', 'secret.json'), 'SECRET');
    symlinkSync(path.join(root, 'data', 'secret.json'), path.join(lib, 'media', 'ab', LINK));
    const { handleMediaProtocol } = await import('../../../../src-main/shells/electron/media-protocol');
    (await import('../../../../src-main/shells/electron/app-protocol')).registerPrivilegedSchemes();
    handleMediaProtocol(() => lib);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('registers a standard, secure, streaming scheme without bypassing CSP', () => {
    const entry = schemes.find((s) => s.scheme === 'app-media');
    expect(entry?.privileges).toMatchObject({ standard: true, secure: true, stream: true });
    expect(entry?.privileges.bypassCSP).toBeFalsy();
    expect(entry?.privileges.corsEnabled).toBeFalsy();
  });

  it('serves a library file', async () => {
    const res = await protocolHandler!(new Request(`app-media://library/media/ab/${OK}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    'app-media://library/../secret.json',
    'app-media://library/%2e%2e/secret.json',
    'app-media://library/..%2fsecret.json',
    'app-media://library/%252e%252e/secret.json',
    `app-media://library/media/ab/${LINK}`,
    `app-media://library/media/ab/${OK}%00`,
    `app-media://library/media/ab/${OK.replace('.png', '.json')}`,
    'app-media://library/library.db',
    'app-media://library/%2Fetc%2Fpasswd',
    'app-media://library/..%5csecret.json',
    `app-media://other/media/ab/${OK}`,
    `app-media://library.evil/media/ab/${OK}`,
    'app-media://library/',
  ])('refuses %s', async (url) => {
    const res = await protocolHandler!(new Request(url));
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('SECRET');
  });
});
