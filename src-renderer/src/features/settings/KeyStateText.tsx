import { KEY_PROVIDERS, type KeyStatus } from '@contract';

const LABELS: Record<KeyStatus['state'], string> = {
  'not-set': 'No key',
  checking: 'Checking…',
  valid: 'Working',
  invalid: 'Rejected',
  'no-credits': 'No credits',
  offline: 'Not checked (offline)',
  'keychain-unavailable': 'Keychain unavailable',
};

const SOURCES: Record<KeyStatus['source'], string> = {
  keychain: 'system keychain',
  'safe-storage': 'encrypted file (no keychain available)',
  environment: 'environment variable',
  memory: 'memory only (test mode)',
  none: '—',
};

/** The key's state as a labelled badge plus its message. */
export function KeyStateText({ status }: { status: KeyStatus }) {
  return (
    <dl className="key-status">
      <dt>Status</dt>
      <dd>
        <span className={`state-badge state-${status.state}`}>
          {status.state === 'invalid' ? `Rejected by ${KEY_PROVIDERS[status.provider].label}` : LABELS[status.state]}
        </span>
      </dd>
      {status.configured && (
        <>
          <dt>Key</dt>
          <dd>
            <code aria-label="Masked key">{status.hint ?? '••••'}</code>
          </dd>
          {/* An environment key is not stored by us: it is read from the variable each launch. */}
          <dt>{status.source === 'environment' ? 'Read from' : 'Stored in'}</dt>
          <dd>{status.source === 'environment' ? `${KEY_PROVIDERS[status.provider].envVar} environment variable` : SOURCES[status.source]}</dd>
        </>
      )}
      <dt className="sr-only">Details</dt>
      <dd className="key-message">{status.message}</dd>
    </dl>
  );
}
