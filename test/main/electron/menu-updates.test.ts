/** "Check for Updates…" in the application menu, with `electron` mocked: where it sits on each OS, and what it does. */
import { afterEach, describe, expect, it, vi } from 'vitest';

/** The part of Electron's MenuItemConstructorOptions these tests read. */
type MenuItemConstructorOptions = { role?: string; label?: string; type?: string; submenu?: MenuItemConstructorOptions[]; click?: () => void };

let template: MenuItemConstructorOptions[] = [];
vi.mock('electron', () => ({
  Menu: { buildFromTemplate: (t: MenuItemConstructorOptions[]) => ((template = t), {}), setApplicationMenu: () => {} },
  shell: { openExternal: async () => {} },
}));

const platform = process.platform;
afterEach(() => Object.defineProperty(process, 'platform', { value: platform }));

function items(menu: MenuItemConstructorOptions | undefined) {
  return (menu?.submenu ?? []) as MenuItemConstructorOptions[];
}

describe('Check for Updates… in the menu', () => {
  it('Windows and Linux: under Help, and it asks the updater (as a check the user asked for)', async () => {
    Object.defineProperty(process, 'platform', { value: 'linux' });
    const { installApplicationMenu } = await import('../../../src-main/shells/electron/menu');
    const checkForUpdates = vi.fn();
    installApplicationMenu({ checkForUpdates, devTools: false });
    const item = items(template.find((m) => m.role === 'help')).find((i) => i.label === 'Check for Updates…');
    expect(item).toBeDefined();
    (item!.click as () => void)();
    expect(checkForUpdates).toHaveBeenCalledOnce();
  });

  it('macOS: in the app menu, right under About', async () => {
    Object.defineProperty(process, 'platform', { value: 'darwin' });
    const { installApplicationMenu } = await import('../../../src-main/shells/electron/menu');
    installApplicationMenu({ checkForUpdates: () => {}, devTools: false });
    const appMenu = items(template.find((m) => m.role === 'appMenu'));
    expect(appMenu.slice(0, 2).map((i) => i.role ?? i.label)).toEqual(['about', 'Check for Updates…']);
    expect(items(template.find((m) => m.role === 'help')).some((i) => i.label === 'Check for Updates…')).toBe(false);
  });
});
