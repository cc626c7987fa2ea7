/**
 * The real keychain: KeytarSecretStore against gnome-keyring behind a private D-Bus (scripts/with-keyring.sh, which
 * `npm run test:keychain` uses). Runs the same contract suite as the in-memory twin, then the failure modes.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../src-main/adapters/secrets/keytar-secret-store';
import { describeSecretStore } from '../main/key/secret-store-contract';

const underKeyring = Boolean(process.env.IMAGINE_KEYRING_HOME);

function probe(args: string[], env: NodeJS.ProcessEnv) {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/keychain/probe-keychain.ts', ...args], { env, encoding: 'utf8', timeout: 30_000 });
  return JSON.parse(out) as {
    set: { unavailable: boolean; reason: string } | null;
    keySet: { stored: boolean; outcome: string; message: string };
  };
}

describe.runIf(underKeyring)('keychain (gnome-keyring)', () => {
  describeSecretStore('KeytarSecretStore', () => new KeytarSecretStore({ service: 'imagine-studio-test' }));

  it('files the key where users can find it: service imagine-studio, account xai-api-key', async () => {
    const keytar = (await import('keytar')).default;
    const store = new KeytarSecretStore();
    await store.set('xai-api-key', 'xai-where-is-it-0001');
    expect(await keytar.getPassword('imagine-studio', 'xai-api-key')).toBe('xai-where-is-it-0001');
    await store.delete('xai-api-key');
  });

  it('no D-Bus session at all → keychain-unavailable with a plain message', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/imagine-bus' };
    delete env.DISPLAY;
    const r = probe([], env);
    expect(r.set).toMatchObject({ unavailable: true, reason: expect.stringMatching(/keychain/i) });
    expect(r.keySet).toMatchObject({ stored: false, outcome: 'keychain-unavailable' });
    expect(r.keySet.message).not.toContain('xai-probe-secret');
  });

  it('a locked keyring → keychain-unavailable, "locked" in the message', () => {
    // Its own private bus and keyring, so locking it cannot disturb the rest of this run.
    const out = execFileSync('bash', ['scripts/with-keyring.sh', process.execPath, '--import', 'tsx', 'test/keychain/probe-keychain.ts', 'lock'], {
      encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'],
    });
    const r = JSON.parse(out) as ReturnType<typeof probe>;
    expect(r.set).toMatchObject({ unavailable: true, reason: expect.stringMatching(/locked/i) });
    expect(r.keySet).toMatchObject({ stored: false, outcome: 'keychain-unavailable', message: expect.stringMatching(/locked/i) });
  });
});

// Outside the wrapper this project proves nothing, so it fails loudly instead of skipping in silence.
if (!underKeyring) {
  describe('keychain suite', () => {
    it('runs under a real Secret Service', () => {
      throw new Error('The keychain suite needs a Secret Service: run `npm run test:keychain` (scripts/with-keyring.sh).');
    });
  });
}
