/**
 * The Electron window's guards without Electron: the pure handlers with fake events, and their wiring in
 * createMainWindow with `electron` and `electron-store` mocked (the binary cannot run here).
 */
import { describe, expect, it, vi } from 'vitest';
import {
  onPermissionCheck, onPermissionRequest, preventNavigation, windowOpenHandler,
} from '../../../../src-main/shells/electron/window-guards';

const PERMISSIONS = [
  'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'fullscreen', 'geolocation', 'idle-detection', 'media',
  'mediaKeySystem', 'midi', 'midiSysex', 'notifications', 'pointerLock', 'keyboardLock', 'openExternal', 'speaker-selection',
  'storage-access', 'top-level-storage-access', 'window-management', 'unknown', 'fileSystem', 'hid', 'serial', 'usb',
  'background-sync', 'persistent-storage', '', '__proto__', 'constructor', 'NOTIFICATIONS',
];

describe('permission handlers', () => {
  it.each(PERMISSIONS)('answers %s from the allow-list only', (permission) => {
    const allowed = permission === 'notifications' || permission === 'clipboard-sanitized-write';
    const callback = vi.fn();
    onPermissionRequest(null, permission, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(allowed);
    expect(onPermissionCheck(null, permission)).toBe(allowed);
  });
});

describe('navigation', () => {
  it('prevents every navigation and webview attachment', () => {
    const event = { preventDefault: vi.fn() };
    preventNavigation(event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });
});

describe('window.open', () => {
  it.each([
    ['https://docs.x.ai/', 'https://docs.x.ai/'],
    ['HTTPS://Docs.X.ai/path?q=1', 'https://docs.x.ai/path?q=1'],
  ])('sends %s to the browser and opens no window', (url, opened) => {
    const openExternal = vi.fn();
    expect(windowOpenHandler(openExternal)({ url })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledExactlyOnceWith(opened);
  });

  it.each([
    'http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>',
    'app-media://library/x.png', 'smb://server/share', 'ms-msdt:/id PCWDiagnostic', 'search-ms:query=x', 'vscode://x',
    'https://user:pass@evil.example/', 'https://:pass@evil.example/', 'about:blank', '', 'not a url', ' https://x',
  ])('refuses %s outright', (url) => {
    const openExternal = vi.fn();
    expect(windowOpenHandler(openExternal)({ url })).toEqual({ action: 'deny' });
    if (url !== ' https://x') expect(openExternal).not.toHaveBeenCalled();
  });
});

// --- createMainWindow wiring, with electron mocked -------------------------------------------------------------
type Listener = (...args: unknown[]) => void;
const created: { options: Record<string, unknown>; on: Map<string, Listener>; session: Record<string, unknown>; openHandler?: unknown; loaded?: string }[] = [];

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      const record: (typeof created)[number] = { options, on: new Map(), session: {} };
      created.push(record);
      this.webContents = {
        session: {
          setPermissionRequestHandler: (h: unknown) => (record.session.request = h),
          setPermissionCheckHandler: (h: unknown) => (record.session.check = h),
        },
        on: (name: string, l: Listener) => record.on.set(name, l),
        setWindowOpenHandler: (h: unknown) => (record.openHandler = h),
      };
      Object.assign(this, {
        maximize() {},
        once() {},
        on() {},
        loadURL: (u: string) => ((record.loaded = u), Promise.resolve()),
        loadFile: (f: string) => ((record.loaded = f), Promise.resolve()),
      });
    }
  }
  return {
    BrowserWindow,
    screen: { getAllDisplays: () => [] },
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
  };
});
vi.mock('electron-store', () => ({
  default: class {
    get() {
      return { width: 1000, height: 700 };
    }
    set() {}
  },
}));

describe('createMainWindow wires the guards', () => {
  it('uses the locked-down webPreferences and installs every guard', async () => {
    const { createMainWindow } = await import('../../../../src-main/shells/electron/window');
    createMainWindow({ preload: '/app/out/preload/index.cjs', rendererUrl: 'app://imagine/index.html', devTools: false });
    const w = created.at(-1)!;
    expect(w.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false,
      nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false,
      webviewTag: false, devTools: false,
    });
    expect((w.options.webPreferences as Record<string, unknown>).enableBlinkFeatures).toBeUndefined();
    expect((w.options.webPreferences as Record<string, unknown>).experimentalFeatures).toBeFalsy();
    expect(w.session.request).toBe(onPermissionRequest);
    expect(w.session.check).toBe(onPermissionCheck);
    expect(w.on.get('will-navigate')).toBe(preventNavigation);
    expect(w.on.get('will-attach-webview')).toBe(preventNavigation);
    expect(typeof w.openHandler).toBe('function');
    expect((w.openHandler as (d: { url: string }) => unknown)({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(w.loaded).toBe('app://imagine/index.html');
  });
});
