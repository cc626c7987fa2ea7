/**
 * Electron's `DesktopIntegration`: native dialogs, the file manager, OS drags and the clipboard. Thin on purpose
 * (it cannot run on machines without the Electron binary): the core decides what to show or drag, this only calls
 * Electron. Tested with `electron` mocked (test/main/export/electron-desktop.test.ts).
 */
import { BrowserWindow, clipboard, ClipboardItem, dialog, nativeImage, shell, type WebContents } from 'electron';
import type { DesktopIntegration } from '../../core/desktop/ports';

/** The dialog's parent: the calling window when the caller is one, so the dialog is modal to it. */
function parentOf(window: unknown): BrowserWindow | null {
  const contents = window as WebContents | undefined;
  return contents ? BrowserWindow.fromWebContents(contents) : null;
}

export function createElectronDesktop(): DesktopIntegration {
  return {
    capabilities: { dialogs: true, reveal: true, nativeDrag: true, nativeClipboard: true },
    async chooseFolder({ title, window }) {
      const options = { title, properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
      const parent = parentOf(window);
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseFiles({ title, filters, window }) {
      const options = { title, filters, properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'> };
      const parent = parentOf(window);
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    async chooseSavePath({ suggestedName, filters, window }) {
      const options = { defaultPath: suggestedName, filters };
      const parent = parentOf(window);
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    reveal(absPath) {
      shell.showItemInFolder(absPath);
    },
    startDrag(window, files, icon) {
      const contents = window as WebContents;
      // macOS throws on an empty icon; the core always sends the item's thumbnail as a small PNG.
      const image = nativeImage.createFromBuffer(Buffer.from(icon));
      const [first, ...rest] = files;
      if (first === undefined) return;
      contents.startDrag(rest.length ? { file: first, files, icon: image } : { file: first, icon: image });
    },
    async copyImage(image) {
      // Electron 45's clipboard follows the W3C API (`writeImage` is gone): a PNG blob in a ClipboardItem.
      const png = 'path' in image ? nativeImage.createFromPath(image.path).toPNG() : image.png;
      if (png.byteLength === 0) throw new Error('clipboard: image could not be decoded');
      await clipboard.write([new ClipboardItem({ 'image/png': new Blob([new Uint8Array(png)], { type: 'image/png' }) })]);
    },
  };
}
