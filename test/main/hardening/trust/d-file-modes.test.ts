/**
 * Issue 12, D: private by default. A real browser-host process started with umask 022 (what most shells have)
 * imports a file and runs a paid generation against the simulator; afterwards every folder of its data folder is
 * 0700 and every file 0600 — databases with their WAL/SHM, logs, media, thumbnails, previews, settings, staging.
 * A data folder an older version left world-readable is tightened at start.
 */
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../../src-main/simulator';
import { startHostProcess, type HostProcess } from '../../../e2e/support/host-process';
import { connectHost } from '../support/ws-client';

/** Every path under `root` (itself included) whose mode is not 0700 (folders) or 0600 (files), with its mode. */
function loose(root: string): string[] {
  const out: string[] = [];
  const visit = (p: string) => {
    const info = lstatSync(p);
    const mode = info.mode & 0o777;
    if (info.isDirectory()) {
      if (mode !== 0o700) out.push(`${path.relative(root, p) || '.'} ${mode.toString(8)}`);
      for (const name of readdirSync(p)) visit(path.join(p, name));
    } else if (info.isFile() && mode !== 0o600) out.push(`${path.relative(root, p)} ${mode.toString(8)}`);
  };
  visit(root);
  return out;
}

const kinds = (root: string) => readdirSync(root, { recursive: true }).map(String);

let sim: Simulator;
let previousUmask: number;
const sandboxes: string[] = [];
const hosts: HostProcess[] = [];

beforeAll(async () => {
  // The child inherits the umask: start it the way a typical login shell would.
  previousUmask = process.umask(0o022);
  sim = await startSimulator({ latencyMs: 0 });
});
afterAll(async () => {
  for (const host of hosts) await host.stop();
  await sim.close();
  process.umask(previousUmask);
  for (const dir of sandboxes) rmSync(dir, { recursive: true, force: true });
});

function sandbox(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'imagine-trust-d-'));
  sandboxes.push(dir);
  return path.join(dir, 'data');
}

describe('D: the data folder is private', () => {
  it('after an import and a generation under umask 022, every folder is 0700 and every file 0600', async () => {
    const host = await startHostProcess({ dataDir: sandbox(), args: ['--api-base-url', `${sim.url}/v1`] });
    hosts.push(host);
    const client = await connectHost(host.url);
    const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#aa5533' } }).png().toBuffer();
    await client.invoke('library:import', { source: { kind: 'bytes', name: 'mine.png', base64: png.toString('base64') } });
    await client.invoke('jobs:submit', { prompts: ['a private lighthouse'], n: 1, model: 'grok-imagine-image', aspectRatio: '1:1', resolution: '1k' });
    await expect.poll(async () => (await client.invoke<{ total: number }>('library:query', { filter: { trashed: false }, sort: 'newest', limit: 10 })).total, { timeout: 30_000 }).toBe(2);
    // Thumbnails and previews are made in the background: wait for them, so they are checked too.
    await expect.poll(() => kinds(path.join(host.dataDir, 'library')).filter((p) => /^(thumbs|previews)\/..\/.+\./.test(p)).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    client.close();
    const names = kinds(host.dataDir);
    for (const expected of ['jobs.db', 'settings.json', 'library/library.db', 'logs']) expect(names, expected).toContain(expected);
    expect(names.some((n) => n.endsWith('-wal'))).toBe(true);
    expect(loose(host.dataDir)).toEqual([]);
  });

  it('tightens a data folder an older version left readable to others, at start', async () => {
    const dataDir = sandbox();
    mkdirSync(path.join(dataDir, 'library', 'media', 'ab'), { recursive: true });
    writeFileSync(path.join(dataDir, 'settings.json'), '{}');
    writeFileSync(path.join(dataDir, 'library', 'media', 'ab', `ab${'2'.repeat(30)}.png`), 'old');
    for (const p of ['', 'library', 'library/media', 'library/media/ab']) chmodSync(path.join(dataDir, p), 0o755);
    for (const p of ['settings.json', `library/media/ab/ab${'2'.repeat(30)}.png`]) chmodSync(path.join(dataDir, p), 0o644);
    expect(loose(dataDir).length).toBeGreaterThanOrEqual(6);
    const host = await startHostProcess({ dataDir, args: ['--api-base-url', `${sim.url}/v1`] });
    hosts.push(host);
    await expect.poll(() => loose(dataDir), { timeout: 20_000 }).toEqual([]);
  });
});
