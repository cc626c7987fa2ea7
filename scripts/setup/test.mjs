// `npm test [-- --quick]`: sets the machine up, then runs every suite (scripts/test-all.sh), which ends with the
// line "N passed, N failed, N skipped". Starts under whatever Node ran npm (machines ship Node 20), so this file
// is plain JavaScript with only node: built-ins until it has re-run itself under the pinned Node 24.
//
//   1. Node older than 24 → install the pinned Node into .tools/ and re-run this script under it.
//   2. Debian packages the suites need → installed when root with apt-get, else the one command to run.
//   3. node_modules missing, or keytar not built (npm ci ran before libsecret-1-dev was there) → npm ci (Node 24).
//   4. scripts/test-all.sh: unit, keychain, end-to-end and the fresh-clone check (--quick: one slice of each).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { keytarBuilt } from './keytar.mjs';
import { ensureNode24, repoRoot } from './node24.mjs';
import { ensureTestPackages } from './system-packages.mjs';

const USAGE = 'usage: npm test [-- --quick]   (--quick: the contract tests, the keychain suite and one end-to-end test)';
const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--quick');
if (unknown.length > 0) {
  console.error(`npm test: unknown option ${unknown.join(' ')}\n${USAGE}`);
  process.exit(2);
}

await ensureNode24(fileURLToPath(import.meta.url));

function fail(message) {
  console.error(message);
  // The closing line CI and people read, even when no suite could start.
  console.log('0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

const packages = ensureTestPackages();
if (!packages.ok) fail(packages.message);

const installed = existsSync(path.join(repoRoot, 'node_modules', '.package-lock.json'));
if (!installed || !keytarBuilt()) {
  console.log(installed
    ? 'The keychain module (keytar) was not built when npm ci ran (libsecret-1-dev was missing then): running npm ci again…'
    : 'node_modules is missing: running npm ci first…');
  const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: repoRoot, stdio: 'inherit', shell: process.platform === 'win32' });
  if (ci.status !== 0) fail(`npm ci failed (exit ${ci.status}); fix the error above and run npm test again.`);
}

const suites = spawnSync('bash', [path.join(repoRoot, 'scripts', 'test-all.sh'), ...args], { cwd: repoRoot, stdio: 'inherit' });
process.exit(suites.status ?? 1);
