/**
 * One behavioural suite for every SecretStore: the in-memory twin and the safeStorage file run it under test/main,
 * the real keychain (keytar + gnome-keyring) under test/keychain.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SecretStore } from '../../../src-main/core/secrets/secret-store';

export function describeSecretStore(name: string, make: () => SecretStore | Promise<SecretStore>) {
  describe(`SecretStore contract: ${name}`, () => {
    const accounts = ['contract-a', 'contract-b', 'contract-unicode'];
    let store: SecretStore | null = null;
    const open = async () => (store = await make());

    afterEach(async () => {
      for (const a of accounts) await store?.delete(a);
    });

    it('reads null for an unknown account', async () => {
      const s = await open();
      expect(await s.get('contract-a')).toBeNull();
    });

    it('sets, reads back, replaces and deletes', async () => {
      const s = await open();
      await s.set('contract-a', 'xai-first-0123456789');
      expect(await s.get('contract-a')).toBe('xai-first-0123456789');
      await s.set('contract-a', 'xai-second-9876543210');
      expect(await s.get('contract-a')).toBe('xai-second-9876543210');
      expect(await s.delete('contract-a')).toBe(true);
      expect(await s.get('contract-a')).toBeNull();
      expect(await s.delete('contract-a')).toBe(false);
    });

    it('keeps accounts apart', async () => {
      const s = await open();
      await s.set('contract-a', 'one');
      await s.set('contract-b', 'two');
      await s.delete('contract-a');
      expect(await s.get('contract-b')).toBe('two');
    });

    it('round-trips unicode and long secrets exactly', async () => {
      const s = await open();
      const secret = `xai-ключ-🔑-鍵-${'x'.repeat(400)}-é\u0301`;
      await s.set('contract-unicode', secret);
      expect(await s.get('contract-unicode')).toBe(secret);
    });

    it('a new instance sees what an earlier one stored (persistence)', async () => {
      const s = await open();
      await s.set('contract-b', 'persisted-secret-42');
      const again = await make();
      expect(await again.get('contract-b')).toBe('persisted-secret-42');
    });
  });
}
