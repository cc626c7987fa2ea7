import type { DesktopCapabilities } from '@contract';

/** File-type filters for open/save dialogs (`extensions` without dots). */
export interface DialogFilter {
  name: string;
  extensions: string[];
}

/**
 * What a desktop shell can do for the user outside the window: native dialogs, the file manager, OS drag and the
 * clipboard. Electron passes one through `CoreOptions.desktop`; the browser host passes `null` (it has none of
 * these, and the renderer hides the actions). Paths here are absolute; they come from dialogs or the library.
 */
export interface DesktopIntegration {
  readonly capabilities: DesktopCapabilities;
  /** A folder picker; null when cancelled. `window` is the caller's opaque window handle (the dialog's parent). */
  chooseFolder(options: { title: string; window?: unknown }): Promise<string | null>;
  /** A multi-file open dialog; empty when cancelled. */
  chooseFiles(options: { title: string; filters: DialogFilter[]; window?: unknown }): Promise<string[]>;
  /** A save dialog (the OS asks about overwriting); null when cancelled. */
  chooseSavePath(options: { suggestedName: string; filters: DialogFilter[]; window?: unknown }): Promise<string | null>;
  /** Shows a file selected in the OS file manager. */
  reveal(absPath: string): void;
  /** Starts an OS drag of files from the calling window; `icon` is a small PNG. */
  startDrag(window: unknown, files: string[], icon: Uint8Array): void;
  /** Puts an image on the clipboard: a PNG or JPEG file by path, or PNG bytes. */
  copyImage(image: { path: string } | { png: Uint8Array }): Promise<void>;
}

/** The browser host's answer: nothing native. */
export const NO_DESKTOP: DesktopCapabilities = { dialogs: false, reveal: false, nativeDrag: false, nativeClipboard: false };
