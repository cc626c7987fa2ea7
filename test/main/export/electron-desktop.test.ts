/**
 * Electron's DesktopIntegration with `electron` mocked (no binary here): dialogs get the calling window as parent,
 * cancel maps to null/empty, drags go to the caller's webContents with a non-empty icon, and the clipboard gets a
 * PNG through Electron 45's W3C-style `clipboard.write`.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls: { fn: string; args: unknown[] }[] = [];
const log = (fn: string) => (...args: unknown[]) => void calls.push({ fn, args });
let openResult: { canceled: boolean; filePaths: string[] } = { canceled: false, filePaths: [] };
let saveResult: { canceled: boolean; filePath?: string } = { canceled: false };
const window = { id: 'browser-window' };

vi.mock('electron', () => {
  class ClipboardItem {
    constructor(readonly items: Record<string, Blob>) {}
  }
  const image = (source: string) => ({ source, toPNG: () => Buffer.from(`png-of-${source}`) });
  return {
    BrowserWindow: { fromWebContents: (wc: unknown) => (wc ? window : null) },
    dialog: {
      showOpenDialog: async (...args: unknown[]) => (log('showOpenDialog')(...args), openResult),
      showSaveDialog: async (...args: unknown[]) => (log('showSaveDialog')(...args), saveResult),
    },
    shell: { showItemInFolder: log('showItemInFolder') },
    clipboard: { write: async (...args: unknown[]) => log('clipboard.write')(...args) },
    ClipboardItem,
    nativeImage: {
      createFromPath: (p: string) => image(`path:${p}`),
      createFromBuffer: (b: Buffer) => image(`buffer:${b.length}`),
    },
  };
});

const { createElectronDesktop } = await import('../../../src-main/shells/electron/desktop-integration');

beforeEach(() => {
  calls.length = 0;
});

describe('Electron desktop integration', () => {
  const desktop = createElectronDesktop();
  const sender = { startDrag: log('startDrag') };

  it('claims every native capability', () => {
    expect(desktop.capabilities).toEqual({ dialogs: true, reveal: true, nativeDrag: true, nativeClipboard: true });
  });

  it('opens dialogs modal to the calling window and maps cancel to nothing', async () => {
    openResult = { canceled: false, filePaths: ['/home/me/Pictures'] };
    expect(await desktop.chooseFolder({ title: 'Export to', window: sender })).toBe('/home/me/Pictures');
    expect(calls[0]).toEqual({ fn: 'showOpenDialog', args: [window, { title: 'Export to', properties: ['openDirectory', 'createDirectory'] }] });
    openResult = { canceled: true, filePaths: [] };
    expect(await desktop.chooseFolder({ title: 'x' })).toBeNull();
    expect(calls[1]?.args).toHaveLength(1); // no window: no parent
    openResult = { canceled: false, filePaths: ['/a.png', '/b.jpg'] };
    expect(await desktop.chooseFiles({ title: 'Import', filters: [], window: sender })).toEqual(['/a.png', '/b.jpg']);
    expect((calls[2]?.args[1] as { properties: string[] }).properties).toEqual(['openFile', 'multiSelections']);
    saveResult = { canceled: false, filePath: '/home/me/out.zip' };
    expect(await desktop.chooseSavePath({ suggestedName: 'out.zip', filters: [], window: sender })).toBe('/home/me/out.zip');
    saveResult = { canceled: true };
    expect(await desktop.chooseSavePath({ suggestedName: 'out.zip', filters: [] })).toBeNull();
  });

  it('drags one or many files from the caller with the icon', () => {
    desktop.startDrag(sender, ['/lib/a.jpg'], new Uint8Array([1, 2, 3]));
    desktop.startDrag(sender, ['/lib/a.jpg', '/lib/b.png'], new Uint8Array([1]));
    expect(calls[0]).toMatchObject({ fn: 'startDrag', args: [{ file: '/lib/a.jpg', icon: { source: 'buffer:3' } }] });
    expect(calls[1]).toMatchObject({ fn: 'startDrag', args: [{ file: '/lib/a.jpg', files: ['/lib/a.jpg', '/lib/b.png'] }] });
  });

  it('reveals in the file manager and copies PNG to the clipboard', async () => {
    desktop.reveal('/lib/media/ab/x.jpg');
    await desktop.copyImage({ path: '/lib/media/ab/x.jpg' });
    await desktop.copyImage({ png: new Uint8Array([9, 9]) });
    expect(calls[0]).toEqual({ fn: 'showItemInFolder', args: ['/lib/media/ab/x.jpg'] });
    const items = (calls[1]?.args[0] as { items: Record<string, Blob> }[])[0]!.items;
    expect(Object.keys(items)).toEqual(['image/png']);
    expect(await items['image/png']!.text()).toBe('png-of-path:/lib/media/ab/x.jpg');
    const direct = (calls[2]?.args[0] as { items: Record<string, Blob> }[])[0]!.items['image/png']!;
    expect(new Uint8Array(await direct.arrayBuffer())).toEqual(new Uint8Array([9, 9]));
  });
});
