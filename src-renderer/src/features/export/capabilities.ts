/**
 * What the shell can do natively (`desktop:capabilities`), asked once per page. Until the answer arrives every
 * native action counts as unavailable, so the UI never offers something that would fail.
 */
import type { DesktopCapabilities } from '@contract';
import { useEffect, useSyncExternalStore } from 'react';
import { invoke } from '../../lib/api';

export const NO_CAPABILITIES: DesktopCapabilities = { dialogs: false, reveal: false, nativeDrag: false, nativeClipboard: false };

let current: DesktopCapabilities = NO_CAPABILITIES;
let loading: Promise<DesktopCapabilities> | null = null;
const listeners = new Set<() => void>();

/** Asks main once; later calls share the answer. A failure leaves everything non-native (the browser host's set). */
export function loadCapabilities(): Promise<DesktopCapabilities> {
  loading ??= invoke('desktop:capabilities', {}).then(
    (caps) => {
      current = caps;
      for (const l of listeners) l();
      return caps;
    },
    () => NO_CAPABILITIES,
  );
  return loading;
}

/** The answer so far, for commands (they run after the UI that offered them has loaded it). */
export function capabilities(): DesktopCapabilities {
  return current;
}

/** The shell's capabilities, re-rendering when they arrive. */
export function useCapabilities(): DesktopCapabilities {
  useEffect(() => void loadCapabilities(), []);
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

/** Forgets the answer (tests switch between shells). */
export function resetCapabilities(): void {
  current = NO_CAPABILITIES;
  loading = null;
}
