import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReconcileReport } from '../../../src-main/services/library/reconcile';
import { tempDir } from './fixtures';
import { jpeg, openLibrary } from './service-harness';

describe('ingests and the background check side by side', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => cleanup());

  it.each(['after-media', 'after-renditions', 'after-sidecar'] as const)(
    'a check run while an ingest is at %s leaves its files alone (not an orphan, not adopted twice)',
    async (at) => {
      let sweep: Promise<ReconcileReport> | undefined;
      const lib = openLibrary(dir, (step) => {
        // The files are on disk, the row is not: a dead process's leftovers would look exactly like this.
        if (step === at) sweep = lib.service.reconcile();
      });
      const record = await lib.service.ingest({ bytes: await jpeg(), kind: 'image', origin: 'generated', prompt: 'owl' });
      const report = await sweep!;
      expect(report).toMatchObject({ removedOrphans: 0, imported: 0, markedMissing: 0 });
      expect(existsSync(path.join(dir, record.file))).toBe(true);
      expect(lib.service.records([record.id])[0]?.missing).toBe(false);
      await lib.close();
    },
  );

  it('an ingest does not wait for a running check', async () => {
    const lib = openLibrary(dir);
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const listShard = lib.adapters.files.listShard.bind(lib.adapters.files);
    lib.adapters.files.listShard = async (shard) => (shard === '80' ? (await held, listShard(shard)) : listShard(shard));
    const check = lib.service.reconcile();
    const record = await lib.service.ingest({ bytes: await jpeg(), kind: 'image', origin: 'generated' });
    expect(lib.service.maintenanceStatus()).toMatchObject({ task: 'check', state: 'running' });
    release();
    expect((await check).complete).toBe(true);
    expect(lib.service.maintenanceStatus()).toMatchObject({ task: 'check', state: 'done', progress: 1 });
    expect(lib.service.records([record.id])[0]?.missing).toBe(false);
    await lib.close();
  });

  it("leaves files another process writes after the check began (the CLI on the same library)", async () => {
    const lib = openLibrary(dir);
    const stranger = path.join(dir, 'media', 'ab', `ab${'2'.repeat(30)}.jpg`);
    const listShard = lib.adapters.files.listShard.bind(lib.adapters.files);
    lib.adapters.files.listShard = async (shard) => {
      if (shard === 'ab') {
        await mkdir(path.dirname(stranger), { recursive: true });
        await writeFile(stranger, await jpeg());
      }
      return listShard(shard);
    };
    expect((await lib.service.reconcile()).removedOrphans).toBe(0);
    expect(existsSync(stranger)).toBe(true);
    await lib.close();
    // The next start's check finds it older than itself: a leftover, removed.
    const next = openLibrary(dir);
    expect((await next.service.reconcile()).removedOrphans).toBe(1);
    expect(existsSync(stranger)).toBe(false);
    await next.close();
  });

  it('makes a poster for a clip shorter than the 0.1 s skip', async () => {
    const clip = path.join(dir, 'short.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=25', '-t', '0.04', '-pix_fmt', 'yuv420p', '-y', clip]);
    const lib = openLibrary(path.join(dir, 'lib'));
    const record = await lib.service.ingest({ bytes: readFileSync(clip), kind: 'video', origin: 'generated' });
    await lib.service.idle();
    expect(existsSync(path.join(dir, 'lib', record.thumb!))).toBe(true);
    expect(existsSync(path.join(dir, 'lib', record.preview!))).toBe(true);
    await lib.close();
  });
});
