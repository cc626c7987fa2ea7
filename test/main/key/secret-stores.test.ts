import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SafeStorageSecretStore, type SafeStorageLike } from '../../../src-main/adapters/secrets/safe-storage-secret-store';
import {
  FallbackSecretStore, InMemorySecretStore, SecretStoreUnavailableError, SecretUnreadableError, keyHint,
} from '../../../src-main/core/secrets/secret-store';
import { describeSecretStore } from './secret-store-contract';

const dir = mkdtempSync(path.join(os.tmpdir(), 'imagine-vault-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for Electron's safeStorage: XOR with a per-"OS" key, enough to prove nothing is plaintext. */
function fakeSafeStorage(osKey = 7, available = true): SafeStorageLike & { osKey: number } {
  const s = {
    osKey,
    isEncryptionAvailable: () => available,
    encryptString: (plain: string) => Buffer.concat([Buffer.from([s.osKey]), Buffer.from(plain, 'utf8').map((b) => b ^ s.osKey)]),
    decryptString: (enc: Buffer) => {
      if (enc[0] !== s.osKey) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(enc.subarray(1).map((b) => b ^ s.osKey)).toString('utf8');
    },
  };
  return s;
}

const shared = new InMemorySecretStore();
describeSecretStore('InMemorySecretStore', () => shared);
const vaultFile = path.join(dir, 'key-vault.json');
const safe = fakeSafeStorage();
describeSecretStore('SafeStorageSecretStore', () => new SafeStorageSecretStore({ file: vaultFile, safeStorage: safe }));

describe('SafeStorageSecretStore specifics', () => {
  it('never writes the secret in plaintext', async () => {
    const file = path.join(dir, 'plain-check.json');
    await new SafeStorageSecretStore({ file, safeStorage: fakeSafeStorage() }).set('k', 'xai-PLAINTEXT-CANARY');
    expect(readFileSync(file, 'utf8')).not.toContain('PLAINTEXT-CANARY');
  });

  it('is unavailable when the OS offers no encryption, instead of falling back to plaintext', async () => {
    const store = new SafeStorageSecretStore({ file: path.join(dir, 'none.json'), safeStorage: fakeSafeStorage(7, false) });
    await expect(store.set('k', 'v')).rejects.toBeInstanceOf(SecretStoreUnavailableError);
    const basic = { ...fakeSafeStorage(), getSelectedStorageBackend: () => 'basic_text' };
    await expect(new SafeStorageSecretStore({ file: path.join(dir, 'basic.json'), safeStorage: basic }).get('k')).rejects.toBeInstanceOf(SecretStoreUnavailableError);
  });

  it('forgets a secret it can no longer decrypt (OS key changed after an update) and says why', async () => {
    const file = path.join(dir, 'rotated.json');
    const os1 = fakeSafeStorage(7);
    await new SafeStorageSecretStore({ file, safeStorage: os1 }).set('k', 'xai-old');
    os1.osKey = 9;
    const store = new SafeStorageSecretStore({ file, safeStorage: os1 });
    await expect(store.get('k')).rejects.toBeInstanceOf(SecretUnreadableError);
    expect(await store.get('k')).toBeNull();
  });

  it('treats a damaged vault file as empty', async () => {
    const file = path.join(dir, 'damaged.json');
    writeFileSync(file, '{nope');
    expect(await new SafeStorageSecretStore({ file, safeStorage: fakeSafeStorage() }).get('k')).toBeNull();
  });
});

describe('FallbackSecretStore', () => {
  it('uses the keychain when it answers and the encrypted file only when it does not', async () => {
    const keychain = new InMemorySecretStore();
    const fallback = new SafeStorageSecretStore({ file: path.join(dir, 'fb.json'), safeStorage: fakeSafeStorage() });
    const store = new FallbackSecretStore(keychain, fallback);
    await store.set('k', 'in-keychain');
    expect(store.kind).toBe('memory');
    keychain.unavailable = 'No keychain.';
    await store.set('k', 'in-file');
    expect(store.kind).toBe('safe-storage');
    expect(await store.get('k')).toBe('in-file');
  });
});

describe('keyHint', () => {
  it.each([
    ['xai-abcdefghijklmnopqrstuvwxyz', 'xa…yz'],
    ['short', null],
  ])('%s → %s', (key, hint) => expect(keyHint(key)).toBe(hint));
});
