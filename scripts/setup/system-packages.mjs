// The Debian packages the test suites need, installed when this process may (root + apt-get), otherwise
// named in the one command to run. Plain JavaScript for any Node >= 18.
import { spawnSync } from 'node:child_process';

/** Each package and why the tests need it. */
export const TEST_PACKAGES = [
  { name: 'chromium', why: 'the end-to-end tests drive the browser host in Chromium' },
  { name: 'libsecret-1-dev', why: 'keytar talks to the Secret Service through libsecret' },
  { name: 'gnome-keyring', why: 'the keychain tests use a real Secret Service' },
  { name: 'dbus', why: 'the keyring runs in a private D-Bus session' },
  { name: 'ffmpeg', why: "the simulator's videos and poster frames" },
];

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Packages of `wanted` that dpkg does not report as installed; null when this is not a dpkg system. */
export function missingDebianPackages(wanted = TEST_PACKAGES.map((p) => p.name)) {
  if (process.platform !== 'linux' || !has('dpkg-query')) return null;
  return wanted.filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return !(r.status === 0 && r.stdout.includes('install ok installed'));
  });
}

export function installCommand(names) {
  return `sudo apt-get install -y ${names.join(' ')}`;
}

/**
 * Makes sure the test packages are there. Returns { ok: true } (nothing missing, installed now, or not a Debian
 * system, where the suites report what they lack themselves) or { ok: false, message } with the one command.
 */
export function ensureTestPackages({ log = console.log, install = true } = {}) {
  const missing = missingDebianPackages();
  if (missing === null || missing.length === 0) return { ok: true, installed: [] };
  const reasons = missing.map((n) => `${n} (${TEST_PACKAGES.find((p) => p.name === n)?.why ?? 'tests'})`).join(', ');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (install && isRoot && has('apt-get')) {
    log(`Installing Debian packages the tests need: ${reasons}…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const quiet = { stdio: ['ignore', 'ignore', 'inherit'], env };
    const update = spawnSync('apt-get', ['update', '-qq'], quiet);
    const result = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', ...missing], quiet) : update;
    const still = missingDebianPackages(missing) ?? [];
    if (result.status === 0 && still.length === 0) return { ok: true, installed: missing };
    return { ok: false, message: `apt-get could not install ${still.join(' ') || missing.join(' ')} (exit ${result.status}). Run: ${installCommand(still.length ? still : missing)}` };
  }
  return {
    ok: false,
    message: `The tests need Debian packages that are not installed: ${reasons}.\nRun this once, then the tests again:\n\n  ${installCommand(missing)}\n`,
  };
}
