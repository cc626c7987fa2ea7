/**
 * Updates as the window sees them: main's updater status, notices for checks the user asked for, and the
 * "Restart to update" prompt once an update is downloaded (never in the way: the user can keep working, and an
 * update left waiting installs when the app quits).
 */
import type { UpdateStatus } from '@contract';
import { invoke, subscribe } from '../../lib/api';
import { useStudio } from '../../stores/store';

/** The status in words, for the About panel. */
export function describeUpdate(status: UpdateStatus, currentVersion: string): string {
  switch (status.state) {
    case 'unavailable':
      return status.reason;
    case 'idle':
      return `Version ${currentVersion}. Not checked yet this session.`;
    case 'checking':
      return 'Checking for updates…';
    case 'up-to-date':
      return `Version ${status.version} is the newest. Checked ${new Date(status.checkedAt).toLocaleTimeString()}.`;
    case 'downloading':
      return `Downloading version ${status.version}… ${Math.round(status.percent)}%`;
    case 'ready':
      return `Version ${status.version} is downloaded and installs when you restart (or when you next quit).`;
    case 'error':
      return status.message;
  }
}

function onStatus(status: UpdateStatus): void {
  const s = useStudio.getState();
  const previous = s.updateStatus;
  s.setUpdateStatus(status);
  if (status.state === 'ready' && previous?.state !== 'ready') s.setUpdatePromptOpen(true);
  if (!('manual' in status) || !status.manual) return;
  // Only the outcome of a check the user asked for (menu or About) is worth a notice.
  if (status.state === 'up-to-date') s.pushNotice('info', `Imagine Studio ${status.version} is up to date.`);
  if (status.state === 'error') s.pushNotice('error', status.message);
  if (status.state === 'downloading' && previous?.state !== 'downloading') {
    s.pushNotice('info', `Imagine Studio ${status.version} is available; downloading it in the background.`);
  }
}

export async function startUpdates(): Promise<void> {
  subscribe('updates:status', onStatus);
  const status = await invoke('updates:status', {});
  useStudio.getState().setUpdateStatus(status);
  if (status.state === 'ready') useStudio.getState().setUpdatePromptOpen(true);
}

export async function checkForUpdates(): Promise<void> {
  const status = await invoke('updates:check', {});
  useStudio.getState().setUpdateStatus(status);
}

export async function restartToUpdate(): Promise<void> {
  try {
    await invoke('updates:install', {});
  } catch (err) {
    useStudio.getState().pushNotice('error', `Could not restart to update: ${err instanceof Error ? err.message : String(err)}`);
  }
}
