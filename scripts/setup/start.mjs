// `npm start [-- host options]`: always starts something useful. Starts under whatever Node ran npm (machines
// ship Node 20): plain JavaScript with node: built-ins until it has re-run itself under the pinned Node 24.
//
//   1. Node older than 24 → install the pinned Node into .tools/ and re-run this script under it.
//   2. Build main, preload and renderer into out/ (electron-vite build, ~2 s).
//   3. Electron binary present and a display → the desktop app.
//      Otherwise (or when the desktop app dies before it is up) → one sentence why, then the browser host:
//      its URL is printed, and opened in the default browser when there is a display (and BROWSER is not "none").
// Options after `--` go to the browser host (--port, --data-dir, …; see src-main/shells/browser-host.ts).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { displayAvailable, electronBinary } from './electron-binary.mjs';
import { HOST_NODE_FLAGS, mallocEnv } from './host-memory.mjs';
import { ensureNode24, repoRoot } from './node24.mjs';

await ensureNode24(fileURLToPath(import.meta.url));

const hostArgs = process.argv.slice(2);
const DESKTOP_READY = 'IMAGINE_DESKTOP_READY';
const HOST_READY = /^IMAGINE_HOST_READY (\S+)/;

function build() {
  console.log('Building Imagine Studio…');
  const cli = path.join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    console.error(`The build failed (exit ${result.status}); see above.`);
    process.exit(1);
  }
}

/** Runs `child` to the end, passing Ctrl+C / kill on to it; resolves with its exit code. */
function supervise(child) {
  const forward = (signal) => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(s, forward);
      resolve(code ?? (signal ? 1 : 0));
    }),
  );
}

/** Echoes a child's stdout line by line, minus the ready marker, which it reports to `onLine`. */
function relay(stream, onLine) {
  createInterface({ input: stream }).on('line', (line) => {
    if (!onLine(line)) console.log(line);
  });
}

/** The desktop app; resolves { code, ready } once Electron exits (ready: it got as far as its window). */
async function runDesktop(binary) {
  const child = spawn(binary, [`--js-flags=${HOST_NODE_FLAGS.join(' ')}`, '.'], { cwd: repoRoot, stdio: ['inherit', 'pipe', 'inherit'], env: { ...process.env, ...mallocEnv(), IMAGINE_REPORT_READY: '1' } });
  let ready = false;
  relay(child.stdout, (line) => line === DESKTOP_READY && (ready = true));
  const code = await supervise(child);
  return { code, ready };
}

async function runHost(reason) {
  console.log(`Starting the browser host instead of the desktop app: ${reason}.`);
  // The host as built above (out/main/browser-host.js): starting it through tsx compiled main first, every time.
  const child = spawn(process.execPath, [...HOST_NODE_FLAGS, path.join(repoRoot, 'out', 'main', 'browser-host.js'), ...hostArgs], {
    cwd: repoRoot,
    env: { ...process.env, ...mallocEnv() },
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  relay(child.stdout, (line) => {
    // Marker lines are for test fixtures; the host prints the same addresses in words.
    if (line.startsWith('IMAGINE_HOST_URL ')) return true;
    const ready = HOST_READY.exec(line);
    if (!ready) return false;
    if (process.env.BROWSER === 'none') console.log('BROWSER=none: open that address yourself (Ctrl+C stops the host).');
    else if (displayAvailable()) void openInBrowser(ready[1]);
    else console.log('No display here: open that address in a browser on this machine (Ctrl+C stops the host).');
    return true;
  });
  return supervise(child);
}

async function openInBrowser(url) {
  try {
    const { default: open } = await import('open');
    await open(url);
    console.log('Opened it in your default browser (Ctrl+C stops the host).');
  } catch (err) {
    console.log(`Could not open a browser (${err instanceof Error ? err.message : err}): open the address above yourself.`);
  }
}

build();
const electron = electronBinary();
let reason = electron.path ? null : electron.reason;
if (electron.path && !displayAvailable()) reason = 'there is no display for a window (DISPLAY and WAYLAND_DISPLAY are unset)';
if (electron.path && !reason) {
  const desktop = await runDesktop(electron.path);
  if (desktop.ready || desktop.code === 0) process.exit(desktop.code);
  reason = `the desktop app could not start (Electron exited with ${desktop.code} before its window was up; see above)`;
}
process.exit(await runHost(reason));
