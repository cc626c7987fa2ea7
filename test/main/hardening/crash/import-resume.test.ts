/**
 * An import killed half-way (SIGKILL of the host, files in flight) and run again on the next start: what was in
 * stays, the rest comes in, and nothing is in twice — the re-run reports the files it already has as duplicates.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportResult, LibraryQueryOutput, LibraryRecord } from '@contract';
import { startHostProcess } from '../../../e2e/support/host-process';
import { connectHost, type HostClient } from '../support/ws-client';

const FILES = 30;
const IN_FLIGHT = 4;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'imagine-import-resume-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** 30 distinct JPEGs (a colour each). */
const photos = Promise.all(
  Array.from({ length: FILES }, (_, n) =>
    sharp({ create: { width: 320, height: 240, channels: 3, background: { r: (n * 37) % 256, g: (n * 91) % 256, b: 200 } } }).jpeg().toBuffer(),
  ),
);

/** Sends every file as the page does (a few in flight), stopping early once `stopAfter` answers are back. */
async function importAll(client: HostClient, stopAfter = Infinity) {
  const files = await photos;
  const { job } = await client.invoke<{ job: string }>('library:import-begin', { total: FILES });
  const results: ImportResult[] = [];
  let next = 0;
  const lane = async () => {
    while (next < files.length && results.length < stopAfter) {
      const n = next++;
      const base64 = (files[n] as Buffer).toString('base64');
      results.push(await client.invoke<ImportResult>('library:import', { source: { kind: 'bytes', name: `photo-${n}.jpg`, base64 }, job }));
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return results;
}

async function waitForCheck(client: HostClient) {
  for (let i = 0; i < 600; i += 1) {
    const { status } = await client.invoke<{ status: { state: string } | null }>('library:maintenance');
    if (status && status.state !== 'running') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the start-up check did not end');
}

describe('an import killed half-way and run again', () => {
  it('ends with every file in exactly once; the re-run reports what was there as duplicates', async () => {
    const first = await startHostProcess({ dataDir });
    const client = await connectHost(first.url);
    // Kill the host the moment a third of the answers are back: more files are being decoded and written then.
    const killed = importAll(client, FILES / 3).catch(() => []);
    for (let i = 0; i < 2000 && first.child.exitCode === null; i += 1) {
      const done = await client.invoke<LibraryQueryOutput>('library:query', { filter: {}, limit: 1 }).catch(() => null);
      if ((done?.total ?? 0) >= FILES / 3) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await first.stop('SIGKILL');
    await killed;
    client.close();

    const second = await startHostProcess({ dataDir });
    const again = await connectHost(second.url);
    try {
      await waitForCheck(again);
      const before = (await again.invoke<LibraryQueryOutput>('library:query', { filter: {}, limit: 1 })).total;
      expect(before).toBeGreaterThanOrEqual(FILES / 3);
      expect(before).toBeLessThan(FILES);
      const rerun = await importAll(again);
      const imported = rerun.flatMap((r) => r.imported);
      const duplicates = rerun.flatMap((r) => r.duplicates);
      expect(rerun.flatMap((r) => r.rejected)).toEqual([]);
      expect(imported.length + duplicates.length).toBe(FILES);
      expect(duplicates.length).toBe(before);
      const all = await again.invoke<LibraryQueryOutput>('library:query', { filter: {}, limit: 1000 });
      expect(all.total).toBe(FILES);
      const { records } = await again.invoke<{ records: LibraryRecord[] }>('library:records', { ids: all.ids });
      expect(new Set(records.map((r) => r.contentHash)).size).toBe(FILES);
    } finally {
      again.close();
      await second.stop();
    }
  }, 120_000);
});
