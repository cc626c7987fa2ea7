import keytar from 'keytar';
import { afterEach, describe, expect, it } from 'vitest';

// Runs under scripts/with-keyring.sh: a real gnome-keyring behind a private D-Bus session.
const SERVICE = 'imagine-studio-test';

describe('keytar against the real Secret Service', () => {
  afterEach(async () => {
    for (const { account } of await keytar.findCredentials(SERVICE)) await keytar.deletePassword(SERVICE, account);
  });

  it('stores, reads back, replaces and deletes a secret', async () => {
    await keytar.setPassword(SERVICE, 'smoke', 'xai-first');
    expect(await keytar.getPassword(SERVICE, 'smoke')).toBe('xai-first');
    await keytar.setPassword(SERVICE, 'smoke', 'xai-second');
    expect(await keytar.getPassword(SERVICE, 'smoke')).toBe('xai-second');
    expect(await keytar.deletePassword(SERVICE, 'smoke')).toBe(true);
    expect(await keytar.getPassword(SERVICE, 'smoke')).toBeNull();
  });
});
