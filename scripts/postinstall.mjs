// On users' machines this fetches the Electron binary (electron >= 42 downloads it at first use).
// Offline machines (CI, the browser host) only get a warning: the browser host never needs Electron.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (process.env.CI || process.env.IMAGINE_SKIP_ELECTRON_DOWNLOAD) process.exit(0);
const bin = 'node_modules/.bin/install-electron';
if (!existsSync(bin)) process.exit(0);
const result = spawnSync(bin, { stdio: 'inherit', timeout: 120_000 });
if (result.status !== 0) {
  console.warn('[imagine-studio] Could not download the Electron binary (offline?). `npm run host` still works.');
}
