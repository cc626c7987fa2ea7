/**
 * The desktop app's updates through electron-updater: the feed comes from `build.publish` in package.json (written
 * into the installed app as app-update.yml). Downloads in the background, then the window offers "Restart to
 * update" (it also installs when the user quits). Checks at start and every few hours unless the user turned
 * automatic checks off; "Check for Updates…" in the menu and About asks at any time.
 */
import type { AppUpdater, ProgressInfo, UpdateInfo } from 'electron-updater';
import type { UpdateStatus } from '@contract';
import type { Clock, Logger } from '../../core/ports';
import type { Updater } from '../../core/updates/updater';

export const DEV_BUILD_UPDATES = 'This is a development run: updates are checked only in the installed desktop app.';
const FIRST_CHECK_MS = 15_000;
const CHECK_EVERY_MS = 6 * 60 * 60 * 1000;

/** A sentence for what went wrong; the raw error goes to the log. */
export function explainUpdateError(err: unknown): string {
  const text = err instanceof Error ? `${(err as { code?: string }).code ?? ''} ${err.message}` : String(err);
  if (/sha512 checksum mismatch|checksum/i.test(text)) return 'The downloaded update was damaged (its checksum did not match) and was discarded. Try again later.';
  if (/ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ERR_INTERNET|ERR_NAME_NOT_RESOLVED|ERR_CONNECTION|net::/i.test(text)) return 'The update server could not be reached (offline?). Try again later.';
  if (/\b404\b|Cannot find latest|cannot find channel/i.test(text)) return 'The update server has no release information for this app yet.';
  return 'Checking for updates failed. Details are in the log.';
}

export interface ElectronUpdaterOptions {
  updater: AppUpdater;
  /** Installed builds only: a development run has no app-update.yml and nothing to replace. */
  isPackaged: boolean;
  currentVersion: string;
  emit(status: UpdateStatus): void;
  clock: Clock;
  logger: Logger;
}

export function createElectronUpdater(options: ElectronUpdaterOptions): Updater & {
  startAutoChecks(enabled: () => boolean | Promise<boolean>, timers?: { setTimeout: typeof setTimeout; setInterval: typeof setInterval; clearTimeout: typeof clearTimeout; clearInterval: typeof clearInterval }): void;
  dispose(): void;
} {
  const { updater, logger, clock } = options;
  let status: UpdateStatus = options.isPackaged ? { state: 'idle' } : { state: 'unavailable', reason: DEV_BUILD_UPDATES };
  let manual = false;
  let inFlight: Promise<unknown> | null = null;
  const set = (next: UpdateStatus) => {
    status = next;
    options.emit(next);
  };

  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.logger = { info: (m: unknown) => logger.info('updates: ' + String(m)), warn: (m: unknown) => logger.warn('updates: ' + String(m)), error: (m: unknown) => logger.error('updates: ' + String(m)), debug: () => {} };

  const listeners = {
    'checking-for-update': () => set({ state: 'checking', manual }),
    'update-available': (info: UpdateInfo) => set({ state: 'downloading', version: info.version, percent: 0, manual }),
    'download-progress': (p: ProgressInfo) => {
      if (status.state === 'downloading') set({ ...status, percent: Math.min(100, Math.max(0, p.percent)) });
    },
    'update-not-available': () => set({ state: 'up-to-date', version: options.currentVersion, checkedAt: clock.now(), manual }),
    'update-downloaded': (info: UpdateInfo) => set({ state: 'ready', version: info.version }),
    error: (err: Error) => {
      logger.error('updates: failed', { error: String(err?.stack ?? err) });
      set({ state: 'error', message: explainUpdateError(err), checkedAt: clock.now(), manual });
    },
  } as const;
  for (const [event, fn] of Object.entries(listeners)) updater.on(event as 'error', fn as never);

  async function check(asked: boolean): Promise<UpdateStatus> {
    // Nothing to check in a development run; a found update is downloading or ready already.
    if (status.state === 'unavailable' || status.state === 'ready' || status.state === 'downloading') return status;
    if (inFlight) {
      manual ||= asked;
      await inFlight.catch(() => {});
      return status;
    }
    manual = asked;
    inFlight = (async () => {
      const result = await updater.checkForUpdates();
      // The download continues in the background; its outcome arrives as 'update-downloaded' or 'error'.
      void result?.downloadPromise?.catch(() => {});
    })();
    try {
      await inFlight;
    } catch {
      // 'error' has already set the status (electron-updater emits it, then rejects).
      if (status.state === 'checking') set({ state: 'error', message: 'Checking for updates failed. Details are in the log.', checkedAt: clock.now(), manual });
    } finally {
      inFlight = null;
    }
    return status;
  }

  let timers: { clear(): void } | null = null;
  return {
    status: () => status,
    check,
    install() {
      if (status.state !== 'ready') throw new Error('No update is ready to install yet.');
      logger.info('updates: restarting to install', { version: status.version });
      // After the answer has gone back to the window: quitAndInstall closes every window at once.
      setImmediate(() => updater.quitAndInstall(false, true));
    },
    startAutoChecks(enabled, t = { setTimeout, setInterval, clearTimeout, clearInterval }) {
      if (status.state === 'unavailable') return;
      // The setting is read at each tick, so turning it off stops the next check.
      const tick = () => void Promise.resolve(enabled()).then((on) => (on ? check(false) : undefined)).catch(() => {});
      const first = t.setTimeout(tick, FIRST_CHECK_MS);
      const every = t.setInterval(tick, CHECK_EVERY_MS);
      timers = { clear: () => (t.clearTimeout(first), t.clearInterval(every)) };
    },
    dispose() {
      timers?.clear();
      for (const [event, fn] of Object.entries(listeners)) updater.removeListener(event as 'error', fn as never);
    },
  };
}
