// Lint, including the import directions of ../shared/architecture.md:
//   core/ is pure (no electron, node:fs, network); the renderer imports no electron, node:* or src-main;
//   only src-renderer/src/lib/api.ts reads window.api; only shells and adapters import electron.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronOnly = { name: 'electron', message: 'Only src-main/shells/electron* and src-preload/index.ts may import electron: the core must run without it.' };
const fsModules = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises'].map((name) => ({
  name,
  message: 'core/ is pure: file access belongs in an adapter behind a port.',
}));
const netModules = ['http', 'node:http', 'https', 'node:https', 'net', 'node:net', 'ws', 'undici', 'node:sqlite', 'sharp', 'keytar', 'child_process', 'node:child_process'].map((name) => ({
  name,
  message: 'core/ is pure: network, processes, databases and codecs belong in adapters.',
}));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tools/**', 'test-results/**', 'playwright-report/**', 'reports/**', 'test/lint-fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2024, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { paths: [electronOnly] }],
    },
  },
  {
    files: ['src-main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnly, ...fsModules, ...netModules] }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'core/ is pure: HTTP belongs in an adapter.' }],
    },
  },
  {
    // The contract is shared by main, preload and renderer: it may import only zod and its own files.
    files: ['src-preload/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnly], patterns: [{ regex: '^(?!zod$|\\./)', message: 'The contract imports only zod and its own files.' }] }],
    },
  },
  {
    files: ['src-main/shells/electron.ts', 'src-main/shells/electron/**/*.ts', 'src-main/adapters/electron/**/*.ts', 'src-main/adapters/secrets/safe-storage*.ts', 'src-preload/index.ts', 'test/electron/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a browser page: no Node modules.' },
            { group: ['**/src-main/**', '**/src-main'], message: 'The renderer talks to main only through lib/api.ts.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='window'][property.name='api']", message: 'Only src-renderer/src/lib/api.ts reads window.api.' },
      ],
    },
  },
  {
    // CommonJS preloads for Node's --require (scripts/*.cjs) cannot use import.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Playwright fixtures must destructure their dependencies, even when there are none.
    files: ['test/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['src-renderer/src/lib/api.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
