import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * The environment a new user's shell would have: the machine's PATH without this checkout's tools (.tools/ Node,
 * node_modules/.bin), none of the npm_* variables of the `npm test` that runs this, none of vitest's (NODE_ENV=test).
 * No display (no browser is opened), no Electron download (the test is about the machine without the binary),
 * a private data folder, and npm's cache reused (prefer-offline).
 */
export function userEnvironment(options: { dataDir: string; home: string }): NodeJS.ProcessEnv {
  const keep = ['HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'TERM', 'TMPDIR', 'SHELL', 'XDG_CACHE_HOME', 'XDG_CONFIG_HOME'];
  const env: NodeJS.ProcessEnv = {};
  for (const key of keep) if (process.env[key] !== undefined) env[key] = process.env[key];
  const ownTools = (dir: string) => dir.includes(`${path.sep}.tools${path.sep}`) || dir.includes('node_modules');
  env.PATH = (process.env.PATH ?? '').split(path.delimiter).filter((d) => d && !ownTools(d)).join(path.delimiter);
  env.HOME = options.home;
  env.IMAGINE_DATA_DIR = options.dataDir;
  env.IMAGINE_SKIP_ELECTRON_DOWNLOAD = '1';
  env.npm_config_prefer_offline = 'true';
  return env;
}

export interface Finished {
  code: number | null;
  output: string;
}

/** Spawns a command in its own process group (so the whole tree can be stopped), collecting stdout + stderr. */
export function startInGroup(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): ChildProcess & { log: () => string } {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  return Object.assign(child, { log: () => log });
}

/** Runs a command to its end (or kills its group at the deadline) and returns its exit code and output. */
export async function runToEnd(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<Finished> {
  const child = startInGroup(command, args, options);
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), options.timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output: child.log() };
}

/** Waits until the child's output matches `pattern`; fails with the output so far if it exits or the deadline passes. */
export function waitForOutput(child: ChildProcess & { log: () => string }, pattern: RegExp, deadlineMs: number) {
  return new Promise<{ match: RegExpExecArray; text: string }>((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(child.log());
      if (match) {
        cleanup();
        resolve({ match, text: child.log() });
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`exited with ${code} before printing ${pattern}:\n${child.log()}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no ${pattern} within ${deadlineMs / 1000} s:\n${child.log()}`));
    }, deadlineMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout!.off('data', check);
      child.stderr!.off('data', check);
      child.off('exit', onExit);
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.once('exit', onExit);
    check();
  });
}
