// After `npm ci` / `npm install`: fetch the Electron binary (electron >= 42 downloads it at first use; doing it
// here means `npm start` opens the desktop app). Offline machines only get a note: `npm start` then runs the
// browser host, which never needs Electron. Runs under whatever Node ran npm (machines ship Node 20): plain
// JavaScript, node: built-ins only.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { keytarBuilt } from './setup/keytar.mjs';
import { isRecentEnough, NODE_VERSION } from './setup/node24.mjs';

if (!isRecentEnough()) {
  // npm has just printed EBADENGINE warnings for this package and many dependencies; say what they mean here.
  console.log(
    `[imagine-studio] Installed. The engine warnings above are expected: Node ${process.versions.node} ran npm, and ` +
      `Imagine Studio runs on Node ${NODE_VERSION.split('.')[0]}. \`npm start\` and \`npm test\` fetch Node ${NODE_VERSION} ` +
      'into .tools/ the first time and use it; nothing else to do.',
  );
}
if (!keytarBuilt()) {
  // keytar is an optional dependency: npm drops it when its native build fails (no libsecret-1-dev here, and its
  // prebuilt download is unreachable), so that `npm ci` still succeeds. Say what that means and how to get it back.
  console.warn(
    '[imagine-studio] The OS keychain module (keytar) was not built: its build needs libsecret-1-dev on Linux. ' +
      'The app runs, and says so where keys are stored; to keep keys in the system keychain run ' +
      '`sudo apt-get install -y libsecret-1-dev && npm ci` (`npm test` does this by itself when run as root).',
  );
}
if (process.env.CI || process.env.IMAGINE_SKIP_ELECTRON_DOWNLOAD) process.exit(0);
const bin = 'node_modules/.bin/install-electron';
if (!existsSync(bin)) process.exit(0);
console.log('[imagine-studio] Downloading the Electron binary (for the desktop app)…');
const result = spawnSync(bin, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 120_000 });
if (result.status !== 0) {
  const why = (result.stderr ?? '').split('\n').find((l) => /error/i.test(l))?.trim() ?? `exit ${result.status}`;
  console.warn(
    `[imagine-studio] The Electron binary could not be downloaded (${why}). \`npm start\` will open Imagine Studio ` +
      'in your browser instead; `npx install-electron` fetches the binary later.',
  );
}
