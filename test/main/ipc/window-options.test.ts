import { describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../../src-main/host/security-headers';
import { ALLOWED_PERMISSIONS, secureWebPreferences } from '../../../src-main/shells/electron/window-options';

describe('the Electron window is locked down', () => {
  it('isolates and sandboxes the page with no Node access', () => {
    expect(secureWebPreferences('/p.cjs', { devTools: false })).toMatchObject({
      preload: '/p.cjs',
      devTools: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('grants only notifications and clipboard writes', () => {
    expect([...ALLOWED_PERMISSIONS].sort()).toEqual(['clipboard-sanitized-write', 'notifications']);
  });

  it('has a CSP that keeps all HTTP in main and forbids inline and remote scripts', () => {
    expect(RENDERER_CSP).toContain("default-src 'none'");
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).toContain("connect-src 'self'");
    expect(RENDERER_CSP).not.toContain('unsafe-inline');
    expect(RENDERER_CSP).not.toContain('unsafe-eval');
  });
});
