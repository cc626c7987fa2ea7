/**
 * The library's background passes as the renderer sees them: the start-up check and "Rebuild library". Main sends
 * `library:maintenance` progress; after a reload the current state is asked for once.
 */
import type { LibraryMaintenance } from '@contract';
import { invoke, subscribe } from '../../lib/api';
import { useStudio } from '../../stores/store';
import { errorText } from './query-commands';

const setStatus = (maintenance: LibraryMaintenance | null) => useStudio.getState().patchLibrary({ maintenance });

/** Follows progress events and loads the state of a pass that started before this page did. */
export async function startLibraryMaintenance(): Promise<void> {
  subscribe('library:maintenance', setStatus);
  const { status } = await invoke('library:maintenance', {});
  // An event may have arrived while asking; keep the newer one.
  if (status && !useStudio.getState().library.maintenance) setStatus(status);
}

/** Rebuilds the index from the library's files; the grid keeps working, the Settings card shows progress. */
export async function rebuildLibrary(): Promise<void> {
  try {
    await invoke('library:rebuild', {});
  } catch (err) {
    useStudio.getState().pushNotice('error', `The library could not be rebuilt: ${errorText(err)}`);
  }
}

/** "45 %", "3,100 items/s" and the like, for a running pass. */
export function describeProgress(m: LibraryMaintenance): { percent: number; rate: number | null } {
  const percent = Math.round(m.progress * 100);
  const rate = m.elapsedMs >= 1000 ? Math.round((m.items * 1000) / m.elapsedMs) : null;
  return { percent, rate };
}
