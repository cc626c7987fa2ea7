import { Menu, type MenuItemConstructorOptions } from 'electron';

/** The standard menus with their built-in roles (copy/paste, zoom, window management work as users expect). */
export function installApplicationMenu() {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'xAI API documentation', click: () => void import('electron').then(({ shell }) => shell.openExternal('https://docs.x.ai/')) }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
