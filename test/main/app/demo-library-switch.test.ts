import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '@contract';
import { createAppCore, type AppCore } from '../../../src-main/app-core';
import { systemClock } from '../../../src-main/adapters/system-clock';
import { InMemorySecretStore } from '../../../src-main/core/secrets/secret-store';
import type { EventName, EventPayload } from '@contract';
import type { DesktopIntegration } from '../../../src-main/core/desktop/ports';

const silent = { info() {}, warn() {}, error() {} };

/** A desktop whose folder dialog always answers `dir` (the rest is never called here). */
function fakeDesktop(dir: string): DesktopIntegration {
  const never = () => {
    throw new Error('not in this test');
  };
  return {
    capabilities: { dialogs: true, reveal: false, nativeDrag: false, nativeClipboard: false },
    chooseFolder: () => Promise.resolve(dir),
    chooseFiles: never, chooseSavePath: never, reveal: never, startDrag: never, copyImage: never,
  };
}
let dataDir: string;
let core: AppCore;
const changes: unknown[] = [];

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const handler = core.handlers[channel] as (i: unknown) => Promise<ChannelOutput<C>>;
  return handler(input);
}

async function importImage(text: string) {
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366aa' } })
    .composite([{ input: Buffer.from(`<svg width="64" height="48"><text x="4" y="30">${text}</text></svg>`) }])
    .png()
    .toBuffer();
  return call('library:import', { source: { kind: 'bytes', name: `${text}.png`, base64: png.toString('base64') } });
}

async function count() {
  return (await call('library:query', { filter: { trashed: false }, sort: 'newest', limit: 100 })).total;
}

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'imagine-switch-'));
  core = await createAppCore({
    shell: 'browser-host',
    dataDir,
    version: '0.0.0',
    versions: {},
    clock: systemClock,
    logger: silent,
    secrets: new InMemorySecretStore(),
    events: { emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void changes.push({ event, payload }) },
  });
});
afterEach(async () => {
  await core.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('demo mode keeps its own library', () => {
  it('switches the library folder with demo mode, and the two never mix', async () => {
    const realDir = core.libraryDir;
    await importImage('real');
    expect(await count()).toBe(1);

    const demo = await call('settings:update', { demoMode: true });
    expect(demo.effective.libraryDir).not.toBe(realDir);
    expect(core.libraryDir).toBe(demo.effective.libraryDir);
    expect((await call('app:info', {})).libraryDir).toBe(demo.effective.libraryDir);
    expect(changes).toContainEqual({ event: 'library:changed', payload: { reason: 'switched' } });
    expect(await count()).toBe(0);
    await importImage('demo');
    expect(await count()).toBe(1);

    await call('settings:update', { demoMode: false });
    expect(core.libraryDir).toBe(realDir);
    // Back in the real library: only the real item, never the demo one.
    expect(await count()).toBe(1);
  });

  it('refuses to switch while a generation is still running, and says why', async () => {
    await call('settings:update', { demoMode: true });
    // HANG: the simulator never answers, so the request stays in flight.
    await call('jobs:submit', { prompts: ['a lighthouse HANG'], n: 1, model: 'grok-imagine-image', aspectRatio: '1:1', resolution: '1k' });
    await expect(call('settings:update', { demoMode: false })).rejects.toMatchObject({
      appError: { kind: 'validation', message: expect.stringMatching(/still running.*demo mode/) },
    });
    expect(core.libraryDir).toContain('demo');
    const { batches } = await call('jobs:list', {});
    for (const batch of batches) await call('jobs:cancel', { batchId: batch.id });
  });
});

describe('a library folder that is gone at start', () => {
  it('opens the default library with a notice instead of refusing to start', async () => {
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'imagine-gone-'));
    mkdirSync(path.join(elsewhere, 'lib'));
    await core.dispose();
    // The folder is chosen the only way there is: main's native dialog (faked) and its one-use grant.
    core = await createAppCore({
      shell: 'browser-host', dataDir, version: '0.0.0', versions: {}, clock: systemClock, logger: silent,
      secrets: new InMemorySecretStore(), events: { emit() {} }, desktop: fakeDesktop(path.join(elsewhere, 'lib')),
    });
    const { folder } = await call('desktop:choose-folder', { purpose: 'library' });
    await call('settings:library-folder', { folder: folder!.token });
    expect(core.libraryDir).toBe(path.join(elsewhere, 'lib'));
    await core.dispose();
    // The folder's parent becomes a file: the library cannot be created there any more.
    rmSync(elsewhere, { recursive: true, force: true });
    (await import('node:fs')).writeFileSync(elsewhere, 'not a folder');
    core = await createAppCore({
      shell: 'browser-host', dataDir, version: '0.0.0', versions: {}, clock: systemClock, logger: silent,
      secrets: new InMemorySecretStore(), events: { emit() {} },
    });
    expect(core.libraryDir).toBe(path.join(dataDir, 'library'));
    const view = await call('settings:get', {});
    expect(view.loadNotice).toContain(path.join(elsewhere, 'lib'));
    expect(view.settings.libraryDir).toBeNull();
    rmSync(elsewhere, { force: true });
  });
});
