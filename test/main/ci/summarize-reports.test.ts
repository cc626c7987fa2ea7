// The summary line CI reads, and the failures named above it: CI keeps only the tail of the log, so a failing test
// must be named there or nobody can act on it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const script = path.resolve(__dirname, '../../../scripts/summarize-reports.mjs');
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function summarize(reports: Record<string, unknown>): { out: string; status: number } {
  dir = mkdtempSync(path.join(tmpdir(), 'summary-'));
  for (const [name, body] of Object.entries(reports)) writeFileSync(path.join(dir, name), JSON.stringify(body));
  try {
    return { out: execFileSync(process.execPath, [script, dir, ...Object.keys(reports)], { encoding: 'utf8' }), status: 0 };
  } catch (err) {
    const e = err as { stdout: string; status: number };
    return { out: e.stdout, status: e.status };
  }
}

describe('summarize-reports', () => {
  it('names each failing vitest and Playwright test with the start of its message, just above the count', () => {
    const { out, status } = summarize({
      'vitest-unit.json': {
        numPassedTests: 4,
        numFailedTests: 1,
        success: false,
        testResults: [
          {
            name: '/repo/test/main/a.test.ts',
            status: 'failed',
            assertionResults: [
              { status: 'passed', fullName: 'fine' },
              { status: 'failed', fullName: 'imports keep names', failureMessages: ['\u001b[31mAssertionError: expected 1 to be 2\u001b[39m\n    at x'] },
            ],
          },
        ],
      },
      'playwright.json': {
        stats: { expected: 2, unexpected: 1, skipped: 1 },
        errors: [],
        suites: [
          {
            title: 'gallery.spec.ts',
            suites: [
              {
                title: 'at 1024×700',
                specs: [{ title: 'tiles per row', file: 'gallery.spec.ts', line: 12, tests: [{ status: 'unexpected', results: [{ error: { message: 'Error: expected 4 tiles' } }] }] }],
              },
            ],
          },
        ],
      },
    });
    expect(status).toBe(1);
    const lines = out.trim().split('\n');
    expect(lines.at(-1)).toBe('6 passed, 2 failed, 1 skipped');
    expect(lines.slice(0, -1)).toEqual([
      'FAILED /repo/test/main/a.test.ts: imports keep names — AssertionError: expected 1 to be 2 |     at x',
      'FAILED gallery.spec.ts:12: gallery.spec.ts › at 1024×700 › tiles per row — Error: expected 4 tiles',
    ]);
  });

  it('passes, with nothing named, when every report passes', () => {
    expect(summarize({ 'vitest-unit.json': { numPassedTests: 3, numFailedTests: 0, success: true, testResults: [] } })).toEqual({
      out: '3 passed, 0 failed, 0 skipped\n',
      status: 0,
    });
  });
});
