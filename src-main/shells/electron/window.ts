import { BrowserWindow, screen, shell } from 'electron';
import Store from 'electron-store';
import { onPermissionCheck, onPermissionRequest, preventNavigation, windowOpenHandler } from './window-guards';
import { secureWebPreferences } from './window-options';

type Bounds = { x?: number; y?: number; width: number; height: number; maximized?: boolean };

/** Creates the main window, remembering its size and place, and denies navigation and new windows. */
export function createMainWindow(options: { preload: string; rendererUrl: string; devTools: boolean }) {
  const store = new Store<{ window: Bounds }>({ name: 'window-state', defaults: { window: { width: 1280, height: 820 } } });
  const saved = store.get('window');
  const visible = screen.getAllDisplays().some((d) => {
    const a = d.workArea;
    return saved.x !== undefined && saved.y !== undefined && saved.x >= a.x && saved.y >= a.y && saved.x < a.x + a.width && saved.y < a.y + a.height;
  });
  // justified: webPreferences come from secureWebPreferences() (window-options.ts: contextIsolation, sandbox, Auxclick off), which electronegativity cannot follow; test/main/ipc/window-options.test.ts asserts them.
  const win = new BrowserWindow({ /* eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK */
    ...(visible ? saved : { width: saved.width, height: saved.height }),
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Imagine Studio',
    webPreferences: secureWebPreferences(options.preload, { devTools: options.devTools }),
  });
  if (saved.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => store.set('window', { ...win.getNormalBounds(), maximized: win.isMaximized() }));

  const session = win.webContents.session;
  session.setPermissionRequestHandler(onPermissionRequest);
  session.setPermissionCheckHandler(onPermissionCheck);
  win.webContents.on('will-navigate', preventNavigation);
  win.webContents.on('will-attach-webview', preventNavigation);
  // Links to the outside world open in the user's browser, never inside the app.
  // justified: windowOpenHandler hands over only parsed https URLs without credentials (window-guards.ts, tested).
  win.webContents.setWindowOpenHandler(windowOpenHandler((url) => shell.openExternal(url))); /* eng-disable OPEN_EXTERNAL_JS_CHECK */

  // app://imagine/index.html (app-protocol.ts), or the dev server's address in development.
  void win.loadURL(options.rendererUrl);
  return win;
}
