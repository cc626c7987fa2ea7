import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const alias = { '@contract': fileURLToPath(new URL('./src-preload/contract/index.ts', import.meta.url)) };

/** Vitest projects mirror the tree: main (node), renderer (DOM), contract, and the real-keychain suite. */
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'main', environment: 'node', include: ['test/main/**/*.test.ts'], testTimeout: 20_000 },
      },
      {
        resolve: { alias },
        test: { name: 'contract', environment: 'node', include: ['test/contract/**/*.test.ts'] },
      },
      {
        plugins: [react()],
        resolve: { alias },
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/renderer/setup.ts'],
        },
      },
      {
        // The README's two commands in a fresh clone (npm ci of its own): run by `npm test`, not in the unit set.
        test: { name: 'fresh-clone', environment: 'node', include: ['test/setup/**/*.test.ts'], testTimeout: 900_000, hookTimeout: 300_000 },
      },
      {
        resolve: { alias },
        test: {
          name: 'keychain',
          environment: 'node',
          include: ['test/keychain/**/*.test.ts'],
          // One Secret Service per run: keep tests in one worker so they do not race on the same keyring.
          fileParallelism: false,
        },
      },
    ],
  },
});
