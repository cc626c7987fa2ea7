/**
 * `library:import` with `{kind:'paths'}` from a compromised renderer: device files, endless streams, FIFOs, secrets
 * in /proc, directories, relative paths, symlinks to devices, a sparse file over the 64 MB limit. Each must be
 * refused per file with a reason, quickly, without reading the whole of anything unbounded.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoreHarness, within, type CoreHarness } from '../ipc/core-harness';

let h: CoreHarness;
let dir: string;

beforeAll(async () => {
  h = await startCoreHarness('imagine-hostile-paths-');
  dir = path.join(h.sandbox, 'canary', 'inputs');
  mkdirSync(dir);
  symlinkSync('/dev/zero', path.join(dir, 'zero.png'));
  writeFileSync(path.join(dir, 'huge.png'), '');
  truncateSync(path.join(dir, 'huge.png'), 100 * 1024 * 1024); // sparse: no disk used
  execFileSync('mkfifo', [path.join(dir, 'pipe.png')]);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('library:import of hostile paths', () => {
  it.each([
    ['/dev/zero', /not found/i],
    ['/dev/urandom', /not found/i],
    ['/dev/stdin', /not found/i],
    ['/proc/self/environ', /not a readable/i],
    ['/proc/self/mem', /not a readable|could not read/i],
    ['/etc/passwd', /not a readable/i],
    ['/', /not found/i],
    ['/no/such/file.png', /not found/i],
    ['relative/file.png', /absolute/i],
    ['../../etc/passwd', /absolute/i],
    ['~/.ssh/id_rsa', /absolute/i],
    ['FIFO', /not found/i],
    ['SYMLINK-TO-DEV-ZERO', /not found/i],
    ['SPARSE-100MB', /too large/i],
    ['DIRECTORY', /not found/i],
  ])('refuses %s', async (given, reason) => {
    const p = ({ FIFO: path.join(dir, 'pipe.png'), 'SYMLINK-TO-DEV-ZERO': path.join(dir, 'zero.png'), 'SPARSE-100MB': path.join(dir, 'huge.png'), DIRECTORY: dir } as Record<string, string>)[given] ?? given;
    const env = await within(10_000, given, h.call('library:import', { source: { kind: 'paths', paths: [p] } }));
    expect(env.ok, JSON.stringify(env)).toBe(true);
    if (!env.ok) return;
    const { imported, rejected } = env.value as { imported: string[]; rejected: { name: string; reason: string }[] };
    expect(imported).toEqual([]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toMatch(reason);
    // The refusal names the file the caller gave, and never carries what was read.
    expect(rejected[0]?.name).toBe(p);
    expect(JSON.stringify(env)).not.toMatch(/PATH=|HOME=/);
  });

  it('refuses 1000 paths in one call without a hang', async () => {
    const env = await within(20_000, 'bulk', h.call('library:import', { source: { kind: 'paths', paths: Array.from({ length: 1000 }, () => '/dev/zero') } }));
    expect(env.ok).toBe(true);
  });

  it('logged no internal error', () => {
    expect(h.logs.filter((l) => l.level === 'error')).toEqual([]);
  });
});
