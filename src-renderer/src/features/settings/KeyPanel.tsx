import { useState } from 'react';
import { KEY_PROVIDERS, type ProviderId } from '@contract';
import { useStudio } from '../../stores/store';
import { recheckKey, removeKey } from './commands';
import { KeyForm } from './KeyForm';
import { KeyStateText } from './KeyStateText';

/**
 * Settings → one provider's API key: state, masked hint, replace, remove, check again. An environment key is
 * read-only. Each provider has its own keychain account, status and check (issue 18 §5).
 */
export function KeyPanel({ provider = 'xai' }: { provider?: ProviderId }) {
  const status = useStudio((s) => (provider === 'xai' ? s.keyStatus : (s.providerKeys[provider] ?? null)));
  const [replacing, setReplacing] = useState(false);
  if (!status) return null;
  const info = KEY_PROVIDERS[provider];
  const fromEnv = status.source === 'environment';
  const headingId = `key-heading-${provider}`;
  return (
    <section className="settings-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{info.label} key</h2>
      <KeyStateText status={status} />
      {fromEnv ? (
        <p className="hint">This key comes from the {info.envVar} environment variable and is read-only here.</p>
      ) : status.configured && !replacing ? (
        <div className="button-row">
          <button type="button" onClick={() => setReplacing(true)}>Replace key</button>
          <button type="button" onClick={() => void removeKey(provider)}>Remove key</button>
        </div>
      ) : (
        <KeyForm provider={provider} submitLabel={status.configured ? 'Save new key' : 'Save key'} onStored={() => setReplacing(false)} />
      )}
      {status.configured && (
        <div className="button-row">
          <button type="button" onClick={() => void recheckKey(provider)} disabled={status.state === 'checking'}>
            Check key again
          </button>
        </div>
      )}
      <p className="hint">
        No key yet? Create one at{' '}
        <a href={info.consoleUrl} target="_blank" rel="noreferrer">
          {info.consoleName}
        </a>
        .
      </p>
    </section>
  );
}
