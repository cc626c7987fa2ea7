/**
 * The README's two commands, as a new user runs them: a fresh clone, the machine's own Node (20 on these machines)
 * first on PATH, no Electron binary, a clean environment (no npm_* / vitest variables, no .tools on PATH).
 *   npm ci && npm start   → the browser host's URL within 90 s, and the page loads in Chromium;
 *   npm test -- --quick   → ends with its "N passed, 0 failed" line.
 * The clone's npm ci runs as on a machine without libsecret-1-dev (a pkg-config that knows no libsecret-1, and
 * keytar's prebuilt download is unreachable here): keytar, an optional dependency, is dropped and npm ci still
 * succeeds; `npm test` later, with the headers there, runs npm ci again so the keychain suite has keytar.
 * Reuses the machine's npm cache (prefer-offline), so its npm ci costs ~40 s on 2 cores.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startInGroup, waitForOutput, runToEnd, userEnvironment } from './clone-harness';

const repo = process.cwd();
let work = '';
let clone = '';
let env: NodeJS.ProcessEnv = {};

beforeAll(() => {
  const cloned = Date.now();
  work = mkdtempSync(path.join(os.tmpdir(), 'imagine-fresh-clone-'));
  clone = path.join(work, 'imagine-studio');
  execFileSync('git', ['clone', '--quiet', repo, clone]);
  mkdirSync(path.join(work, 'data'));
  env = userEnvironment({ dataDir: path.join(work, 'data'), home: process.env.HOME ?? os.homedir() });
  console.log(`fresh clone: git clone took ${((Date.now() - cloned) / 1000).toFixed(1)} s`);
});

// node_modules + .tools of the clone: ~700 MB of small files, slow to delete on a busy disk (hookTimeout 300 s).
afterAll(() => {
  const removing = Date.now();
  if (work) rmSync(work, { recursive: true, force: true });
  console.log(`fresh clone: removing it took ${((Date.now() - removing) / 1000).toFixed(1)} s`);
});

const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

test('a fresh clone: `npm ci && npm start` serves the app within 90 s on the system Node, then `npm test -- --quick` passes', async () => {
  const systemNode = execFileSync('node', ['--version'], { env, encoding: 'utf8' }).trim();
  const oldNode = Number(systemNode.replace(/^v/, '').split('.')[0]) < 24;

  const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
  const installStarted = Date.now();
  const noLibsecret = { ...env, PATH: `${withoutLibsecretHeaders()}${path.delimiter}${env.PATH}` };
  const install = await runToEnd('npm', ['ci', '--no-audit', '--no-fund'], { cwd: clone, env: noLibsecret, timeoutMs: 300_000 });
  console.log(`fresh clone: npm ci took ${seconds(installStarted)} (${systemNode}, no libsecret-1-dev)`);
  expect(install.code, install.output).toBe(0);
  if (oldNode) expect(install.output).toContain('The engine warnings above are expected');
  expect(install.output).toContain('The OS keychain module (keytar) was not built: its build needs libsecret-1-dev');
  expect(existsSync(path.join(clone, 'node_modules', 'keytar', 'build', 'Release', 'keytar.node'))).toBe(false);

  const started = Date.now();
  let start: ReturnType<typeof startInGroup> | null = null;
  try {
    start = startInGroup('npm', ['start'], { cwd: clone, env });
    const output = await waitForOutput(start, /Imagine Studio is running at (\S+)/, 90_000);
    const url = output.match![1]!;
    console.log(`fresh clone: npm start printed the URL after ${seconds(started)}`);
    expect(output.text).toContain('Starting the browser host instead of the desktop app: the Electron binary is not installed');
    if (oldNode) expect(output.text).toContain(`Node ${systemNode.slice(1)} is running this`);

    await expectAppLoads(url);
  } finally {
    if (start?.pid) await stopGroup(start);
  }

  const quickStarted = Date.now();
  const quick = await runToEnd('npm', ['test', '--', '--quick'], { cwd: clone, env, timeoutMs: 300_000 });
  const summary = [...quick.output.matchAll(/^(\d+) passed, (\d+) failed, \d+ skipped$/gm)].at(-1);
  expect(summary, quick.output.slice(-4000)).toBeDefined();
  expect(Number(summary![1])).toBeGreaterThan(0);
  expect(summary![2], quick.output.slice(-4000)).toBe('0');
  expect(quick.code).toBe(0);
  expect(quick.output).toContain('The keychain module (keytar) was not built when npm ci ran');
  expect(existsSync(path.join(clone, 'node_modules', 'keytar', 'build', 'Release', 'keytar.node'))).toBe(true);
  console.log(`fresh clone: npm test -- --quick took ${seconds(quickStarted)}: ${summary![0]}`);
});

/** A folder for PATH whose pkg-config knows no libsecret-1, as on a machine without libsecret-1-dev. */
function withoutLibsecretHeaders() {
  const dir = mkdtempSync(path.join(work, 'no-libsecret-'));
  writeFileSync(path.join(dir, 'pkg-config'), '#!/bin/sh\necho "Package libsecret-1 was not found in the pkg-config search path." >&2\nexit 1\n', { mode: 0o755 });
  return dir;
}

