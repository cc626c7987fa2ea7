import { useEffect, useState } from 'react';
import { KEY_PROVIDERS, type ProviderId } from '@contract';
import { keyOf } from '../../stores/settings-slice';
import { useStudio } from '../../stores/store';
import { KeyForm } from '../settings/KeyForm';
import { loadProviderKeys } from '../settings/commands';

/**
 * Under the Provider choice: when the chosen provider has no key in main and demo mode is off, says so inline with
 * "Add your API key" (the key form for that provider, right here). With no key for any provider the page's KeyGate
 * shows instead. Main refuses the submit on its own too; this only says it before the click.
 */
export function ProviderKeyNote({ provider }: { provider: ProviderId }) {
  const status = useStudio((s) => keyOf(s, provider));
  const demo = useStudio((s) => s.settingsView?.settings.demoMode ?? false);
  // The form is open for one provider: choosing another closes it.
  const [addingFor, setAddingFor] = useState<ProviderId | null>(null);
  const adding = addingFor === provider;
  const setAdding = (on: boolean) => setAddingFor(on ? provider : null);
  useEffect(() => {
    if (provider !== 'xai') void loadProviderKeys([provider]);
  }, [provider]);
  if (demo || !status || status.configured) return null;
  const { label, consoleUrl, consoleName } = KEY_PROVIDERS[provider];
  return (
    <div className="provider-key-note" role="region" aria-label={`${label} key needed`}>
      <p role="status">No {label} API key yet: using {label} needs your own key for it.</p>
      {adding ? (
        <KeyForm provider={provider} submitLabel="Check and save" autoFocus onStored={() => setAdding(false)} />
      ) : (
        <button type="button" className="primary" onClick={() => setAdding(true)}>Add your API key</button>
      )}
      <small className="field-note">
        No key yet? Create one at <a href={consoleUrl} target="_blank" rel="noreferrer">{consoleName}</a>.
      </small>
    </div>
  );
}
