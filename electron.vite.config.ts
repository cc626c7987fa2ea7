import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { RENDERER_CSP } from './src-main/host/security-headers';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const alias = { '@contract': r('./src-preload/contract/index.ts') };

/** The CSP goes into the built index.html only: Vite's dev server needs inline scripts for hot reload. */
function cspMeta(): Plugin {
  return {
    name: 'imagine-csp-meta',
    apply: 'build',
    transformIndexHtml: (html: string) =>
      html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${RENDERER_CSP.replace("frame-ancestors 'none'; ", '')}" />`),
  };
}

// electron-vite finds entries at src/main, src/preload, src/renderer by convention; ours are set explicitly.
export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      // The browser host is built with the desktop app's main: `npm start` runs it compiled (tsx compiling main at
      // every start cost ~300 ms of CPU before the host could answer; issue 16). It never imports `electron`.
      rollupOptions: { input: { index: r('./src-main/shells/electron.ts'), 'browser-host': r('./src-main/shells/browser-host.ts') } },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      // CommonJS, so the window can keep `sandbox: true` (a sandboxed preload cannot be an ES module).
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        input: { index: r('./src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: r('./src-renderer'),
    resolve: { alias },
    plugins: [react(), cspMeta()],
    build: {
      outDir: r('./out/renderer'),
      rollupOptions: {
        input: { index: r('./src-renderer/index.html'), bridge: r('./src-preload/browser-bridge.ts') },
        output: {
          // The browser host serves the bridge at a fixed path; everything else is content-hashed.
          entryFileNames: (chunk) => (chunk.name === 'bridge' ? 'bridge.js' : 'assets/[name]-[hash].js'),
        },
      },
    },
  },
});
