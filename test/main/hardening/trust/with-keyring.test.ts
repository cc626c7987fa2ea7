/**
 * Issue 12, point 7: scripts/with-keyring.sh used to `exec` the D-Bus session, which replaced the shell and skipped
 * its cleanup trap, so every run left a keyring folder with stored test keys (under a known password) in /tmp.
 * The daemon also outlives the session and writes its keyring back. Run here with stand-ins for dbus-run-session
 * and gnome-keyring-daemon on PATH (so it runs on any machine): the folder is gone after success, failure and
 * SIGTERM, stays gone, and the command's exit status comes through.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const script = path.resolve(import.meta.dirname, '../../../../scripts/with-keyring.sh');
let sandbox: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  sandbox = mkdtempSync(path.join(os.tmpdir(), 'imagine-with-keyring-'));
  const bin = path.join(sandbox, 'bin');
  mkdirSync(bin);
  mkdirSync(path.join(sandbox, 'tmp'));
  // dbus-run-session -- CMD…: runs CMD; the daemon stand-in reads the password and leaves a file in the keyring.
  writeFileSync(path.join(bin, 'dbus-run-session'), '#!/usr/bin/env bash\nshift\n"$@"\n');
  // Like the real daemon, it stays alive after the session and writes its keyring again a moment later.
  writeFileSync(path.join(bin, 'gnome-keyring-daemon'), [
    '#!/usr/bin/env bash',
    'mkdir -p "$XDG_DATA_HOME/keyrings"',
    'cat > "$XDG_DATA_HOME/keyrings/login.keyring"',
    '( trap "exit 0" TERM; sleep 1; mkdir -p "$XDG_DATA_HOME/keyrings"; touch "$XDG_DATA_HOME/keyrings/user.keystore" ) >/dev/null 2>&1 &',
  ].join('\n'));
  for (const f of ['dbus-run-session', 'gnome-keyring-daemon']) chmodSync(path.join(bin, f), 0o755);
  env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, TMPDIR: path.join(sandbox, 'tmp') };
});
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

const leftovers = () => readdirSync(path.join(sandbox, 'tmp'));

// Not on Windows: with-keyring.sh is a bash script around dbus-run-session and gnome-keyring, which Windows lacks.
describe.skipIf(process.platform === 'win32')('scripts/with-keyring.sh', () => {
  it('removes its keyring folder after the command succeeds, and the command saw it', () => {
    const run = spawnSync('bash', [script, 'bash', '-c', 'test -f "$XDG_DATA_HOME/keyrings/login.keyring" && echo "$XDG_DATA_HOME"'], { env, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const home = run.stdout.trim();
    expect(home.startsWith(path.join(sandbox, 'tmp'))).toBe(true);
    expect(existsSync(home)).toBe(false);
    // The daemon of this run was stopped, so it cannot bring the folder back.
    spawnSync('sleep', ['1.5']);
    expect(leftovers()).toEqual([]);
  });

  it('removes it when the command fails, and passes the exit status on', () => {
    const run = spawnSync('bash', [script, 'bash', '-c', 'exit 3'], { env, encoding: 'utf8' });
    expect(run.status).toBe(3);
    expect(leftovers()).toEqual([]);
  });

  it('removes it when the script is stopped with SIGTERM', async () => {
    const child = spawn('bash', [script, 'bash', '-c', 'echo started; sleep 0.5'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    expect(leftovers()).toHaveLength(1);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(143);
    expect(leftovers()).toEqual([]);
  });
});
