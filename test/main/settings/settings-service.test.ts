import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS_DEFAULTS, type EventName, type EventPayload } from '@contract';
import { AppErrorException } from '../../../src-main/core/app-error';
import type { EventSink, Logger } from '../../../src-main/core/ports';
import { InMemorySettingsStore } from '../../../src-main/core/settings/settings-store';
import { createDemoService } from '../../../src-main/services/demo/demo-service';
import { createSettingsService } from '../../../src-main/services/settings/settings-service';

const logger: Logger = { info() {}, warn() {}, error() {} };

function harness(stored: unknown = {}, override?: string) {
  const events: { event: string; payload: unknown }[] = [];
  const sink: EventSink = {
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      events.push({ event, payload });
    },
  };
  let started = 0;
  let stopped = 0;
  const demo = createDemoService({
    start: async () => {
      started++;
      return { url: 'http://127.0.0.1:5555', close: async () => void stopped++ };
    },
    logger,
  });
  const store = new InMemorySettingsStore(stored);
  const service = createSettingsService({ store, demo, events: sink, logger, dataDir: '/data', apiBaseUrlOverride: override });
  return { service, store, events, counts: () => ({ started, stopped }) };
}

describe('settings service', () => {
  it('loads defaults and reports what is in effect', async () => {
    const { service } = harness();
    const v = await service.load();
    expect(v.settings).toEqual(SETTINGS_DEFAULTS);
    expect(v.effective).toEqual({ apiBaseUrl: 'https://api.x.ai/v1', apiBaseUrlOverridden: false, libraryDir: path.join('/data', 'library'), libraryDirOverridden: false, demo: false });
  });

  it('repairs invalid stored fields with a notice, kept for the window that opens later', async () => {
    const { service, events } = harness({ concurrency: -1, theme: 'dark' });
    const v = await service.load();
    expect(v.settings).toMatchObject({ concurrency: 4, theme: 'dark' });
    expect(v.loadNotice).toMatch(/concurrency/);
    expect(events).toContainEqual({ event: 'app:notice', payload: { level: 'warning', message: v.loadNotice } });
  });

  it('applies a valid partial update, saves it and emits settings:changed', async () => {
    const { service, store, events } = harness();
    await service.load();
    const v = await service.update({ concurrency: 2, budgetCapUsd: 5 });
    expect(v.settings).toMatchObject({ concurrency: 2, budgetCapUsd: 5, theme: 'system' });
    expect(store.load().settings.concurrency).toBe(2);
    expect(events.at(-1)?.event).toBe('settings:changed');
  });

  it('refuses invalid values with field issues and saves nothing', async () => {
    const { service, store } = harness();
    await service.load();
    const err = await service.update({ concurrency: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppErrorException);
    expect((err as AppErrorException).appError).toMatchObject({ kind: 'validation', issues: [{ path: 'concurrency' }] });
    const rel = await service.update({ libraryDir: 'relative/dir' }).catch((e: unknown) => e);
    expect((rel as AppErrorException).appError).toMatchObject({ kind: 'validation', issues: [{ path: 'libraryDir' }] });
    expect(store.load().settings).toEqual(SETTINGS_DEFAULTS);
  });

  it('demo mode starts the simulator, points the API and the library elsewhere, and stops it again', async () => {
    const { service, counts } = harness();
    await service.load();
    const on = await service.update({ demoMode: true });
    expect(on.effective).toEqual({ apiBaseUrl: 'http://127.0.0.1:5555/v1', apiBaseUrlOverridden: false, libraryDir: path.join('/data', 'demo-library'), libraryDirOverridden: false, demo: true });
    expect(service.realApiBaseUrl()).toBe('https://api.x.ai/v1');
    const off = await service.update({ demoMode: false });
    expect(off.effective.libraryDir).toBe(path.join('/data', 'library'));
    expect(counts()).toEqual({ started: 1, stopped: 1 });
  });

  it('starts demo mode at load when it was left on', async () => {
    const { service, counts } = harness({ demoMode: true });
    expect((await service.load()).effective.demo).toBe(true);
    expect(counts().started).toBe(1);
  });

  it('a command-line base URL is the one in effect (outside demo mode)', async () => {
    const { service } = harness({}, 'http://127.0.0.1:7/v1');
    expect((await service.load()).effective).toMatchObject({ apiBaseUrl: 'http://127.0.0.1:7/v1', apiBaseUrlOverridden: true });
  });
});
