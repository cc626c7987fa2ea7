/**
 * The preload exposes exactly the contract: one global, three members, invoke only on contract channels, listeners
 * only on contract events and never handed Electron's IpcRendererEvent (its `sender` would reach ipcRenderer).
 * `electron` is mocked because the preload cannot run outside Electron.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_GLOBAL, channelNames, eventNames, type Api } from '@contract';

const exposed = new Map<string, unknown>();
const ipc = {
  invoke: vi.fn((_channel: string, _input: unknown) => Promise.resolve({ ok: true, value: null })),
  on: vi.fn(),
  removeListener: vi.fn(),
  send: vi.fn(),
  sendSync: vi.fn(),
};

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: ipc,
}));

let api: Api;

beforeAll(async () => {
  await import('../../../../src-preload/index');
  api = exposed.get(API_GLOBAL) as Api;
});

describe('preload', () => {
  it('exposes one global with only invoke, on and mediaBase', () => {
    expect([...exposed.keys()]).toEqual([API_GLOBAL]);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'mediaBase', 'on']);
    expect(api.mediaBase).toBe('app-media://library/');
    for (const value of Object.values(api)) expect(value).not.toBe(ipc);
  });

  it('forwards every contract channel, and nothing else, to ipcRenderer.invoke', async () => {
    for (const channel of channelNames) {
      ipc.invoke.mockClear();
      await api.invoke(channel, {} as never);
      expect(ipc.invoke).toHaveBeenCalledExactlyOnceWith(channel, {});
    }
    ipc.invoke.mockClear();
    for (const bad of ['__proto__', 'constructor', 'toString', 'ELECTRON_BROWSER_REQUIRE', 'app:info ', 'app:quit', '', 'ipc:anything']) {
      const env = await api.invoke(bad as never, {} as never);
      expect(env).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }
    expect(ipc.invoke).not.toHaveBeenCalled();
    expect(ipc.send).not.toHaveBeenCalled();
    expect(ipc.sendSync).not.toHaveBeenCalled();
  });

  it('subscribes only to contract events and hands listeners the payload alone', () => {
    for (const bad of ['__proto__', 'constructor', 'ELECTRON_RENDERER_WEB_FRAME_METHOD', 'app:info']) {
      expect(() => api.on(bad as never, () => {})).toThrow(/Unknown event/);
    }
    expect(ipc.on).not.toHaveBeenCalled();
    for (const event of eventNames) {
      ipc.on.mockClear();
      const listener = vi.fn();
      const off = api.on(event, listener);
      const [name, wrapped] = ipc.on.mock.calls[0] as [string, (e: unknown, payload: unknown) => void];
      expect(name).toBe(event);
      const fakeEvent = { sender: ipc, senderId: 0, ports: [] };
      wrapped(fakeEvent, { hello: 1 });
      expect(listener).toHaveBeenCalledExactlyOnceWith({ hello: 1 });
      off();
      expect(ipc.removeListener).toHaveBeenCalledWith(event, wrapped);
    }
  });
});

describe('the built preload (when out/ exists)', () => {
  const built = path.resolve('out/preload/index.cjs');

  // Runs once `npm run build` has made out/ (CI builds before testing); an unbuilt checkout has no preload to read.
  it.runIf(existsSync(built))('is CommonJS requiring only electron, as a sandboxed preload must be', () => {
    const code = readFileSync(built, 'utf8');
    // No ES module syntax at statement level, and no dynamic import (a sandboxed preload cannot load modules).
    expect(code).not.toMatch(/^\s*import\s[\s\S]*?from\s*['"]/m);
    expect(code).not.toMatch(/^\s*import\s*['"]/m);
    expect(code).not.toMatch(/^\s*export\s/m);
    expect(code).not.toMatch(/\bimport\s*\(/);
    const requires = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(code).toContain('exposeInMainWorld');
  });
});
