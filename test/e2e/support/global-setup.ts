import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The browser host serves the built renderer: build it once if a previous step has not. */
export default function globalSetup() {
  if (!existsSync('out/renderer/index.html') || !existsSync('out/renderer/bridge.js')) {
    execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'inherit' });
  }
}
