/**
 * Side-effecting settings and key commands: call main through lib/api, then put what main answered into the store.
 * The pasted key goes to main once (key:set) and is never kept in renderer state.
 */
import { Settings, type KeySetResult, type ProviderId, type SettingsPatch } from '@contract';
import { ApiError, invoke } from '../../lib/api';
import { useStudio } from '../../stores/store';

/** Field → message, from a failed update. */
export type FieldErrors = Partial<Record<keyof Settings, string>>;

/** Checks one field as the user types, with the same schema main applies. */
export function validateField<K extends keyof Settings>(field: K, value: unknown): string | null {
  const parsed = Settings.shape[field].safeParse(value);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Not valid.');
}

export async function updateSettings(patch: SettingsPatch): Promise<FieldErrors | null> {
  try {
    useStudio.getState().setSettingsView(await invoke('settings:update', patch));
    return null;
  } catch (err) {
    if (err instanceof ApiError && err.error.kind === 'validation') {
      const out: FieldErrors = {};
      for (const issue of err.error.issues) out[(issue.path || Object.keys(patch)[0]) as keyof Settings] = issue.message;
      return Object.keys(out).length ? out : { [Object.keys(patch)[0] as keyof Settings]: err.error.message };
    }
    useStudio.getState().pushNotice('error', err instanceof Error ? err.message : String(err));
    return null;
  }
}

/**
 * "Choose folder…": main shows its native folder dialog and hands back a one-use grant, which goes straight back
 * to main; the page never names a path. `reset` goes back to the default folder. Answers main's refusal, if any.
 */
export async function chooseLibraryFolder(reset = false): Promise<string | null> {
  try {
    let folder: string | null = null;
    if (!reset) {
      const chosen = await invoke('desktop:choose-folder', { title: 'Choose a library folder', purpose: 'library' });
      if (!chosen.folder) return null;
      folder = chosen.folder.token;
    }
    useStudio.getState().setSettingsView(await invoke('settings:library-folder', { folder }));
    return null;
  } catch (err) {
    if (err instanceof ApiError) return err.error.message;
    return err instanceof Error ? err.message : String(err);
  }
}

/** One click between demo and real. */
export function setDemoMode(on: boolean) {
  return updateSettings({ demoMode: on });
}

/** Sends the pasted key to main for validation and storage; returns what happened (no key inside). */
export async function saveKey(key: string, provider: ProviderId = 'xai'): Promise<KeySetResult | { error: string }> {
  try {
    const result = await invoke('key:set', provider === 'xai' ? { key } : { provider, key });
    useStudio.getState().setKeyStatus(result.status);
    return result;
  } catch (err) {
    if (err instanceof ApiError && err.error.kind === 'validation') {
      return { error: err.error.issues[0]?.message ?? err.error.message };
    }
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

const target = (provider: ProviderId) => (provider === 'xai' ? {} : { provider });

export async function removeKey(provider: ProviderId = 'xai') {
  useStudio.getState().setKeyStatus(await invoke('key:remove', target(provider)));
}

export async function recheckKey(provider: ProviderId = 'xai') {
  useStudio.getState().setKeyStatus(await invoke('key:validate', target(provider)));
}

/** Loads the other providers' key statuses (xAI's comes with bootstrap); a provider main does not know is skipped. */
export async function loadProviderKeys(providers: readonly ProviderId[]) {
  await Promise.all(providers.filter((p) => p !== 'xai').map(async (provider) => {
    try {
      const status = await invoke('key:status', { provider });
      // An older main answers every key:status with xAI's key: never let that replace xAI's status.
      if (status.provider === provider) useStudio.getState().setKeyStatus(status);
    } catch {
      // Shown as "no status" in Settings; the log in main has the cause.
    }
  }));
}
