/**
 * Import by path. A renderer can no longer name a path at all (`{kind:'paths'}` is gone: only tokens main issued
 * after a native dialog are accepted), so a compromised renderer is refused outright. What remains is what a user
 * might pick in the dialog itself: device files, endless streams, FIFOs, secrets in /proc, directories, relative
 * paths, symlinks to devices, a sparse file over the 64 MB limit. Each must be refused per file with a reason,
 * quickly, without reading the whole of anything unbounded.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScriptedDesktop } from '../../../../src-main/core/desktop/scripted-desktop';
import { startCoreHarness, within, type CoreHarness } from '../ipc/core-harness';

let h: CoreHarness;
let dir: string;
/** The dialog answers whatever the test puts here, as if the user had picked it. */
const picked = createScriptedDesktop();

/** Picks `paths` in the (scripted) dialog and imports them by the tokens main hands out. */
async function importPicked(paths: string[]) {
  picked.answers.files = paths;
  const chosen = await h.call('desktop:choose-files', {});
  if (!chosen.ok) throw new Error(JSON.stringify(chosen.error));
  const tokens = (chosen.value as { files: { token: string }[] }).files.map((f) => f.token);
  return h.call('library:import', { source: { kind: 'chosen', tokens } });
}

beforeAll(async () => {
  h = await startCoreHarness('imagine-hostile-paths-', { desktop: picked.desktop });
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
  it.each([['/etc/passwd'], ['relative/file.png'], ['/dev/zero']])('refuses the raw path %s from the renderer before reading anything', async (p) => {
    const env = await h.call('library:import', { source: { kind: 'paths', paths: [p] } });
    expect(env).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it.each([
    ['/dev/zero', /not found/i],
    ['/dev/urandom', /not found/i],
    ['/dev/stdin', /not found/i],
    ['/proc/self/environ', /not an image or video/i],
    ['/proc/self/mem', /not an image or video|could not read/i],
    ['/etc/passwd', /not an image or video: it is a text file/i],
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
    const env = await within(10_000, given, importPicked([p]));
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
    const env = await within(20_000, 'bulk', importPicked(Array.from({ length: 1000 }, () => '/dev/zero')));
    expect(env.ok).toBe(true);
  });

  it('logged no internal error', () => {
    expect(h.logs.filter((l) => l.level === 'error')).toEqual([]);
  });
});
