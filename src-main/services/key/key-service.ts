import { KEY_PROVIDERS, type KeySetResult, type KeySource, type KeyState, type KeyStatus, type ProviderId } from '@contract';
import type { EventSink, Logger } from '../../core/ports';
import {
  SecretStoreUnavailableError, SecretUnreadableError, keyHint, type SecretStore,
} from '../../core/secrets/secret-store';
import type { KeyValidator } from './key-validator';

/** Ports and facts the key service needs. */
export interface KeyServiceDeps {
  /** Whose key (default xAI): picks the keychain account, the environment variable's name and the wording. */
  provider?: ProviderId;
  secrets: SecretStore;
  /** `XAI_API_KEY` (or the provider's variable) from the environment, honoured read-only; empty counts as unset. */
  envKey?: string | undefined;
  validator: KeyValidator;
  /** The real API base URL (never the demo simulator's): keys are checked where they will be used. */
  baseUrl: () => string;
  events: EventSink;
  logger: Logger;
}

type Active = { key: string; source: KeySource } | { key: null; source: 'none'; problem?: KeyState; message?: string };

const messages = (p: ProviderId): Record<KeyState, string> => {
  const { label, consoleName } = KEY_PROVIDERS[p];
  return {
    'not-set': `No ${p === 'xai' ? '' : `${label} `}API key yet. Paste one from ${consoleName}, or try demo mode.`,
    checking: `Checking the key with ${label}…`,
    valid: 'The key works.',
    invalid: `${label} did not accept this key.`,
    'no-credits': p === 'xai' ? 'The key is accepted, but the team has no credits.' : 'The key is accepted, but the account has no credits or balance.',
    offline: `Could not reach ${label} to check the key; it is saved and will be used.`,
    'keychain-unavailable': 'The system keychain is not available.',
  };
};

/**
 * Owns the API key: where it comes from, whether xAI accepts it, and the only door through which core code reads it
 * (`getApiKey`, for the HTTP client). Everything it returns or emits is a `KeyStatus`: hint and state, never the key.
 */
export function createKeyService(deps: KeyServiceDeps) {
  const provider = deps.provider ?? 'xai';
  const { account, envVar } = KEY_PROVIDERS[provider];
  const MESSAGES = messages(provider);
  const envKey = deps.envKey?.trim() ? deps.envKey.trim() : null;
  let cached: Active | null = null;
  let verdict: { state: KeyState; message: string } | null = null;
  /** Survives until the next successful set: why a stored key disappeared. */
  let stickyMessage: string | null = null;
  let generation = 0;

  async function active(): Promise<Active> {
    if (envKey) return { key: envKey, source: 'environment' };
    if (cached) return cached;
    try {
      const key = await deps.secrets.get(account);
      cached = key ? { key, source: deps.secrets.kind } : { key: null, source: 'none' };
    } catch (err) {
      if (err instanceof SecretUnreadableError) {
        stickyMessage = err.reason;
        cached = { key: null, source: 'none' };
      } else if (err instanceof SecretStoreUnavailableError) {
        // Not cached: the keychain may come back (unlocked) on the next call.
        return { key: null, source: 'none', problem: 'keychain-unavailable', message: err.reason };
      } else throw err;
    }
    return cached;
  }

  function toStatus(a: Active): KeyStatus {
    if (a.key === null) {
      const state = a.problem ?? 'not-set';
      return { provider, configured: false, source: 'none', hint: null, state, message: a.message ?? stickyMessage ?? MESSAGES[state] };
    }
    const state = verdict?.state ?? 'checking';
    const fromEnv = a.source === 'environment' ? ` It comes from ${envVar} and cannot be changed here.` : '';
    return { provider, configured: true, source: a.source, hint: keyHint(a.key), state, message: (verdict?.message ?? MESSAGES[state]) + fromEnv };
  }

  async function status(): Promise<KeyStatus> {
    return toStatus(await active());
  }

  async function publish(): Promise<KeyStatus> {
    const s = await status();
    deps.events.emit('key:changed', s);
    return s;
  }

  /** Validates the active key; a newer set/remove wins over a slower, older check. */
  async function validate(): Promise<KeyStatus> {
    const a = await active();
    if (a.key === null) return publish();
    const mine = ++generation;
    verdict = null;
    deps.events.emit('key:changed', toStatus(a));
    const v = await deps.validator.validate(a.key, deps.baseUrl());
    if (mine === generation) verdict = v;
    return publish();
  }

  async function set(key: string): Promise<KeySetResult> {
    const refuse = async (outcome: KeyState, message: string): Promise<KeySetResult> => ({
      stored: false, outcome, message, status: await status(),
    });
    if (envKey) return refuse(verdict?.state ?? 'checking', `${envVar} is set in the environment and takes precedence. Unset it to use a key stored here.`);
    const v = await deps.validator.validate(key, deps.baseUrl());
    if (v.state === 'invalid') return refuse('invalid', v.message);
    try {
      await deps.secrets.set(account, key);
    } catch (err) {
      if (err instanceof SecretStoreUnavailableError) return refuse('keychain-unavailable', `${err.reason} The key was not saved.`);
      throw err;
    }
    generation++;
    cached = { key, source: deps.secrets.kind };
    verdict = v.state === 'offline' ? { state: 'offline', message: `${MESSAGES.offline} (${v.message})` } : v;
    stickyMessage = null;
    deps.logger.info('key: stored', { provider, source: deps.secrets.kind, state: v.state });
    const s = await publish();
    const where = s.source === 'safe-storage' ? 'in an encrypted file (no system keychain was available)' : 'in the system keychain';
    return { stored: true, outcome: v.state, message: `Saved ${where}. ${s.message}`, status: s };
  }

  async function remove(): Promise<KeyStatus> {
    try {
      await deps.secrets.delete(account);
    } catch (err) {
      if (!(err instanceof SecretStoreUnavailableError)) throw err;
      const s = { ...(await status()), state: 'keychain-unavailable' as const, message: `${err.reason} The key could not be removed.` };
      deps.events.emit('key:changed', s);
      return s;
    }
    generation++;
    cached = { key: null, source: 'none' };
    verdict = null;
    stickyMessage = null;
    deps.logger.info('key: removed', { provider });
    return publish();
  }

  return {
    status,
    set,
    remove,
    validate,
    /** The key for the HTTP client's Authorization header, or null. Never log or return it anywhere else. */
    async getApiKey(): Promise<string | null> {
      return (await active()).key;
    },
  };
}
export type KeyService = ReturnType<typeof createKeyService>;
