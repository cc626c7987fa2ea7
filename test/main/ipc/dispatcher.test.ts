import { describe, expect, it, vi } from 'vitest';
import { fail } from '../../../src-main/core/app-error';
import type { Logger } from '../../../src-main/core/ports';
import { createDispatcher } from '../../../src-main/ipc/dispatcher';
import type { Handlers } from '../../../src-main/ipc/handlers';
import { createSenderGuard } from '../../../src-main/ipc/sender-guard';

const logger: Logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
const APP = { origin: 'http://127.0.0.1:4000', isMainFrame: true };

function dispatcherWith(overrides: Partial<Handlers> = {}) {
  const handlers = {
    'app:info': () => {
      throw new Error('not under test');
    },
    'app:ping': ({ message }) => ({ message, at: 1 }),
    ...overrides,
  } as Handlers;
  return createDispatcher({ handlers, guard: createSenderGuard([APP.origin]), logger });
}

describe('dispatcher', () => {
  it('answers a valid call with an ok envelope', async () => {
    expect(await dispatcherWith()('app:ping', { message: 'hi' }, APP)).toEqual({ ok: true, value: { message: 'hi', at: 1 } });
  });

  it.each([
    ['a wrong type', { message: 42 }, 'message'],
    ['a missing field', {}, 'message'],
    ['an unknown extra key', { message: 'x', extra: true }, ''],
    ['null', null, ''],
    ['a string', 'hello', ''],
  ])('turns %s into a typed validation error', async (_label, input, path) => {
    const result = await dispatcherWith()('app:ping', input, APP);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('validation');
    if (result.error.kind === 'validation') expect(result.error.issues[0]?.path).toBe(path);
  });

  it('refuses unknown channels, including prototype names', async () => {
    for (const channel of ['app:nope', '__proto__', 'constructor', 42, undefined]) {
      const result = await dispatcherWith()(channel, {}, APP);
      expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }
  });

  it('refuses a foreign origin and a sub-frame before touching the handler', async () => {
    const ping = vi.fn();
    const dispatch = dispatcherWith({ 'app:ping': ping });
    expect(await dispatch('app:ping', { message: 'x' }, { origin: 'https://evil.example', isMainFrame: true })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden-sender' },
    });
    expect(await dispatch('app:ping', { message: 'x' }, { ...APP, isMainFrame: false })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden-sender' },
    });
    expect(ping).not.toHaveBeenCalled();
  });

  it('carries typed errors thrown by handlers and hides unexpected ones', async () => {
    const typed = dispatcherWith({ 'app:ping': () => fail({ kind: 'not-found', message: 'No such item.' }) });
    expect(await typed('app:ping', { message: 'x' }, APP)).toEqual({ ok: false, error: { kind: 'not-found', message: 'No such item.' } });
    const crash = dispatcherWith({
      'app:ping': () => {
        throw new Error('secret internals at /home/me');
      },
    });
    const result = await crash('app:ping', { message: 'x' }, APP);
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('/home/me');
  });
});
