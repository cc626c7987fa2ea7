/**
 * Issue 12, B: nothing the renderer says moves the API key. The page used to set `apiBaseUrl` (plain http, another
 * host, `?`/`#` swallowing the path, `@` user-info) and the next key check or generation sent the stored key there.
 * Now the address is main's: the page's `settings:update` refuses it, and a key check plus a generation afterwards
 * reach only the origin the user gave at start. Also: a start-up address is checked the same way, Electron asks
 * before using one (electron mocked), and a redirecting API never gets the key followed anywhere.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../../src-main/adapters/system-clock';
import { createAppCore, type AppCore } from '../../../../src-main/app-core';
import { InMemorySecretStore, KEY_ACCOUNT } from '../../../../src-main/core/secrets/secret-store';
import { parseApiBaseUrl } from '../../../../src-main/core/xai/api-origin';
import { createDispatcher } from '../../../../src-main/ipc/dispatcher';
import { createSenderGuard } from '../../../../src-main/ipc/sender-guard';
import { startSimulator, type Simulator } from '../../../../src-main/simulator';
import { confirmApiBaseUrl, requestedApiBaseUrl } from '../../../../src-main/shells/electron/api-base-url';
import { startTrap, type Trap } from './key-trap';
import { createMinimaxClient } from '../../../../src-main/adapters/minimax/minimax-client';
import { createStabilityClient } from '../../../../src-main/adapters/stability/stability-client';

vi.mock('electron', () => ({ dialog: { showMessageBox: vi.fn() } }));

const KEY = 'xai-trust-b-0123456789abcdef';
const SENDER = { origin: 'app://trust', isMainFrame: true } as const;
const silent = { info() {}, warn() {}, error() {} };

let sim: Simulator;
let trap: Trap;
let dataDir: string;
let core: AppCore;
let call: (channel: string, input: unknown) => ReturnType<ReturnType<typeof createDispatcher>>;

beforeAll(async () => {
  sim = await startSimulator({ latencyMs: 0, validKeys: [KEY] });
  trap = await startTrap();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'imagine-trust-b-'));
  // The user started the app pointed at their own (loopback) API: the one origin they confirmed.
  core = await createAppCore({
    shell: 'browser-host', dataDir, version: '0.0.0', versions: {}, events: { emit() {} }, clock: systemClock, logger: silent,
    secrets: new InMemorySecretStore(), apiBaseUrl: `${sim.url}/v1`,
  });
  const dispatch = createDispatcher({ handlers: core.handlers, guard: createSenderGuard([SENDER.origin]), logger: silent });
  call = (channel, input) => dispatch(channel, input, SENDER);
  expect(await call('key:set', { key: KEY })).toMatchObject({ ok: true, value: { stored: true } });
});
afterAll(async () => {
  await core.dispose();
  await trap.close();
  await sim.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const ATTACKS = () => [
  `${trap.origin}/v1`,
  'https://evil.example/v1',
  `${trap.origin}/steal?`,
  `${trap.origin}/steal#`,
  `https://api.x.ai@127.0.0.1:${new URL(trap.origin).port}/v1`,
  `${sim.url}@127.0.0.1:${new URL(trap.origin).port}/v1`,
];

describe('B: the renderer cannot redirect the key', () => {
  it('refuses every apiBaseUrl the page sends, and a key check and a generation afterwards reach only the confirmed origin', async () => {
    for (const url of ATTACKS()) {
      const env = await call('settings:update', { apiBaseUrl: url });
      expect(env, url).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }
    expect(await call('key:validate', { provider: 'xai' })).toMatchObject({ ok: true, value: { state: 'valid' } });
    const submitted = await call('jobs:submit', { prompts: ['a lighthouse at dusk'], n: 1, model: 'grok-imagine-image', aspectRatio: '1:1', resolution: '1k' });
    expect(submitted.ok).toBe(true);
    await expect.poll(async () => {
      const env = await call('library:query', { filter: { trashed: false }, sort: 'newest', limit: 10 });
      return env.ok ? (env.value as { total: number }).total : -1;
    }, { timeout: 20_000 }).toBe(1);
    expect(trap.hits).toEqual([]);
    const view = await call('settings:get', {});
    expect(view).toMatchObject({ ok: true, value: { effective: { apiBaseUrl: `${sim.url}/v1`, apiBaseUrlOverridden: true } } });
    expect(sim.requests.length).toBeGreaterThan(0);
  });

  it('checks a start-up address: https, or http to loopback, and no query, fragment or user-info', () => {
    expect(parseApiBaseUrl('https://proxy.example/v1/')).toEqual({ ok: true, url: 'https://proxy.example/v1', origin: 'https://proxy.example' });
    expect(parseApiBaseUrl('http://127.0.0.1:8080/v1').ok).toBe(true);
    expect(parseApiBaseUrl('http://[::1]:8080/v1').ok).toBe(true);
    for (const bad of [
      'http://evil.example/v1', 'http://localhost.evil.example/v1', 'http://127.0.0.1.nip.io/v1', 'https://evil.example/?', 'https://evil.example/x#',
      'https://api.x.ai@evil.example/v1', 'https://user:pw@api.x.ai/v1', 'ftp://api.x.ai/v1', 'file:///etc/passwd', 'javascript:alert(1)', 'api.x.ai/v1',
      'https://api.x.ai\\@evil.example/', ' https://evil.example/v1 x',
    ]) {
      expect(parseApiBaseUrl(bad).ok, bad).toBe(false);
    }
  });

  it('a core started with a bad address refuses to start (nothing falls back to sending the key there)', async () => {
    for (const bad of [`http://10.0.0.1/v1`, `${trap.origin}/v1?`, `https://api.x.ai@127.0.0.1:${new URL(trap.origin).port}/v1`]) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'imagine-trust-b-bad-'));
      await expect(createAppCore({
        shell: 'browser-host', dataDir: dir, version: '0.0.0', versions: {}, events: { emit() {} }, clock: systemClock, logger: silent, apiBaseUrl: bad,
      }), bad).rejects.toThrow(/refused/);
      rmSync(dir, { recursive: true, force: true });
    }
    expect(trap.hits).toEqual([]);
  });

  it('Electron uses a start-up address only after the user confirms it in a native dialog', async () => {
    expect(requestedApiBaseUrl(['electron', '.', '--api-base-url=https://proxy.example/v1'], {})).toBe('https://proxy.example/v1');
    expect(requestedApiBaseUrl(['electron', '.', '--api-base-url', 'https://p.example/v1'], {})).toBe('https://p.example/v1');
    expect(requestedApiBaseUrl(['electron', '.'], { IMAGINE_API_BASE_URL: 'https://e.example/v1' })).toBe('https://e.example/v1');
    const asked: unknown[] = [];
    const answer = (response: number) => (o: unknown) => (asked.push(o), Promise.resolve({ response }));
    expect(await confirmApiBaseUrl(undefined, answer(1))).toBeUndefined();
    expect(await confirmApiBaseUrl('https://proxy.example/v1', answer(0))).toBeUndefined();
    expect(asked.at(-1)).toMatchObject({ message: 'Send your xAI API key to https://proxy.example?', cancelId: 0, defaultId: 0 });
    expect(await confirmApiBaseUrl('https://proxy.example/v1', answer(1))).toBe('https://proxy.example/v1');
    asked.length = 0;
    expect(await confirmApiBaseUrl('https://api.x.ai/v1', answer(0))).toBe('https://api.x.ai/v1');
    expect(asked).toEqual([]); // xAI's own address needs no confirmation
    expect(await confirmApiBaseUrl('http://evil.example/v1', answer(1))).toBeUndefined();
    expect(asked.at(-1)).toMatchObject({ type: 'error' });
  });
});

describe('B: the other providers’ clients follow the same rule', () => {
  it('send nothing to a plain-http or credentialed address, whatever fetch would do', async () => {
    const sent: string[] = [];
    const fetch = (async (url: string) => (sent.push(url), new Response('{}'))) as unknown as typeof globalThis.fetch;
    const clock = { now: () => 0, sleep: async () => {} };
    for (const baseUrl of ['http://evil.example', 'https://user:pw@api.minimax.io']) {
      const mm = createMinimaxClient({ baseUrl, getApiKey: async () => KEY, clock, fetch, maxAttempts: 1 });
      await expect(mm.startVideo({ model: 'T2V-01', prompt: 'x' }, {})).rejects.toThrow(/may not be sent/);
      const st = createStabilityClient({ baseUrl, getApiKey: async () => KEY, clock, fetch, maxAttempts: 1 });
      await expect(st.run({ operation: 'generate', model: 'stable-image-core', prompt: 'x' }, {})).rejects.toThrow(/may not be sent/);
    }
    expect(sent).toEqual([]);
  });
});

describe('B: redirects never carry the key', () => {
  it('a confirmed API that answers 307 to another address is not followed: the other address sees nothing', async () => {
    const target = await startTrap();
    const bouncer = await startTrap(() => target.origin);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'imagine-trust-b-redirect-'));
    const secrets = new InMemorySecretStore();
    await secrets.set(KEY_ACCOUNT, KEY);
    const redirected = await createAppCore({
      shell: 'browser-host', dataDir: dir, version: '0.0.0', versions: {}, events: { emit() {} }, clock: systemClock, logger: silent,
      secrets, apiBaseUrl: `${bouncer.origin}/v1`,
    });
    try {
      const status = await redirected.handlers['key:validate']({ provider: 'xai' }, undefined as never);
      expect(status.state).not.toBe('valid');
      await Promise.resolve(redirected.handlers['jobs:submit']({ prompts: ['redirected'], n: 1, model: 'grok-imagine-image', aspectRatio: '1:1', resolution: '1k' }, undefined as never)).catch(() => undefined);
      await expect.poll(() => bouncer.hits.filter((h) => h.method === 'POST').length, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(bouncer.hits.every((h) => h.authorization === `Bearer ${KEY}`)).toBe(true);
      expect(target.hits).toEqual([]);
    } finally {
      await redirected.dispose();
      await bouncer.close();
      await target.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
