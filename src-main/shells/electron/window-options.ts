import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The window's security settings in one place, so a test can assert them without running Electron:
 * isolated, sandboxed, no Node in the page, web security on.
 */
export function secureWebPreferences(preloadPath: string, options: { devTools: boolean }): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    // Off in the packaged app: a shortcut or a page script cannot open an inspector on the user's library.
    devTools: options.devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: true,
    navigateOnDragDrop: false,
    // Middle-click would open links in new windows; setWindowOpenHandler denies them anyway, but off is simpler.
    disableBlinkFeatures: 'Auxclick',
  };
}

/** Permissions the renderer may get: notifications (batch finished) and writing to the clipboard. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications', 'clipboard-sanitized-write']);
