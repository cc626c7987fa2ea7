import { startLibraryMaintenance } from './features/library/maintenance-commands';
import { onImportProgress } from './features/library/import-commands';
import { onLibraryChanged } from './features/library/query-commands';
import { rehydrateSettings } from './features/settings/rehydrate';
import { startGenerate } from './features/generate/commands';
import { hasBridge, invoke, subscribe } from './lib/api';
import { useStudio } from './stores/store';
import { startVideo } from './features/video/commands';
import { startDeepLinks } from './features/shell/deep-links';
import { startUpdates } from './features/updates/updates';
import { startCapabilities } from './features/controls/commands';
import { startImageOps } from './features/image-ops/commands';

/**
 * Runs once at start: subscribes to main's events (routed into slice setters) and rehydrates state from main,
 * so work that kept running in main shows up after a reload. Marks the document ready for tests.
 */
export async function bootstrap(): Promise<void> {
  const store = useStudio.getState();
  try {
    if (!hasBridge()) throw new Error('Imagine Studio could not reach its main process.');
    subscribe('app:notice', ({ level, message }) => useStudio.getState().pushNotice(level, message));
    subscribe('library:changed', onLibraryChanged);
    subscribe('share:changed', () => useStudio.getState().patchLibrary({ shareVersion: useStudio.getState().library.shareVersion + 1 }));
    subscribe('library:import', onImportProgress);
    startImageOps();
    // Side by side, not one after another: each is a round trip to main, which may be busy at start (issue 16).
    // Settings come first for the rest (the generate form follows them); each start subscribes before it asks.
    await Promise.all([invoke('app:info', {}).then((info) => store.setInfo(info)), rehydrateSettings()]);
    await Promise.all([startCapabilities(), startGenerate(), startVideo(), startUpdates(), startLibraryMaintenance()]);
    store.setStatus('ready');
    // After ready: a link that launched the app acts on the screens it opens, so they must be there.
    await startDeepLinks().catch((err: unknown) =>
      useStudio.getState().pushNotice('warning', `Links from other apps cannot be opened right now: ${err instanceof Error ? err.message : String(err)}`),
    );
  } catch (err) {
    store.setStatus('failed', err instanceof Error ? err.message : String(err));
  } finally {
    document.documentElement.dataset.appState = useStudio.getState().status;
  }
}
