import { describe, expect, it } from 'vitest';
import type { EventName, EventPayload, KeyStatus } from '@contract';
import { InMemorySecretStore, KEY_ACCOUNT, SecretUnreadableError } from '../../../src-main/core/secrets/secret-store';
import type { EventSink, Logger } from '../../../src-main/core/ports';
import { createKeyService } from '../../../src-main/services/key/key-service';
import type { KeyValidator, KeyVerdict } from '../../../src-main/services/key/key-validator';

const KEY = 'xai-TESTKEY-1234567890abcdef';

function harness(opts: { envKey?: string; verdicts?: Record<string, KeyVerdict['state']> } = {}) {
  const secrets = new InMemorySecretStore();
  const emitted: KeyStatus[] = [];
  const logLines: string[] = [];
  const events: EventSink = {
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      if (event === 'key:changed') emitted.push(payload as KeyStatus);
    },
  };
  const logger: Logger = {
    info: (m, f) => logLines.push(m + JSON.stringify(f ?? {})),
    warn: (m, f) => logLines.push(m + JSON.stringify(f ?? {})),
    error: (m, f) => logLines.push(m + JSON.stringify(f ?? {})),
  };
  const checked: string[] = [];
  const validator: KeyValidator = {
    async validate(key, baseUrl) {
      checked.push(baseUrl);
      const state = opts.verdicts?.[key] ?? 'valid';
      return { state, message: `verdict ${state}` };
    },
  };
  const service = createKeyService({ secrets, envKey: opts.envKey, validator, baseUrl: () => 'https://api.example/v1', events, logger });
  return { service, secrets, emitted, logLines, checked };
}

describe('key service', () => {
  it('starts not set', async () => {
    const { service } = harness();
    expect(await service.status()).toMatchObject({ configured: false, source: 'none', hint: null, state: 'not-set' });
    expect(await service.getApiKey()).toBeNull();
  });

  it('validates, stores and reports a good key by hint only', async () => {
    const { service, secrets, emitted, logLines, checked } = harness();
    const result = await service.set(KEY);
    expect(result).toMatchObject({ stored: true, outcome: 'valid', status: { configured: true, source: 'memory', hint: 'xa…ef', state: 'valid' } });
    expect(await secrets.get(KEY_ACCOUNT)).toBe(KEY);
    expect(await service.getApiKey()).toBe(KEY);
    expect(checked).toEqual(['https://api.example/v1']);
    expect(emitted.at(-1)?.state).toBe('valid');
    // The key appears in nothing the service returns, emits or logs.
    expect(JSON.stringify([result, emitted, logLines])).not.toContain('TESTKEY');
  });

  it('refuses an invalid key and keeps the previous one', async () => {
    const { service } = harness({ verdicts: { 'xai-bad-key-000': 'invalid' } });
    await service.set(KEY);
    const result = await service.set('xai-bad-key-000');
    expect(result).toMatchObject({ stored: false, outcome: 'invalid', status: { hint: 'xa…ef', state: 'valid' } });
    expect(await service.getApiKey()).toBe(KEY);
  });

  it('stores a key without credits (it is real) and reports no-credits', async () => {
    const { service } = harness({ verdicts: { [KEY]: 'no-credits' } });
    expect(await service.set(KEY)).toMatchObject({ stored: true, outcome: 'no-credits', status: { state: 'no-credits' } });
  });

  it('stores a key it could not check while offline, and says so', async () => {
    const { service } = harness({ verdicts: { [KEY]: 'offline' } });
    const r = await service.set(KEY);
    expect(r).toMatchObject({ stored: true, outcome: 'offline', status: { state: 'offline' } });
    expect(r.message).toMatch(/could not reach/i);
  });

  it('maps an unavailable keychain to keychain-unavailable, and recovers when it comes back', async () => {
    const { service, secrets } = harness();
    secrets.unavailable = 'The system keychain is locked.';
    expect(await service.status()).toMatchObject({ state: 'keychain-unavailable', message: 'The system keychain is locked.' });
    expect(await service.set(KEY)).toMatchObject({ stored: false, outcome: 'keychain-unavailable' });
    secrets.unavailable = null;
    expect(await service.status()).toMatchObject({ state: 'not-set' });
  });

  it('removes the key', async () => {
    const { service } = harness();
    await service.set(KEY);
    expect(await service.remove()).toMatchObject({ configured: false, state: 'not-set' });
    expect(await service.getApiKey()).toBeNull();
  });

  it('honours XAI_API_KEY read-only', async () => {
    const { service } = harness({ envKey: `  ${KEY}  ` });
    expect(await service.validate()).toMatchObject({ configured: true, source: 'environment', state: 'valid' });
    expect(await service.getApiKey()).toBe(KEY);
    expect(await service.set('xai-other-key-123')).toMatchObject({ stored: false });
    expect(await service.getApiKey()).toBe(KEY);
  });

  it('explains a stored key that could not be decrypted and asks again', async () => {
    const { service, secrets } = harness();
    secrets.get = async () => {
      throw new SecretUnreadableError('Your saved API key could not be decrypted and was forgotten.');
    };
    expect(await service.status()).toMatchObject({ configured: false, state: 'not-set', message: expect.stringMatching(/decrypted/) });
  });

  it('reports checking while a validation is in flight', async () => {
    const { service, emitted } = harness();
    await service.set(KEY);
    await service.validate();
    expect(emitted.map((s) => s.state).slice(-2)).toEqual(['checking', 'valid']);
  });
});
