import type { UpdateStatus } from '@contract';

/** The app's updater as the core sees it; the Electron shell provides one (electron-updater), the browser host none. */
export interface Updater {
  status(): UpdateStatus;
  /** Checks now; `manual`: the user asked (the outcome is worth a notice). */
  check(manual: boolean): Promise<UpdateStatus>;
  /** Quits and installs the update that is ready; throws if none is. */
  install(): void;
}

export const BROWSER_HOST_UPDATES =
  'Updates come with the desktop app. This browser host runs from a copy of the source; to update it, run git pull, then npm ci && npm start.';
