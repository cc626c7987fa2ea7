import { invoke, subscribe } from '../../lib/api';
import { needsOnboarding } from '../../stores/settings-slice';
import { useStudio } from '../../stores/store';

/**
 * Bootstrap's settings half: follow `settings:changed` and `key:changed`, load both once, show a repair notice
 * from this launch, and open onboarding on a first run (no key, demo off).
 */
export async function rehydrateSettings(): Promise<void> {
  subscribe('settings:changed', (view) => useStudio.getState().setSettingsView(view));
  subscribe('key:changed', (status) => useStudio.getState().setKeyStatus(status));
  const [view, key] = await Promise.all([invoke('settings:get', {}), invoke('key:status', {})]);
  const store = useStudio.getState();
  store.setSettingsView(view);
  store.setKeyStatus(key);
  if (view.loadNotice) store.pushNotice('warning', view.loadNotice);
  store.setOnboardingOpen(needsOnboarding(view, key));
}
