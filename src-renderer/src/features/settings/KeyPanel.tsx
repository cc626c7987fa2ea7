import { useState } from 'react';
import { useStudio } from '../../stores/store';
import { recheckKey, removeKey } from './commands';
import { KeyForm } from './KeyForm';
import { KeyStateText } from './KeyStateText';

/** Settings → API key: state, masked hint, replace, remove, check again. An environment key is read-only. */
export function KeyPanel() {
  const status = useStudio((s) => s.keyStatus);
  const [replacing, setReplacing] = useState(false);
  if (!status) return null;
  const fromEnv = status.source === 'environment';
  return (
    <section className="settings-card" aria-labelledby="key-heading">
      <h2 id="key-heading">API key</h2>
      <KeyStateText status={status} />
      {fromEnv ? (
        <p className="hint">This key comes from the XAI_API_KEY environment variable and is read-only here.</p>
      ) : status.configured && !replacing ? (
        <div className="button-row">
          <button type="button" onClick={() => setReplacing(true)}>Replace key</button>
          <button type="button" onClick={() => void removeKey()}>Remove key</button>
        </div>
      ) : (
        <KeyForm submitLabel={status.configured ? 'Save new key' : 'Save key'} onStored={() => setReplacing(false)} />
      )}
      {status.configured && (
        <div className="button-row">
          <button type="button" onClick={() => void recheckKey()} disabled={status.state === 'checking'}>
            Check key again
          </button>
        </div>
      )}
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
