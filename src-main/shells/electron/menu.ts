import { Menu, shell, type MenuItemConstructorOptions } from 'electron';

/**
 * The standard menus with their built-in roles (copy/paste, zoom, window management work as users expect).
 * The View menu is spelled out instead of `role: 'viewMenu'`: its Reload item owns Ctrl/Cmd+R, which the
 * Generate screen uses for prompt-history search (menu accelerators fire before the page sees the key).
 */
export function installApplicationMenu() {
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'forceReload', accelerator: 'CmdOrCtrl+Shift+R' },
      { role: 'toggleDevTools' },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'xAI API documentation', click: () => void shell.openExternal('https://docs.x.ai/') }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
