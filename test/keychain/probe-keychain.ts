/**
 * Child-process probe for the keychain suite: runs the real KeytarSecretStore + key service in a process whose
 * D-Bus environment the test controls (no bus at all, or a private keyring that gets locked), and prints JSON.
 *   node --import tsx test/keychain/probe-keychain.ts [lock]
 */
import { execFileSync } from 'node:child_process';
import { KeytarSecretStore } from '../../src-main/adapters/secrets/keytar-secret-store';
import { SecretStoreUnavailableError } from '../../src-main/core/secrets/secret-store';
import { createKeyService } from '../../src-main/services/key/key-service';

const store = new KeytarSecretStore({ service: 'imagine-studio-probe' });
if (process.argv[2] === 'lock') {
  await store.set('probe', 'before-lock');
  execFileSync('gdbus', ['call', '--session', '--dest', 'org.freedesktop.secrets', '--object-path', '/org/freedesktop/secrets',
    '--method', 'org.freedesktop.Secret.Service.Lock', "[objectpath '/org/freedesktop/secrets/collection/login']"], { stdio: 'ignore' });
}
const errorOf = async (op: () => Promise<unknown>) => {
  try {
    await op();
    return null;
  } catch (err) {
    return err instanceof SecretStoreUnavailableError ? { unavailable: true, reason: err.reason } : { unavailable: false, reason: String(err) };
  }
};
const service = createKeyService({
  secrets: store,
  validator: { validate: async () => ({ state: 'valid', message: 'ok' }) },
  baseUrl: () => 'http://127.0.0.1:9/v1',
  events: { emit() {} },
  logger: { info() {}, warn() {}, error() {} },
});
const result = {
  set: await errorOf(() => store.set('probe', 'xai-probe-secret')),
  keySet: await service.set('xai-probe-secret-123'),
};
process.stdout.write(JSON.stringify(result));
