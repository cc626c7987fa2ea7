import { useId, useState, type FormEvent } from 'react';
import { KEY_PROVIDERS, type KeySetResult, type ProviderId } from '@contract';
import { saveKey } from './commands';

/** What each provider's keys look like. */
const PLACEHOLDERS: Record<ProviderId, string> = { xai: 'xai-…', stability: 'sk-…', minimax: 'eyJ… or sk-…' };

/**
 * Paste → validate → store. The field is a password input that is cleared as soon as the key is sent, so the key
 * stays in the DOM only while the user types it. Errors are tied to the field with aria-describedby.
 */
export function KeyForm(props: { provider?: ProviderId; submitLabel?: string; onStored?: (result: KeySetResult) => void; onError?: (message: string | null) => void; autoFocus?: boolean }) {
  const provider = props.provider ?? 'xai';
  const { label } = KEY_PROVIDERS[provider];
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setErrorState] = useState<string | null>(null);
  const { onError } = props;
  const setError = (message: string | null) => {
    setErrorState(message);
    onError?.(message);
  };
  const [info, setInfo] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();
  const helpId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const key = value.trim();
    if (!key) {
      setError('Paste your API key.');
      return;
    }
    setBusy(true);
    setError(null);
    setInfo(null);
    setValue('');
    const result = await saveKey(key, provider);
    setBusy(false);
    if ('error' in result) setError(result.error);
    else if (!result.stored) setError(result.message);
    else {
      setInfo(result.message);
      props.onStored?.(result);
    }
  }

  return (
    <form className="key-form" onSubmit={submit} aria-busy={busy}>
      <label htmlFor={inputId}>{label} API key</label>
      <div className="key-row">
        <input
          id={inputId}
          type="password"
          autoComplete="off"
          autoFocus={props.autoFocus}
          spellCheck={false}
          placeholder={PLACEHOLDERS[provider]}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${helpId}${error ? ` ${errorId}` : ''}`}
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
          disabled={busy}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Checking…' : (props.submitLabel ?? 'Save key')}
        </button>
      </div>
      <p id={helpId} className="hint">
        Kept in your system keychain, never in a file. We check it with {label} before saving.
      </p>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
      {info && (
        <p className="field-ok" role="status">
          {info}
        </p>
      )}
    </form>
  );
}
