/** Who made an IPC call, reduced to what the guard needs; each shell maps its own sender onto this. */
export interface SenderInfo {
  /** The calling frame's origin (`file://`, `app://bundle`, `http://127.0.0.1:1234`...). */
  origin: string;
  /** Only the top-level frame may call; sub-frames (iframes) are refused. */
  isMainFrame: boolean;
  /**
   * The calling window, opaque to everything but the shell that set it (Electron's `webContents`): OS drags and
   * dialog parents need it. The browser host has none.
   */
  window?: unknown;
}

/**
 * Accepts a sender only when it is the app's own main frame. Types alone do not stop a compromised or foreign
 * page: VS Code's validatedIpcMain does the same check for the same reason.
 */
export function createSenderGuard(allowedOrigins: readonly string[]) {
  // Read at call time: the browser host learns its own origin only after it has started listening.
  return (sender: SenderInfo): string | null => {
    if (!sender.isMainFrame) return 'Calls from embedded frames are not allowed.';
    if (!allowedOrigins.includes(sender.origin)) return `Calls from ${sender.origin || 'an unknown origin'} are not allowed.`;
    return null;
  };
}
