/**
 * No file in git keeps a merge conflict's markers. Inside a comment they pass lint, typecheck and every test (two
 * header comments carried both sides of a conflict that way), so this reads every tracked text file.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const TEXT = /\.(ts|tsx|mts|cts|js|mjs|cjs|json|md|css|html|yml|yaml|sh|txt)$/;
// Split so that this file does not match itself.
const MARKER = new RegExp(`^(${'<'.repeat(7)} |${'>'.repeat(7)} |${'='.repeat(7)}$)`, 'm');

describe('merge conflicts', () => {
  it('no tracked text file holds conflict markers', () => {
    const files = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter((f) => TEXT.test(f));
    expect(files.length).toBeGreaterThan(100);
    const marked = files.filter((f) => {
      try {
        return MARKER.test(readFileSync(path.join(ROOT, f), 'utf8'));
      } catch {
        return false; // listed but deleted in the work tree
      }
    });
    expect(marked).toEqual([]);
  });
});
