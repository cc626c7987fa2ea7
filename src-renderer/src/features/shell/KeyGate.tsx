import { useState, type ReactNode } from 'react';
import { invoke } from '../../lib/api';
import { needsKey } from '../../stores/settings-slice';
import { useStudio } from '../../stores/store';
import { setDemoMode } from '../settings/commands';
import { KeyForm } from '../settings/KeyForm';

/**
 * Where a paid form would be when there is no key (and demo mode is off): a short panel that says why, with
 * "Add your API key" (the key form, right here) and "Try demo mode". Everything that needs no key — the library,
 * search, export, settings — stays open; only the forms that spend money wait for a key. A keychain that cannot
 * be read (locked) says so and offers to try again.
 */
export function KeyGate({ what, children }: { what: string; children: ReactNode }) {
  const gated = useStudio((s) => (s.settingsView && s.keyStatus ? needsKey(s.settingsView, s.keyStatus) : false));
  if (!gated) return <>{children}</>;
  return <KeyNeededPanel what={what} />;
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
