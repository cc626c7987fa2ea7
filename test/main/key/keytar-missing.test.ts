/**
 * keytar is an optional dependency (its native build needs libsecret-1-dev): on a machine where `npm ci` could not
 * build it, the app still starts and every keychain call says what is missing and how to get it, instead of a
 * generic "did not answer".
 */
import { describe, expect, it } from 'vitest';
import { explainKeychainError, KeytarSecretStore, type Keytar } from '../../../src-main/adapters/secrets/keytar-secret-store';
import { SecretStoreUnavailableError } from '../../../src-main/core/secrets/secret-store';

// A module name that is never installed, so Node's own "not found" error is what the store sees.
const loadMissing = async () => ((await import(['keytar', 'not', 'installed'].join('-'))) as { default: Keytar }).default;

describe('keychain module not installed', () => {
  it('every call is keychain-unavailable, naming libsecret-1-dev and the environment variable', async () => {
    const warnings: string[] = [];
    const store = new KeytarSecretStore({ load: loadMissing, logger: { info() {}, warn: (m: string) => warnings.push(m), error() {} } });
    for (const call of [() => store.get('xai-api-key'), () => store.set('xai-api-key', 'xai-secret-0001'), () => store.delete('xai-api-key')]) {
      const err = await call().then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(SecretStoreUnavailableError);
      expect((err as Error).message).toMatch(/keychain module is not installed.*libsecret-1-dev.*XAI_API_KEY/);
      expect((err as Error).message).not.toContain('xai-secret-0001');
    }
    expect(warnings).toContain('secrets: keychain unavailable');
  });

  it.each([
    "Cannot find module 'keytar'",
    "Cannot find package 'keytar' imported from /app/out/main/index.js",
    'Error: /app/node_modules/keytar/build/Release/keytar.node: cannot open shared object file',
  ])('explains %j as a missing module', (raw) => {
    expect(explainKeychainError(raw)).toMatch(/^The keychain module is not installed/);
  });

  it('a locked keyring and a missing Secret Service keep their own sentences', () => {
    expect(explainKeychainError('Cannot create an item in a locked collection')).toMatch(/locked/);
    expect(explainKeychainError('The name org.freedesktop.secrets was not provided by any .service files')).toMatch(/No system keychain is running/);
  });
});
