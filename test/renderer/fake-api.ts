import { API_GLOBAL, SETTINGS_DEFAULTS, type KeyStatus, type SettingsView } from '@contract';

export const NO_KEY: KeyStatus = { provider: 'xai', configured: false, source: 'none', hint: null, state: 'not-set', message: 'No API key yet.' };
export const view = (patch: Partial<SettingsView['settings']> = {}): SettingsView => ({
  settings: { ...SETTINGS_DEFAULTS, ...patch },
  effective: { apiBaseUrl: 'https://api.x.ai/v1', apiBaseUrlOverridden: false, libraryDir: '/data/library', libraryDirOverridden: false, demo: patch.demoMode ?? false },
  loadNotice: null,
});

const listeners = new Map<string, Set<(payload: unknown) => void>>();

/** Sends an event to whatever subscribed through the fake window.api (as main's events arrive). */
export function emitFakeEvent(event: string, payload: unknown) {
  for (const listener of listeners.get(event) ?? []) listener(payload);
}

/** A window.api that answers from a table of handlers and records every call. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each fake handler takes its channel's input
export function installFakeApi(handlers: Record<string, (input: any) => unknown>) {
  const calls: { channel: string; input: unknown }[] = [];
  listeners.clear();
  (window as unknown as Record<string, unknown>)[API_GLOBAL] = {
    mediaBase: '/media/',
    on(event: string, listener: (payload: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(listener));
      return () => set.delete(listener);
    },
    async invoke(channel: string, input: unknown) {
      calls.push({ channel, input });
      const h = handlers[channel];
      if (!h) return { ok: false, error: { kind: 'internal', message: `no fake for ${channel}` } };
      try {
        return { ok: true, value: await h(input) };
      } catch (error) {
        return { ok: false, error };
      }
    },
  };
  return calls;
}
