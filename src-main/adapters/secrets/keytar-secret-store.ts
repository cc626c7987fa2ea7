/**
 * The OS keychain through keytar: Secret Service (gnome-keyring, KWallet) on Linux, Keychain on macOS, Credential
 * Manager on Windows. The key is filed under service `imagine-studio`, account `xai-api-key`
 * (see KEYCHAIN_SERVICE / KEY_ACCOUNT), where users can find and delete it with their OS tools.
 */
import type { Logger } from '../../core/ports';
import {
  KEYCHAIN_SERVICE, SecretStoreUnavailableError, type SecretStore, type SecretStoreKind,
} from '../../core/secrets/secret-store';

/**
 * The part of keytar we call. Declared here rather than imported from 'keytar': keytar is an optional dependency
 * (its native build needs libsecret-1-dev), so the app and its type-check must not need it to be installed.
 */
export interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

const KEYTAR_MODULE = 'keytar';

/** A plain sentence for what keytar/libsecret reported; the raw message goes to the log only. */
export function explainKeychainError(message: string): string {
  if (/cannot find (module|package) '?keytar|keytar\.node|err_module_not_found|err_dlopen_failed/i.test(message)) {
    return 'The keychain module is not installed on this computer (on Linux it needs libsecret-1-dev: run `sudo apt-get install -y libsecret-1-dev && npm ci`). Until then, set XAI_API_KEY in the environment.';
  }
  if (/locked/i.test(message)) {
    return 'The system keychain is locked. Unlock it (log in to your desktop keyring) and try again.';
  }
  if (/d-?bus|secrets was not provided|org\.freedesktop|no such interface|x11/i.test(message)) {
    return 'No system keychain is running (the Secret Service was not found). Start your desktop keyring, or set XAI_API_KEY in the environment.';
  }
  return 'The system keychain did not answer. Unlock or restart it, or set XAI_API_KEY in the environment.';
}

export class KeytarSecretStore implements SecretStore {
  readonly kind: SecretStoreKind = 'keychain';
  #keytar: Promise<Keytar> | null = null;

  constructor(
    private readonly options: { service?: string; logger?: Logger; load?: () => Promise<Keytar> } = {},
  ) {}

  get #service() {
    return this.options.service ?? KEYCHAIN_SERVICE;
  }

  /** keytar is native; loading it lazily lets the app start (and explain) even when the binary is missing. */
  async #call<T>(op: (k: Keytar) => Promise<T>): Promise<T> {
    try {
      this.#keytar ??= (this.options.load ?? (async () => ((await import(KEYTAR_MODULE)) as { default: Keytar }).default))();
      return await op(await this.#keytar);
    } catch (err) {
      const raw = err instanceof Error ? err.message : String(err);
      this.options.logger?.warn('secrets: keychain unavailable', { reason: raw.slice(0, 300) });
      throw new SecretStoreUnavailableError(explainKeychainError(raw));
    }
  }

  get(account: string) {
    return this.#call((k) => k.getPassword(this.#service, account));
  }
  set(account: string, secret: string) {
    return this.#call((k) => k.setPassword(this.#service, account, secret));
  }
  delete(account: string) {
    return this.#call((k) => k.deletePassword(this.#service, account));
  }
}
