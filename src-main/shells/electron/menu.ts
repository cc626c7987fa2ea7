import { Menu, shell, type MenuItemConstructorOptions } from 'electron';

/**
 * The standard menus with their built-in roles (copy/paste, zoom, window management work as users expect).
 * The View menu is spelled out instead of `role: 'viewMenu'`: its Reload item owns Ctrl/Cmd+R, which the
 * Generate screen uses for prompt-history search (menu accelerators fire before the page sees the key).
 */
export function installApplicationMenu(options: { checkForUpdates: () => void; devTools: boolean }) {
  const checkForUpdates: MenuItemConstructorOptions = { label: 'Check for Updates…', click: () => options.checkForUpdates() };
  // macOS: the app menu spelled out so "Check for Updates…" sits under About, where Mac apps put it.
  const appMenu: MenuItemConstructorOptions = {
    role: 'appMenu',
    submenu: [
      { role: 'about' },
      checkForUpdates,
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'forceReload', accelerator: 'CmdOrCtrl+Shift+R' },
      // Development only (the packaged app's window has devTools off as well).
      ...(options.devTools ? [{ role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [appMenu] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'xAI API documentation', click: () => void shell.openExternal('https://docs.x.ai/') },
        // Windows and Linux: Help is where "Check for Updates…" lives (macOS has it in the app menu).
        ...(process.platform === 'darwin' ? [] : [{ type: 'separator' } as const, checkForUpdates]),
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
