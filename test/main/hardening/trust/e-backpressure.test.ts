/**
 * Issue 12, E: one socket cannot make the host hoard memory. Sixteen 20 MiB imports sent at once over one
 * WebSocket (the page's bridge sends them in small chunks) used to take the host from 155 MB to 1.66 GB; now the
 * bridge caps calls and bytes in flight per socket and stops reading until answers bring it back under, so the
 * host process's peak RSS (VmHWM, read from /proc) stays under 600 MB and it answers afterwards. A bounded-
 * behaviour test: it measures memory, not time.
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, startHostProcess, type HostProcess } from '../../../e2e/support/host-process';
import { connectHost } from '../support/ws-client';
import { DEAD_API } from '../ipc/core-harness';

const MiB = 1024 * 1024;
let host: HostProcess | undefined;
afterAll(async () => {
  await host?.stop();
  if (host) removeDir(host.dataDir);
});

/** Peak and current resident set of a process, in MB (Linux /proc). */
function memoryOf(pid: number): { peakMb: number; nowMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peakMb: kb('VmHWM') / 1024, nowMb: kb('VmRSS') / 1024 };
}

/** A distinct uncompressed PNG of about `bytes` (noise, so every copy is a new image, not a duplicate). */
async function bigPng(seed: number, bytes: number): Promise<Buffer> {
  const side = Math.ceil(Math.sqrt(bytes / 3));
  const raw = Buffer.alloc(side * side * 3);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < raw.length; i += 4096) {
    x = (x * 1103515245 + 12345) >>> 0;
    raw.fill(x & 0xff, i, Math.min(i + 4096, raw.length));
  }
  return sharp(raw, { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
}

// Linux only: the peak RSS is read from /proc/<pid>/status (VmHWM), which other systems do not have.
describe.skipIf(process.platform !== 'linux')('E: backpressure on the WebSocket bridge', () => {
  it('16 concurrent 20 MiB imports on one socket keep the host under 600 MB, and it answers afterwards', async () => {
    host = await startHostProcess({ args: ['--api-base-url', DEAD_API] });
    const pid = host.child.pid!;
    const client = await connectHost(host.url);
    const before = memoryOf(pid);
    const files = await Promise.all(Array.from({ length: 16 }, (_, i) => bigPng(i, 20 * MiB)));
    expect(files.every((f) => f.byteLength >= 20 * MiB)).toBe(true);
    const results = await Promise.allSettled(
      files.map((f, i) => client.invoke('library:import', { source: { kind: 'bytes', name: `big-${i}.png`, base64: f.toString('base64') } })),
    );
    const after = memoryOf(pid);
    console.log(`host RSS: ${before.nowMb.toFixed(0)} MB before, peak ${after.peakMb.toFixed(0)} MB, ${after.nowMb.toFixed(0)} MB after`);
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect(after.peakMb).toBeLessThan(600);
    expect(await client.invoke('app:ping', { message: 'still here' })).toMatchObject({ message: 'still here' });
    const { total } = await client.invoke<{ total: number }>('library:query', { filter: { trashed: false }, sort: 'newest', limit: 1 });
    expect(total).toBe(16);
    client.close();
  }, 600_000);
});
