/**
 * A real `createAppCore` on a throw-away data dir, behind the real dispatcher, for the hostile-input and fuzz
 * suites. The data dir sits three folders deep inside a sandbox, beside a canary folder and a private TMPDIR, so
 * a write that escapes the data dir (`../../x`, an absolute path, a temp file left behind) shows up in a
 * before/after snapshot of the sandbox.
 */
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Envelope } from '@contract';
import { systemClock } from '../../../../src-main/adapters/system-clock';
import { createAppCore, type AppCore, type CoreOptions } from '../../../../src-main/app-core';
import { createDispatcher, type Dispatch } from '../../../../src-main/ipc/dispatcher';
import { createSenderGuard } from '../../../../src-main/ipc/sender-guard';

/** The origin the harness's calls come from (the sender guard is real, so it must be allowed). */
export const APP_SENDER = { origin: 'app://hardening', isMainFrame: true } as const;

/** Nothing listens on port 9 (discard): a call that tries the network fails fast instead of reaching xAI. */
export const DEAD_API = 'http://127.0.0.1:9/v1';

export interface LoggedLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

export interface CoreHarness {
  sandbox: string;
  dataDir: string;
  core: AppCore;
  dispatch: Dispatch;
  /** Calls a channel as the app's own main frame. */
  call(channel: unknown, input: unknown): Promise<Envelope<unknown>>;
  /** Every log line since start (the dispatcher logs `ipc: handler failed` for internal errors). */
  logs: LoggedLine[];
  /** Paths (relative to the sandbox) with size and kind, for everything outside the data dir. */
  snapshotOutside(): string[];
  close(): Promise<void>;
}

function walk(root: string, skip: string, out: string[], rel = ''): void {
  let names: string[];
  try {
    names = readdirSync(path.join(root, rel));
  } catch {
    return;
  }
  for (const name of names.sort()) {
    const relPath = path.join(rel, name);
    const full = path.join(root, relPath);
    if (full === skip) continue;
    const info = lstatSync(full);
    const kind = info.isSymbolicLink() ? 'link' : info.isDirectory() ? 'dir' : 'file';
    out.push(`${kind} ${relPath} ${kind === 'file' ? info.size : ''}`);
    if (kind === 'dir') walk(root, skip, out, relPath);
  }
}

/** Starts a core in a fresh sandbox. TMPDIR points inside the sandbox until `close`. `extra`: more shell ports (a desktop). */
export async function startCoreHarness(prefix = 'imagine-hardening-', extra: Pick<CoreOptions, 'desktop'> = {}): Promise<CoreHarness> {
  const sandbox = mkdtempSync(path.join(os.tmpdir(), prefix));
  const dataDir = path.join(sandbox, 'outer', 'inner', 'data');
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(path.join(sandbox, 'tmp'));
  mkdirSync(path.join(sandbox, 'canary'));
  writeFileSync(path.join(sandbox, 'canary', 'keep.txt'), 'untouched');
  const previousTmp = process.env.TMPDIR;
  process.env.TMPDIR = path.join(sandbox, 'tmp');
  const logs: LoggedLine[] = [];
  const logger = {
    info: (message: string, fields?: Record<string, unknown>) => void logs.push({ level: 'info', message, fields }),
    warn: (message: string, fields?: Record<string, unknown>) => void logs.push({ level: 'warn', message, fields }),
    error: (message: string, fields?: Record<string, unknown>) => void logs.push({ level: 'error', message, fields }),
  };
  const core = await createAppCore({
    shell: 'browser-host',
    dataDir,
    version: '0.0.0-hardening',
    versions: {},
    events: { emit() {} },
    clock: systemClock,
    logger,
    apiBaseUrl: DEAD_API,
    ...extra,
  });
  const dispatch = createDispatcher({ handlers: core.handlers, guard: createSenderGuard([APP_SENDER.origin]), logger });
  return {
    sandbox,
    dataDir,
    core,
    dispatch,
    logs,
    call: (channel, input) => dispatch(channel, input, APP_SENDER),
    snapshotOutside() {
      const out: string[] = [];
      walk(sandbox, dataDir, out);
      return out;
    },
    async close() {
      await core.dispose();
      if (previousTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmp;
      rmSync(sandbox, { recursive: true, force: true });
    },
  };
}

/** Rejects when `work` takes longer than `ms`: a hostile input must never hang a call. */
export async function within<T>(ms: number, label: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Keys that must never appear on Object.prototype (a pollution check after each run). */
export function prototypeIsClean(): boolean {
  const probe = {} as Record<string, unknown>;
  return (
    Object.getOwnPropertyNames(Object.prototype).sort().join() === CLEAN_PROTO_KEYS &&
    probe.polluted === undefined &&
    probe.isAdmin === undefined &&
    Object.getPrototypeOf(probe) === Object.prototype
  );
}
const CLEAN_PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join();
