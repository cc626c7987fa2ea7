import { readFile } from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The script the browser host adds before the app's own, so `window.api` exists when the app starts. */
export const BRIDGE_PATH = '/bridge.js';

/**
 * Serves the built renderer (out/renderer). In the browser host index.html gets the bridge script injected (the
 * desktop app's `app://` scheme passes `bridge: false`: its preload provides `window.api`); other files are read
 * from inside the renderer folder only.
 */
export function createStaticFiles(rendererDir: string, options: { bridge: boolean } = { bridge: true }) {
  const root = path.resolve(rendererDir);
  return async function read(urlPath: string): Promise<{ body: Buffer; type: string; immutable: boolean } | null> {
    const clean = urlPath === '/' ? '/index.html' : urlPath;
    let decoded: string;
    try {
      decoded = decodeURIComponent(clean);
    } catch {
      return null; // a malformed escape (`/%zz`) is a missing page, not a server error
    }
    const file = path.resolve(root, '.' + path.posix.normalize(decoded));
    if (!file.startsWith(root + path.sep)) return null;
    try {
      let body = await readFile(file);
      const ext = path.extname(file);
      if (clean === '/index.html' && options.bridge) {
        const html = body
          .toString('utf8')
          .replace('<head>', `<head>\n    <script type="module" src="${BRIDGE_PATH}"></script>`);
        body = Buffer.from(html);
      }
      return { body, type: TYPES[ext] ?? 'application/octet-stream', immutable: clean.startsWith('/assets/') };
    } catch {
      return null;
    }
  };
}
