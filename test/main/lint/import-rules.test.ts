import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Proves the architecture's import rules bite: each snippet is linted as if it lived at the given path.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'parse-error');
}

describe('import directions enforced by lint', () => {
  it.each([
    ['src-main/core/bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['src-main/core/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['src-main/core/bad.ts', "import { DatabaseSync } from 'node:sqlite';\nexport const x = DatabaseSync;\n"],
    ['src-main/services/bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['src-renderer/src/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['src-renderer/src/bad.ts', "import { createAppCore } from '../../src-main/app-core';\nexport const x = createAppCore;\n"],
    // The contract (and its capability table) imports only zod and its own files.
    ['src-preload/contract/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['src-preload/contract/bad.ts', "import { LIMITS } from '../../src-main/core/xai/models';\nexport const x = LIMITS;\n"],
  ])('%s refuses: %s', async (filePath, code) => {
    expect(await ruleIds(filePath, code)).toContain('no-restricted-imports');
  });

  it('refuses fetch in core and window.api outside lib/api.ts', async () => {
    expect(await ruleIds('src-main/core/bad.ts', 'export const x = () => fetch("https://x.ai");\n')).toContain('no-restricted-globals');
    expect(await ruleIds('src-renderer/src/features/bad.ts', 'export const x = () => window.api;\n')).toContain('no-restricted-syntax');
  });

  it('allows the same imports where they belong', async () => {
    expect(await ruleIds('src-main/adapters/ok.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toEqual([]);
    expect(await ruleIds('src-main/shells/electron.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([]);
    expect(await ruleIds('src-preload/contract/ok.ts', "import { z } from 'zod';\nimport { Empty } from './common';\nexport const x = [z, Empty];\n")).toEqual([]);
  });
});
