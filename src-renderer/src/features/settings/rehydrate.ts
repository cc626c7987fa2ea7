import { PROVIDER_IDS } from '@contract';
import { invoke, subscribe } from '../../lib/api';
import { loadProviderKeys } from './commands';
import { rememberedSection, wasWelcomed } from '../../stores/last-section';
import { needsKey, needsOnboarding } from '../../stores/settings-slice';
import { useStudio } from '../../stores/store';

/**
 * Bootstrap's settings half: follow `settings:changed` and `key:changed`, load both once, show a repair notice
 * from this launch, and decide where the app opens: the first-run welcome (no key, demo off, empty library, not
 * seen before), else where the user left off, else the Library when there is no key but there are items.
 */
export async function rehydrateSettings(): Promise<void> {
  subscribe('settings:changed', (view) => useStudio.getState().setSettingsView(view));
  subscribe('key:changed', (status) => useStudio.getState().setKeyStatus(status));
  const [view, key, library] = await Promise.all([
    invoke('settings:get', {}),
    invoke('key:status', {}),
    // Only the count matters; the library answers it from a kept total.
    invoke('library:query', { limit: 1 }).catch(() => ({ total: 0 })),
  ]);
  const store = useStudio.getState();
  store.setSettingsView(view);
  store.setKeyStatus(key);
  // The other providers' keys: waited for only without an xAI key, where they decide whether the app opens on the
  // welcome and whether the paid forms wait; otherwise loaded without holding up the first screen.
  const others = loadProviderKeys(PROVIDER_IDS);
  if (!key.configured) await others;
  const known = useStudio.getState().providerKeys;
  if (view.loadNotice) store.pushNotice('warning', view.loadNotice);
  const welcome = needsOnboarding(view, key, library.total, known) && !wasWelcomed();
  store.setOnboardingOpen(welcome);
  if (welcome) return;
  const start = rememberedSection() ?? (needsKey(view, key, known) && library.total > 0 ? 'library' : null);
  if (start) store.setSection(start);
}
