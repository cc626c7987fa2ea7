/**
 * The Electron shell: the only code that needs the Electron binary, kept small on purpose. It wires the shared
 * core (app-core.ts) to ipcMain, a BrowserWindow, the app-media protocol and the application menu.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, nativeTheme, safeStorage } from 'electron';
import electronUpdater from 'electron-updater';
import { createAppCore } from '../app-core';
import { createFileLogger } from '../adapters/file-logger';
import { makeProcessPrivate } from '../adapters/private-files';
import { systemClock } from '../adapters/system-clock';
import { createDesktopSecretStore } from '../adapters/secrets';
import { createFileSettingsStore } from '../adapters/settings';
import { electronStoreFactory } from '../adapters/settings/electron-store-factory';
import { createDispatcher } from '../ipc/dispatcher';
import { createSenderGuard } from '../ipc/sender-guard';
import { createElectronDesktop } from './electron/desktop-integration';
import { createElectronEventSink, followThemeSetting, registerIpc } from './electron/ipc-electron';
import { handleMediaProtocol } from './electron/media-protocol';
import { APP_ORIGIN, APP_URL, handleAppProtocol, registerPrivilegedSchemes } from './electron/app-protocol';
import { installApplicationMenu } from './electron/menu';
import { createMainWindow } from './electron/window';
import { showBatchProgress } from './electron/batch-progress';
import { createElectronUpdater } from './electron/updater';
import { linkInbox, registerDeepLinkScheme, routeDeepLinks } from './electron/deep-links';
import { confirmApiBaseUrl, requestedApiBaseUrl } from './electron/api-base-url';

// First thing: userData (Chromium's files too), logs and the library are private (0700/0600) whatever the umask was.
makeProcessPrivate();
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDevUrl = process.env.ELECTRON_RENDERER_URL ?? '';

// One instance: a second launch (e.g. the OS opening an imagine-studio:// link) hands its argv to this one and quits.
const primary = app.requestSingleInstanceLock();
if (!primary) app.quit();
registerPrivilegedSchemes();

const links = linkInbox();
if (primary) {
  registerDeepLinkScheme(app);
  routeDeepLinks({
    app,
    argv: process.argv,
    deliver: links.deliver,
    focusWindow: () => {
      const win = BrowserWindow.getAllWindows()[0];
      if (win?.isMinimized()) win.restore();
      win?.focus();
    },
  });
}

async function start() {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  const logger = createFileLogger(dataDir);
  // The theme setting also drives the native window frame and menus, not only the page; running batches show
  // their progress on the dock icon / taskbar button.
  const events = showBatchProgress(
    followThemeSetting(createElectronEventSink(() => BrowserWindow.getAllWindows().map((w) => w.webContents)), (theme) => {
      nativeTheme.themeSource = theme;
    }),
  );
  // electron-updater is CommonJS with a lazy `autoUpdater` getter: reach it through the default export.
  const updater = createElectronUpdater({
    updater: electronUpdater.autoUpdater,
    isPackaged: app.isPackaged,
    currentVersion: app.getVersion(),
    emit: (status) => events.emit('updates:status', status),
    clock: systemClock,
    logger,
  });
  const core = await createAppCore({
    shell: 'electron',
    dataDir,
    version: app.getVersion(),
    versions: { electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '', node: process.versions.node },
    events,
    clock: systemClock,
    logger,
    secrets: createDesktopSecretStore({ dataDir, safeStorage, logger }),
    settingsStore: createFileSettingsStore({ dir: dataDir, projectVersion: app.getVersion(), logger, open: electronStoreFactory }),
    envApiKey: process.env.XAI_API_KEY,
    envProviderKeys: { stability: process.env.STABILITY_API_KEY, minimax: process.env.MINIMAX_API_KEY },
    // A proxy address is the user's, from the command line or environment, and confirmed in a native dialog.
    apiBaseUrl: await confirmApiBaseUrl(requestedApiBaseUrl(process.argv, process.env)),
    desktop: createElectronDesktop(),
    updater,
  });
  updater.startAutoChecks(async () => (await core.handlers['settings:get']({})).settings.autoUpdateCheck);
  nativeTheme.themeSource = (await core.handlers['settings:get']({})).settings.theme;
  // The app's page is app://imagine (never file://); the dev server has its own origin.
  const origins = [APP_ORIGIN, ...(rendererDevUrl ? [new URL(rendererDevUrl).origin] : [])];
  registerIpc(createDispatcher({ handlers: core.handlers, guard: createSenderGuard(origins), logger }));
  handleMediaProtocol(() => core.libraryDir);
  handleAppProtocol(path.join(here, '../renderer'));
  // DevTools only in development: not in the packaged app's menu, and not openable in its window at all.
  const devTools = !app.isPackaged;
  installApplicationMenu({ checkForUpdates: () => void updater.check(true), devTools });
  const open = () => {
    const win = createMainWindow({
      preload: path.join(here, '../preload/index.cjs'),
      rendererUrl: rendererDevUrl || APP_URL,
      devTools,
    });
    // Links wait while no page listens (closed on macOS, reloading); the page asks for them once it is up.
    win.webContents.on('did-start-loading', () => core.links.windowGone());
    win.on('closed', () => core.links.windowGone());
    return win;
  };
  open();
  links.connect((url) => void core.links.receive(url));
  // `npm start` (scripts/setup/start.mjs) falls back to the browser host only if the app dies before this line.
  if (process.env.IMAGINE_REPORT_READY) console.log('IMAGINE_DESKTOP_READY');
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && open());
  app.on('window-all-closed', () => process.platform !== 'darwin' && app.quit());
  app.on('will-quit', () => {
    updater.dispose();
    void core.dispose();
  });
}

if (primary) void start();
