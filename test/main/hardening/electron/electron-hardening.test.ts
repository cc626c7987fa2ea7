/**
 * Issue 12, point 6, with `electron` mocked: the fuses `npm run dist` flips (afterPack hook, a fake flipper records
 * them), DevTools only in development (menu and webPreferences), and the renderer served from the privileged
 * `app://imagine` scheme with the CSP as a response header instead of file:// and a meta tag.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RENDERER_CSP } from '../../../../src-main/host/security-headers';

type MenuItem = { role?: string; label?: string; submenu?: MenuItem[] };
let template: MenuItem[] = [];
const schemes: { scheme: string; privileges: Record<string, boolean> }[] = [];
const handlers = new Map<string, (req: Request) => Promise<Response>>();

vi.mock('electron', () => ({
  Menu: { buildFromTemplate: (t: MenuItem[]) => ((template = t), {}), setApplicationMenu: () => {} },
  shell: { openExternal: async () => {} },
  protocol: {
    registerSchemesAsPrivileged: (list: typeof schemes) => schemes.push(...list),
    handle: (scheme: string, fn: (req: Request) => Promise<Response>) => handlers.set(scheme, fn),
  },
}));

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../../../..');

describe('fuses in npm run dist', () => {
  const hook = require(path.join(root, 'scripts/packaging/after-pack.cjs')) as {
    applyFuses(context: unknown, fuses: unknown): Promise<void>;
  };
  const real = require('@electron/fuses') as { FuseV1Options: Record<string, number>; FuseVersion: { V1: string } };
  const context = (platform: string, arch = 1) => ({
    appOutDir: '/build/out', electronPlatformName: platform, arch,
    packager: { appInfo: { productFilename: 'Imagine Studio' }, executableName: 'imagine-studio' },
  });
  const flipped = async (platform: string, arch?: number) => {
    const calls: { file: string; config: Record<string | number, unknown> }[] = [];
    await hook.applyFuses(context(platform, arch), { ...real, flipFuses: async (file: string, config: Record<string, unknown>) => void calls.push({ file, config }) });
    return calls;
  };

  it('is electron-builder’s afterPack hook, and dist runs electron-builder', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; build: Record<string, unknown> };
    expect(pkg.build.afterPack).toBe('./scripts/packaging/after-pack.cjs');
    expect(pkg.build.asar).not.toBe(false);
    expect(pkg.scripts.dist).toContain('electron-builder');
  });

  it('turns RunAsNode, NODE_OPTIONS and inspect arguments off; ASAR integrity, ASAR-only and cookie encryption on', async () => {
    const [call] = await flipped('linux');
    const O = real.FuseV1Options;
    expect(call!.config).toMatchObject({
      version: real.FuseVersion.V1,
      [O.RunAsNode!]: false,
      [O.EnableNodeOptionsEnvironmentVariable!]: false,
      [O.EnableNodeCliInspectArguments!]: false,
      [O.EnableEmbeddedAsarIntegrityValidation!]: true,
      [O.OnlyLoadAppFromAsar!]: true,
      [O.EnableCookieEncryption!]: true,
      [O.GrantFileProtocolExtraPrivileges!]: false,
    });
  });

  it('finds the packaged binary on each platform', async () => {
    expect((await flipped('linux'))[0]!.file).toBe(path.join('/build/out', 'imagine-studio'));
    expect((await flipped('win32'))[0]!.file).toBe(path.join('/build/out', 'Imagine Studio.exe'));
    const mac = (await flipped('darwin', 3))[0]!;
    expect(mac.file).toBe(path.join('/build/out', 'Imagine Studio.app'));
    expect(mac.config.resetAdHocDarwinSignature).toBe(true);
  });
});

describe('DevTools only in development', () => {
  const all = (menu: MenuItem[]): MenuItem[] => menu.flatMap((m) => [m, ...all(m.submenu ?? [])]);

  it('the packaged app’s menu has no Toggle Developer Tools; development has it', async () => {
    const { installApplicationMenu } = await import('../../../../src-main/shells/electron/menu');
    installApplicationMenu({ checkForUpdates: () => {}, devTools: false });
    expect(all(template).some((i) => i.role === 'toggleDevTools')).toBe(false);
    installApplicationMenu({ checkForUpdates: () => {}, devTools: true });
    expect(all(template).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });

  it('the window’s devTools follow the same switch, and the shell sets it from app.isPackaged', async () => {
    const { secureWebPreferences } = await import('../../../../src-main/shells/electron/window-options');
    expect(secureWebPreferences('/p.cjs', { devTools: false }).devTools).toBe(false);
    const shell = readFileSync(path.join(root, 'src-main/shells/electron.ts'), 'utf8');
    expect(shell).toMatch(/const devTools = !app\.isPackaged;/);
  });
});

describe('the renderer is served from app://imagine with the CSP as a header', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'imagine-app-scheme-'));
    mkdirSync(path.join(dir, 'renderer', 'assets'), { recursive: true });
    writeFileSync(path.join(dir, 'renderer', 'index.html'), '<html><head></head><body>app</body></html>');
    writeFileSync(path.join(dir, 'renderer', 'assets', 'main.js'), 'console.log(1)');
    writeFileSync(path.join(dir, 'secret.txt'), 'SECRET beside the renderer');
    const scheme = await import('../../../../src-main/shells/electron/app-protocol');
    scheme.registerPrivilegedSchemes();
    scheme.handleAppProtocol(path.join(dir, 'renderer'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const get = (url: string) => handlers.get('app')!(new Request(url));

  it('registers app:// once with app-media://, as standard and secure, bypassing neither CSP nor CORS', () => {
    const app = schemes.find((s) => s.scheme === 'app');
    expect(app?.privileges).toMatchObject({ standard: true, secure: true });
    expect(app?.privileges.bypassCSP).toBeFalsy();
    expect(app?.privileges.corsEnabled).toBeFalsy();
    expect(schemes.map((s) => s.scheme).sort()).toEqual(['app', 'app-media']);
  });

  it('answers the page and its assets with the CSP and the other security headers, without the browser bridge', async () => {
    const page = await get('app://imagine/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).not.toContain('bridge.js');
    const script = await get('app://imagine/assets/main.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-security-policy')).toBe(RENDERER_CSP);
  });

  it.each(['app://imagine/../secret.txt', 'app://imagine/%2e%2e/secret.txt', 'app://imagine/..%2fsecret.txt', 'app://other/index.html', 'app://imagine/missing.js'])(
    'answers %s with 404', async (url) => {
      const res = await get(url);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('SECRET');
    },
  );

  it('the window loads app://imagine, never a file:// page, and only that origin may call main', () => {
    const shell = readFileSync(path.join(root, 'src-main/shells/electron.ts'), 'utf8');
    const window = readFileSync(path.join(root, 'src-main/shells/electron/window.ts'), 'utf8');
    expect(window).not.toMatch(/loadFile\(/);
    expect(shell).toContain('rendererUrl: rendererDevUrl || APP_URL');
    expect(shell).toContain('const origins = [APP_ORIGIN');
    expect(shell).not.toMatch(/'file:\/\/'/);
  });
});
