import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReconcileReport } from '../../../src-main/services/library/reconcile';
import { tempDir } from './fixtures';
import { jpeg, openLibrary } from './service-harness';

describe('ingest and maintenance sweeps never overlap', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => cleanup());

  it('a reconcile asked for mid-ingest waits, so the half-written item is not taken for an orphan', async () => {
    let sweep: Promise<ReconcileReport> | undefined;
    const lib = openLibrary(dir, (step) => {
      // The media file is on disk, its sidecar and row are not: exactly what reconcile deletes as an orphan.
      if (step === 'after-media') sweep = lib.service.reconcile();
    });
    const record = await lib.service.ingest({ bytes: await jpeg(), kind: 'image', origin: 'generated', prompt: 'owl' });
    const report = await sweep!;
    expect(report.removedOrphans).toBe(0);
    expect(existsSync(path.join(dir, record.file))).toBe(true);
    expect(lib.service.records([record.id])[0]?.missing).toBe(false);
    await lib.close();
  });

  it('an ingest asked for during a reconcile starts after the sweep has listed the folder', async () => {
    const order: string[] = [];
    const lib = openLibrary(dir, (step) => void (step === 'before-media' && order.push('ingest')));
    const list = lib.adapters.files.list.bind(lib.adapters.files);
    lib.adapters.files.list = async () => (order.push('list'), list());
    const bytes = await jpeg();
    const sweep = lib.service.reconcile();
    const record = lib.service.ingest({ bytes, kind: 'image', origin: 'generated' });
    await Promise.all([sweep, record]);
    expect(order).toEqual(['list', 'ingest']);
    await lib.close();
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
