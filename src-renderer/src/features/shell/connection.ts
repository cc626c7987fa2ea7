/**
 * The browser host's connection, as the shell sees it. The bridge (src-preload/browser-bridge.ts) writes
 * `data-bridge="connected|disconnected|signed-out"` on <html> (signed out: this tab has no session, e.g. the host
 * was restarted); the desktop app has no such attribute and is always connected.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { onLibraryChanged, loadCollections } from '../library/query-commands';
import { rehydrateJobs } from '../generate/commands';
import { invoke } from '../../lib/api';
import { useStudio } from '../../stores/store';

export type BridgeState = 'connected' | 'disconnected' | 'signed-out';

export function readBridgeState(root: HTMLElement = document.documentElement): BridgeState {
  const state = root.dataset.bridge;
  return state === 'disconnected' || state === 'signed-out' ? state : 'connected';
}

function subscribeBridge(listener: () => void): () => void {
  const observer = new MutationObserver(listener);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-bridge'] });
  return () => observer.disconnect();
}

export function useBridgeState(): BridgeState {
  return useSyncExternalStore(subscribeBridge, () => readBridgeState(), () => 'connected');
}

/**
 * Bootstrap's rehydration again, after the host came back: main may have finished jobs, videos and library
 * changes (or been restarted with other settings) while events could not reach this page.
 */
export async function rehydrateAfterReconnect(): Promise<void> {
  const s = useStudio.getState();
  const steps = await Promise.allSettled([
    invoke('app:info', {}).then((info) => useStudio.getState().setInfo(info)),
    Promise.all([invoke('settings:get', {}), invoke('key:status', {})]).then(([view, key]) => {
      const now = useStudio.getState();
      now.setSettingsView(view);
      now.setKeyStatus(key);
    }),
    rehydrateJobs(),
    invoke('video:list', {}).then(({ jobs }) => useStudio.getState().setVideoJobs(jobs)),
    Promise.resolve().then(() => {
      onLibraryChanged({ reason: 'reconciled' });
      if (s.library.status !== 'idle') return loadCollections();
    }),
  ]);
  const failed = steps.filter((r) => r.status === 'rejected').length;
  if (failed > 0) useStudio.getState().pushNotice('warning', 'Reconnected, but some of the app could not be refreshed. Reload the window if something looks out of date.');
}

/** Watches the connection and rehydrates once it is back after a loss. Answers the current state. */
export function useReconnect(rehydrate: () => Promise<void> = rehydrateAfterReconnect): BridgeState {
  const state = useBridgeState();
  const lost = useRef(false);
  useEffect(() => {
    if (state !== 'connected') lost.current = true;
    else if (lost.current) {
      lost.current = false;
      void rehydrate();
    }
  }, [state, rehydrate]);
  return state;
}
