/**
 * Keys per provider (issue 18 §5): one keychain account each in the same vault, each with its own status, check
 * and hint; the checks run against the Stability and MiniMax simulators; demo mode starts all three simulators and
 * hands each client its simulator and demo key.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KEY_PROVIDERS, type ChannelInput, type ChannelName, type ChannelOutput, type EventName, type EventPayload, type KeyStatus } from '@contract';
import { createAppCore, type AppCore } from '../../../src-main/app-core';
import { createMinimaxClient } from '../../../src-main/adapters/minimax';
import { createStabilityClient } from '../../../src-main/adapters/stability';
import { systemClock } from '../../../src-main/adapters/system-clock';
import { InMemorySecretStore } from '../../../src-main/core/secrets/secret-store';
import { createMinimaxKeyValidator, createStabilityKeyValidator } from '../../../src-main/services/key/key-validator';
import { startMinimaxSimulator, type MinimaxSimulator } from '../../../src-main/simulator/minimax';
import { startStabilitySimulator, type StabilitySimulator } from '../../../src-main/simulator/stability';

const silent = { info() {}, warn() {}, error() {} };
let stability: StabilitySimulator;
let minimax: MinimaxSimulator;
beforeAll(async () => {
  [stability, minimax] = await Promise.all([startStabilitySimulator(), startMinimaxSimulator()]);
});
afterAll(async () => {
  await Promise.all([stability.close(), minimax.close()]);
});

describe('provider key validators against the simulators', () => {
  const stabilityCheck = createStabilityKeyValidator((baseUrl, getApiKey) => createStabilityClient({ baseUrl, getApiKey, clock: systemClock, maxAttempts: 1 }));
  const minimaxCheck = createMinimaxKeyValidator((baseUrl, getApiKey) => createMinimaxClient({ baseUrl, getApiKey, clock: systemClock, maxAttempts: 1 }));

  it.each([
    ['sk-good-stability-key-1', 'valid'],
    ['no-prefix-key-123456', 'invalid'],
    ['sk-nocredit-key-123456', 'no-credits'],
  ])('Stability %s → %s, with GET /v1/user/balance', async (key, state) => {
    const before = stability.requests.length;
    const v = await stabilityCheck.validate(key, stability.url);
    expect(v.state).toBe(state);
    expect(v.message).not.toContain(key);
    expect(stability.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/user/balance']);
  });

  it.each([
    ['mm-good-minimax-key-1', 'valid'],
    ['mm-invalid-key-123456', 'invalid'],
    ['no-prefix-key-123456', 'invalid'],
  ])('MiniMax %s → %s, with a free task query', async (key, state) => {
    const before = minimax.requests.length;
    const v = await minimaxCheck.validate(key, minimax.url);
    expect(v.state).toBe(state);
    expect(v.message).not.toContain(key);
    expect(minimax.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/query/video_generation']);
  });

  it('reports offline when nothing listens', async () => {
    expect((await stabilityCheck.validate('sk-good-stability-key-1', 'http://127.0.0.1:9')).state).toBe('offline');
    expect((await minimaxCheck.validate('mm-good-minimax-key-1', 'http://127.0.0.1:9')).state).toBe('offline');
  });
});

describe('keys per provider in the app core', () => {
  let dataDir: string;
  let core: AppCore;
  let secrets: InMemorySecretStore;
  const emitted: KeyStatus[] = [];
  const call = <C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> =>
    (core.handlers[channel] as (i: unknown) => Promise<ChannelOutput<C>>)(input);

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'providers-keys-'));
    secrets = new InMemorySecretStore();
    emitted.length = 0;
    core = await createAppCore({
      shell: 'browser-host', dataDir, version: '0.0.0', versions: {}, clock: systemClock, logger: silent, secrets,
      providerBaseUrls: { stability: stability.url, minimax: minimax.url },
      envProviderKeys: { minimax: undefined },
      events: { emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void (event === 'key:changed' && emitted.push(payload as KeyStatus)) },
    });
  });
  afterEach(async () => {
    await core.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores each provider under its own account, with its own status, check and hint', async () => {
    const s = await call('key:set', { provider: 'stability', key: 'sk-stability-TESTKEY-42' });
    expect(s).toMatchObject({ stored: true, outcome: 'valid', status: { provider: 'stability', configured: true, hint: 'sk…42', state: 'valid' } });
    const m = await call('key:set', { provider: 'minimax', key: 'mm-minimax-TESTKEY-77' });
    expect(m.status).toMatchObject({ provider: 'minimax', configured: true, hint: 'mm…77', state: 'valid' });
    expect(await secrets.get(KEY_PROVIDERS.stability.account)).toBe('sk-stability-TESTKEY-42');
    expect(await secrets.get(KEY_PROVIDERS.minimax.account)).toBe('mm-minimax-TESTKEY-77');
    // xAI's key is untouched, and its status stays its own.
    expect(await call('key:status', {})).toMatchObject({ provider: 'xai', configured: false });
    expect(await core.connection.getProviderKey('stability')).toBe('sk-stability-TESTKEY-42');
    expect(core.connection.providerBaseUrl('minimax')).toBe(minimax.url);

    const bad = await call('key:set', { provider: 'minimax', key: 'mm-invalid-key-000' });
    expect(bad).toMatchObject({ stored: false, outcome: 'invalid', status: { provider: 'minimax', hint: 'mm…77' } });
    expect(bad.message).toContain('MiniMax');

    expect(await call('key:remove', { provider: 'stability' })).toMatchObject({ provider: 'stability', configured: false, state: 'not-set' });
    expect(await secrets.get(KEY_PROVIDERS.stability.account)).toBeNull();
    expect(await call('key:validate', { provider: 'minimax' })).toMatchObject({ provider: 'minimax', state: 'valid' });
    expect(JSON.stringify(emitted)).not.toContain('TESTKEY');
    expect(new Set(emitted.map((e) => e.provider))).toEqual(new Set(['xai', 'stability', 'minimax']));
  });

  it('demo mode starts all three simulators and sends each its demo key', async () => {
    await call('settings:update', { demoMode: true });
    const stabilityUrl = core.connection.providerBaseUrl('stability');
    const minimaxUrl = core.connection.providerBaseUrl('minimax');
    expect(stabilityUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stabilityUrl).not.toBe(stability.url);
    expect(minimaxUrl).not.toBe(minimax.url);
    const stabilityDemo = createStabilityClient({ baseUrl: stabilityUrl, getApiKey: () => core.connection.getProviderKey('stability'), clock: systemClock });
    expect(await stabilityDemo.balance()).toBeGreaterThan(0);
    const minimaxDemo = createMinimaxClient({ baseUrl: minimaxUrl, getApiKey: () => core.connection.getProviderKey('minimax'), clock: systemClock });
    expect((await minimaxDemo.startVideo({ model: 'T2V-01', prompt: 'a demo clip' })).taskId).toMatch(/^\d+$/);

    await call('settings:update', { demoMode: false });
    expect(core.connection.providerBaseUrl('stability')).toBe(stability.url);
    await expect(fetch(`${stabilityUrl}/v1/user/balance`)).rejects.toThrow();
  });
});
