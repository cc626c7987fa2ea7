// After `npm ci` / `npm install`: fetch the Electron binary (electron >= 42 downloads it at first use; doing it
// here means `npm start` opens the desktop app). Offline machines only get a note: `npm start` then runs the
// browser host, which never needs Electron. Runs under whatever Node ran npm (machines ship Node 20): plain
// JavaScript, node: built-ins only.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isRecentEnough, NODE_VERSION } from './setup/node24.mjs';

if (!isRecentEnough()) {
  // npm has just printed EBADENGINE warnings for this package and many dependencies; say what they mean here.
  console.log(
    `[imagine-studio] Installed. The engine warnings above are expected: Node ${process.versions.node} ran npm, and ` +
      `Imagine Studio runs on Node ${NODE_VERSION.split('.')[0]}. \`npm start\` and \`npm test\` fetch Node ${NODE_VERSION} ` +
      'into .tools/ the first time and use it; nothing else to do.',
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
