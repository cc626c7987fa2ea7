import { KEY_PROVIDERS } from '@contract';

/**
 * The API key vault as a port. The key lives in the OS keychain (KeytarSecretStore), in Electron's encrypted-file
 * fallback (SafeStorageSecretStore) when no keychain answers, or in memory (tests). Nothing else ever persists it.
 */

/** Which kind of vault answered; shown to the user as the key's source. */
export type SecretStoreKind = 'keychain' | 'safe-storage' | 'memory';

/**
 * Stores one secret per account. Implementations throw `SecretStoreUnavailableError` when the vault cannot be
 * reached (no D-Bus, locked, encryption unavailable) and `SecretUnreadableError` when a stored secret can no longer
 * be decrypted (it has then been forgotten). They never put the secret in an error message or a log line.
 */
export interface SecretStore {
  /** The vault that answered last (a fallback chain changes it when the keychain is unavailable). */
  readonly kind: SecretStoreKind;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
}

/** The keychain (or fallback) cannot be used right now. `reason` is plain language, without secrets. */
export class SecretStoreUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SecretStoreUnavailableError';
  }
}

/** A stored secret could not be decrypted (e.g. the OS encryption key changed after an update) and was deleted. */
export class SecretUnreadableError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SecretUnreadableError';
  }
}

/**
 * Service and account names under which keys are filed in the OS keychain (documented in the README): one service,
 * one account per provider (KEY_PROVIDERS); `KEY_ACCOUNT` is xAI's.
 */
export const KEYCHAIN_SERVICE = 'imagine-studio';
export const KEY_ACCOUNT = KEY_PROVIDERS.xai.account;

/** The in-memory twin: same behaviour as the keychain, gone when the process exits. */
export class InMemorySecretStore implements SecretStore {
  readonly kind: SecretStoreKind = 'memory';
  readonly #secrets = new Map<string, string>();
  /** Tests flip this to see how callers handle an unavailable keychain. */
  unavailable: string | null = null;

  #check() {
    if (this.unavailable !== null) throw new SecretStoreUnavailableError(this.unavailable);
  }
  async get(account: string) {
    this.#check();
    return this.#secrets.get(account) ?? null;
  }
  async set(account: string, secret: string) {
    this.#check();
    this.#secrets.set(account, secret);
  }
  async delete(account: string) {
    this.#check();
    return this.#secrets.delete(account);
  }
}

/**
 * Tries `primary` (the keychain) and uses `fallback` (encrypted file) only when the keychain is unavailable, so a
 * machine without a Secret Service still keeps the key encrypted instead of in plaintext.
 */
export class FallbackSecretStore implements SecretStore {
  #kind: SecretStoreKind;
  constructor(
    private readonly primary: SecretStore,
    private readonly fallback: SecretStore,
  ) {
    this.#kind = primary.kind;
  }
  get kind() {
    return this.#kind;
  }
  async #run<T>(op: (store: SecretStore) => Promise<T>): Promise<T> {
    try {
      const value = await op(this.primary);
      this.#kind = this.primary.kind;
      return value;
    } catch (err) {
      if (!(err instanceof SecretStoreUnavailableError)) throw err;
      const value = await op(this.fallback);
      this.#kind = this.fallback.kind;
      return value;
    }
  }
  get(account: string) {
    return this.#run((s) => s.get(account));
  }
  set(account: string, secret: string) {
    return this.#run((s) => s.set(account, secret));
  }
  delete(account: string) {
    return this.#run((s) => s.delete(account));
  }
}

/** The masked hint shown for a key: first two and last two characters, `xa…yz`. Short keys show nothing. */
export function keyHint(key: string): string | null {
  if (key.length < 8) return null;
  return `${key.slice(0, 2)}…${key.slice(-2)}`;
}
