import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ProviderId } from '@contract';
import { invoke } from '../../lib/api';
import { keyedProviders, needsKeyFor } from '../../stores/settings-slice';
import { useStudio } from '../../stores/store';
import { setDemoMode } from '../settings/commands';
import { KeyForm } from '../settings/KeyForm';

/**
 * Where a paid form would be when there is no key (and demo mode is off): a short panel that says why, with
 * "Add your API key" (the key form, right here) and "Try demo mode". Everything that needs no key — the library,
 * search, export, settings — stays open; only the forms that spend money wait for a key. A keychain that cannot
 * be read (locked) says so and offers to try again. The gate is per form: it opens as soon as any of the providers
 * the form offers has a key (the form then says inline when the chosen one has none; main refuses it anyway).
 */
export function KeyGate({ what, providers, children }: { what: string; providers: readonly ProviderId[]; children: ReactNode }) {
  const gated = useKeyGated(providers);
  if (!gated) return <>{children}</>;
  return <KeyNeededPanel what={what} />;
}

/** Whether a form offering these providers waits behind the gate (none has a key, demo mode off). */
export const useKeyGated = (providers: readonly ProviderId[]): boolean => useStudio((s) => needsKeyFor(s, providers));

/**
 * A form that opens on a provider without a key while another provider it offers has one (say, only a Stability key
 * is set) moves to the first provider that has. Only when the keys change, never on the user's own choice: picking a
 * provider without a key stays picked and says so inline.
 */
export function useKeyedChoice(current: ProviderId, providers: readonly ProviderId[], choose: (provider: ProviderId) => void): void {
  const keyed = useStudio((s) => (s.settingsView?.settings.demoMode ? '' : keyedProviders(s, providers).join(' ')));
  const latest = useRef({ current, choose });
  useEffect(() => {
    latest.current = { current, choose };
  });
  useEffect(() => {
    const withKey = keyed ? (keyed.split(' ') as ProviderId[]) : [];
    const first = withKey[0];
    if (first && !withKey.includes(latest.current.current)) latest.current.choose(first);
  }, [keyed]);
}

async function retryKeychain(): Promise<void> {
  try {
    useStudio.getState().setKeyStatus(await invoke('key:status', {}));
  } catch (err) {
    useStudio.getState().pushNotice('error', err instanceof Error ? err.message : String(err));
  }
}

function KeyNeededPanel({ what }: { what: string }) {
  const status = useStudio((s) => s.keyStatus);
  const [adding, setAdding] = useState(false);
  const [retrying, setRetrying] = useState(false);
  const locked = status?.state === 'keychain-unavailable';
  const demo = (
    <button type="button" onClick={() => void setDemoMode(true)}>
      Try demo mode
    </button>
  );

  if (locked) {
    return (
      <section className="key-needed" role="region" aria-labelledby="key-needed-title">
        <h2 id="key-needed-title">Your keychain is locked</h2>
        <p>Imagine Studio keeps your API key in the system keychain, and it could not be read.</p>
        <p>{status?.message}</p>
        <p className="hint">Your library, search and export work meanwhile.</p>
        <div className="button-row">
          <button
            type="button"
            className="primary"
            disabled={retrying}
            onClick={() => {
              setRetrying(true);
              void retryKeychain().finally(() => setRetrying(false));
            }}
          >
            {retrying ? 'Trying…' : 'Try again'}
          </button>
          {demo}
        </div>
      </section>
    );
  }
  return (
    <section className="key-needed" role="region" aria-labelledby="key-needed-title">
      <h2 id="key-needed-title">An API key is needed to {what}</h2>
      <p>
        Results are made by xAI’s Grok Imagine with your own key. Your library, search, export and settings work without
        one. Or look around in demo mode: simulated results, no key, no cost.
      </p>
      {adding && <KeyForm submitLabel="Check and save" autoFocus />}
      <div className="button-row">
        {!adding && (
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            Add your API key
          </button>
        )}
        {demo}
      </div>
      <p className="hint">
        No key yet? Create one at{' '}
        <a href="https://console.x.ai" target="_blank" rel="noreferrer">
          console.x.ai
        </a>
        .
      </p>
    </section>
  );
}
