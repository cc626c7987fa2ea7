import type { UpdateStatus } from '@contract';
import { fail } from '../../core/app-error';
import type { Updater } from '../../core/updates/updater';
import type { Handlers } from '../../ipc/handlers';

/** The updates:* channels over the shell's updater; without one (browser host) they say where updates come from. */
export function createUpdatesHandlers(updater: Updater | null, unavailableReason: string): Pick<Handlers, 'updates:status' | 'updates:check' | 'updates:install'> {
  const unavailable: UpdateStatus = { state: 'unavailable', reason: unavailableReason };
  return {
    'updates:status': () => updater?.status() ?? unavailable,
    'updates:check': async () => (updater ? updater.check(true) : unavailable),
    'updates:install': () => {
      if (!updater) fail({ kind: 'validation', message: unavailableReason, issues: [] });
      if (updater.status().state !== 'ready') fail({ kind: 'validation', message: 'No update is ready to install yet.', issues: [] });
      updater.install();
      return { restarting: true as const };
    },
  };
}
