/** Loads the capability table in effect from main and follows its changes (called once at bootstrap). */
import { invoke, subscribe } from '../../lib/api';
import { useStudio } from '../../stores/store';

export async function startCapabilities(): Promise<void> {
  subscribe('models:changed', (view) => useStudio.getState().setCapabilities(view));
  try {
    useStudio.getState().setCapabilities(await invoke('models:capabilities', {}));
  } catch {
    // The built-in table stays in effect (and the pickers say their prices are the built-in ones).
  }
}
