import { spawn, type ChildProcess } from 'node:child_process';
import { HOST_NODE_FLAGS, mallocEnv } from '../../../scripts/setup/host-memory.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A browser host running as a real child process, so tests can kill and restart it like a user's machine. */
export interface HostProcess {
  /** The address it printed at start: its ticket (after `#`) signs in one browser tab, once. */
  url: string;
  origin: string;
  /**
   * A fresh address for one more tab or client: the one the host printed after the last ticket was spent (waits
   * for it). Each address is handed out once.
   */
  nextUrl(): Promise<string>;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * `port`: listen on this port (a restart "on the same address", so an open page can reconnect); default any free one.
 * `compiled`: run the host as `npm start` does, built (`out/main/browser-host.js`, after `npm run build`), instead of
 * from source through tsx (tests: always the source under test, whatever `out/` holds).
 */
export async function startHostProcess(
  options: { dataDir?: string; env?: Record<string, string>; args?: string[]; port?: number; compiled?: boolean } = {},
): Promise<HostProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'imagine-e2e-'));
  // A private renderer build, for shared machines where others rebuild `out/` while tests run.
  const rendererArgs = process.env.E2E_RENDERER_DIR ? ['--renderer-dir', process.env.E2E_RENDERER_DIR] : [];
  const child = spawn(
    process.execPath,
    [...HOST_NODE_FLAGS, ...(options.compiled ? ['out/main/browser-host.js'] : ['--import', 'tsx', 'src-main/shells/browser-host.ts']), '--data-dir', dataDir, '--port', String(options.port ?? 0), ...rendererArgs, ...(options.args ?? [])],
    // Default: a returning user whose key comes from XAI_API_KEY, and a file-less secret store, so no test ever
    // reads or writes the real keychain of the machine it runs on. Specs override either through `env`.
    { env: { ...process.env, ...mallocEnv(), XAI_API_KEY: 'xai-e2e-default-key-0000', IMAGINE_SECRET_STORE: 'memory', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  // Addresses in the order printed: the launch one, then one after each spent ticket (`IMAGINE_HOST_URL`).
  const printed: string[] = [];
  let handedOut = 1;
  let onPrinted = () => {};
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${log}`)), 30_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      for (const match of log.matchAll(/IMAGINE_HOST_(?:READY|URL) (\S+)/g)) if (match[1] && !printed.includes(match[1])) printed.push(match[1]);
      onPrinted();
      // The ready marker, instead of a sleep.
      if (printed[0]) {
        clearTimeout(timer);
        resolve(printed[0]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => (log += c.toString()));
    child.once('exit', (code) => reject(new Error(`host exited with ${code}:\n${log}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    nextUrl() {
      const index = handedOut++;
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the host printed no address #${index + 1}: was the last one opened?\n${log}`)), 30_000);
        const check = () => {
          const found = printed[index];
          if (!found) return;
          clearTimeout(timer);
          onPrinted = () => {};
          resolve(found);
        };
        onPrinted = check;
        check();
      });
    },
    dataDir,
    child,
    output: () => log,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
  };
}

export function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}