/** Opens the printed URL in Chromium and waits for the app to be up (first run: the welcome screen). */
async function expectAppLoads(url: string) {
  const browser = await chromium.launch({
    ...(systemChromium ? { executablePath: systemChromium } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.locator('html[data-app-state="ready"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByRole('heading', { name: 'Welcome to Imagine Studio' }).count(), { timeout: 10_000 }).toBe(1);
  } finally {
    await browser.close();
  }
}

/** npm start runs npm → node 20 → node 24 → tsx → host: stop the whole process group, as Ctrl+C would. */
async function stopGroup(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, 'SIGINT');
  await exited;
}

/** A stand-in Electron binary (ELECTRON_OVERRIDE_DIST_PATH): prints the ready marker and quits, or dies first. */
function fakeElectron(kind: 'comes-up' | 'dies') {
  const dir = mkdtempSync(path.join(work, 'electron-'));
  const body = kind === 'comes-up'
    ? 'echo "fake electron: $*"\necho IMAGINE_DESKTOP_READY\nexit 0\n'
    : 'echo "fake electron: Missing X server or $DISPLAY" >&2\nexit 1\n';
  writeFileSync(path.join(dir, 'electron'), `#!/bin/sh\n${body}`, { mode: 0o755 });
  return dir;
}

// These reuse the clone the test above installed (its node_modules, .tools/ and out/).
test('npm start with an Electron binary and a display opens the desktop app, and no browser host', async () => {
  const result = await runToEnd('npm', ['start'], {
    cwd: clone, env: { ...env, ELECTRON_OVERRIDE_DIST_PATH: fakeElectron('comes-up'), DISPLAY: ':99', BROWSER: 'none' }, timeoutMs: 120_000,
  });
  expect(result.code, result.output).toBe(0);
  // The app folder, with the main process's memory settings (V8's young generation, scripts/setup/host-memory.mjs).
  expect(result.output).toContain('fake electron: --js-flags=--max-semi-space-size=16 .');
  expect(result.output).not.toContain('IMAGINE_DESKTOP_READY');
  expect(result.output).not.toContain('browser host');
});

test('npm start falls back to the browser host, saying why, when the desktop app dies before its window is up', async () => {
  let start: ReturnType<typeof startInGroup> | null = null;
  try {
    start = startInGroup('npm', ['start', '--', '--port', '0'], {
      cwd: clone, env: { ...env, ELECTRON_OVERRIDE_DIST_PATH: fakeElectron('dies'), DISPLAY: ':99', BROWSER: 'none' },
    });
    const output = await waitForOutput(start, /Imagine Studio is running at (\S+)/, 90_000);
    expect(output.text).toContain('Missing X server');
    expect(output.text).toContain('Starting the browser host instead of the desktop app: the desktop app could not start (Electron exited with 1 before its window was up; see above).');
    await expectAppLoads(output.match[1]!);
  } finally {
    if (start?.pid) await stopGroup(start);
  }
});
