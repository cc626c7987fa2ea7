// Is the Electron binary installed, and can a window open here? Answered without loading `electron`, whose
// index.js downloads the binary at first use (and throws offline). Mirrors electron's own install.js check.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './node24.mjs';

const EXECUTABLE = { darwin: 'Electron.app/Contents/MacOS/Electron', mas: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe', linux: 'electron', freebsd: 'electron', openbsd: 'electron' };

/** { path } of the installed binary, or { path: null, reason } with one sentence saying why there is none. */
export function electronBinary(root = repoRoot, env = process.env, platform = process.platform) {
  const dir = path.join(root, 'node_modules', 'electron');
  const executable = EXECUTABLE[platform];
  if (!existsSync(path.join(dir, 'package.json'))) {
    return { path: null, reason: 'the electron package is not installed (run npm ci)' };
  }
  if (!executable) return { path: null, reason: `Electron has no build for this platform (${platform})` };
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable);
    return existsSync(p) ? { path: p } : { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${executable}` };
  }
  const wanted = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  const p = path.join(dir, 'dist', executable);
  let installed = null;
  try {
    installed = readFileSync(path.join(dir, 'dist', 'version'), 'utf8').trim().replace(/^v/, '');
  } catch {
    // no dist/version: never downloaded
  }
  if (!installed || !existsSync(p)) {
    return {
      path: null,
      reason: 'the Electron binary is not installed (npm ci could not download it: offline, or the download was skipped; `npx install-electron` fetches it)',
    };
  }
  if (installed !== wanted) {
    return { path: null, reason: `the installed Electron binary is ${installed}, not ${wanted} (\`npx install-electron\` replaces it)` };
  }
  return { path: p };
}

/** Linux needs an X11 or Wayland display for a window; macOS and Windows always have one. */
export function displayAvailable(env = process.env, platform = process.platform) {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}
