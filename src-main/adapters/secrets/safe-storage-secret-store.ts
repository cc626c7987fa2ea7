/**
 * Electron `safeStorage` fallback for machines where no keychain answers (e.g. Linux without a Secret Service):
 * secrets are encrypted with the OS-provided key and written to one small file. Never plaintext: when
 * `isEncryptionAvailable()` is false (or Linux only offers the hard-coded "basic_text" password) this store is
 * unavailable and the user is told to set up a keychain or use XAI_API_KEY.
 *
 * Imported only by the Electron shell, which passes Electron's `safeStorage`; it takes that object as a parameter so
 * it never loads `electron` itself and is testable in plain Node with a fake.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../core/ports';
import {
  FallbackSecretStore, SecretStoreUnavailableError, SecretUnreadableError, type SecretStore, type SecretStoreKind,
} from '../../core/secrets/secret-store';
import { KeytarSecretStore } from './keytar-secret-store';

/** The slice of Electron's `safeStorage` this store uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: `basic_text` means a hard-coded password, which is no better than plaintext. */
  getSelectedStorageBackend?(): string;
}

interface VaultFile {
  version: 1;
  /** account → base64 of the encrypted secret. */
  accounts: Record<string, string>;
}

export class SafeStorageSecretStore implements SecretStore {
  readonly kind: SecretStoreKind = 'safe-storage';

  constructor(
    private readonly options: { file: string; safeStorage: SafeStorageLike; logger?: Logger },
  ) {}

  #assertAvailable() {
    const s = this.options.safeStorage;
    if (!s.isEncryptionAvailable() || s.getSelectedStorageBackend?.() === 'basic_text') {
      throw new SecretStoreUnavailableError(
        'No system keychain is available and this system offers no encryption for stored secrets, so the key cannot be saved safely. Set XAI_API_KEY in the environment, or start a desktop keyring.',
      );
    }
  }

  #read(): VaultFile {
    try {
      const parsed = JSON.parse(readFileSync(this.options.file, 'utf8')) as Partial<VaultFile>;
      return { version: 1, accounts: typeof parsed.accounts === 'object' && parsed.accounts ? parsed.accounts : {} };
    } catch {
      return { version: 1, accounts: {} };
    }
  }

  #write(vault: VaultFile) {
    mkdirSync(path.dirname(this.options.file), { recursive: true });
    if (Object.keys(vault.accounts).length === 0) {
      rmSync(this.options.file, { force: true });
      return;
    }
    const tmp = `${this.options.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(vault), { mode: 0o600 });
    renameSync(tmp, this.options.file);
  }

  async get(account: string): Promise<string | null> {
    this.#assertAvailable();
    const vault = this.#read();
    const encrypted = vault.accounts[account];
    if (encrypted === undefined) return null;
    try {
      return this.options.safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
    } catch {
      // After an OS or app update the encryption key can change; the old blob is useless, so forget it and ask again.
      delete vault.accounts[account];
      this.#write(vault);
      this.options.logger?.warn('secrets: stored key could not be decrypted; forgotten', { account });
      throw new SecretUnreadableError(
        'Your saved API key could not be decrypted (the system’s encryption key changed, often after an update), so it was forgotten. Please paste it again.',
      );
    }
  }

  async set(account: string, secret: string): Promise<void> {
    this.#assertAvailable();
    const vault = this.#read();
    vault.accounts[account] = this.options.safeStorage.encryptString(secret).toString('base64');
    this.#write(vault);
  }

  async delete(account: string): Promise<boolean> {
    this.#assertAvailable();
    const vault = this.#read();
    if (!(account in vault.accounts)) return false;
    delete vault.accounts[account];
    this.#write(vault);
    return true;
  }
}

/**
 * The desktop app's vault: the OS keychain, falling back to a safeStorage-encrypted `<dataDir>/key-vault.json` only
 * when the keychain is unavailable.
 */
export function createDesktopSecretStore(options: { dataDir: string; safeStorage: SafeStorageLike; logger: Logger }): SecretStore {
  return new FallbackSecretStore(
    new KeytarSecretStore({ logger: options.logger }),
    new SafeStorageSecretStore({ file: path.join(options.dataDir, 'key-vault.json'), safeStorage: options.safeStorage, logger: options.logger }),
  );
}
