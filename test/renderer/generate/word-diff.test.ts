import { describe, expect, it } from 'vitest';
import { wordDiff } from '../../../src-renderer/src/features/generate/word-diff';

describe('wordDiff', () => {
  it('marks what the rewrite adds and drops, keeping both texts exactly', () => {
    const parts = wordDiff('a lighthouse at dusk', 'A lighthouse at dusk, cinematic lighting.');
    expect(parts.filter((p) => p.op !== 'add').map((p) => p.before ?? p.text).join('')).toBe('a lighthouse at dusk');
    expect(parts.filter((p) => p.op !== 'del').map((p) => p.text).join('')).toBe('A lighthouse at dusk, cinematic lighting.');
    expect(parts.find((p) => p.op === 'add')?.text).toBe('cinematic lighting.');
  });
  it('a word replaced is one deletion and one addition', () => {
    expect(wordDiff('a red cat', 'a blue cat')).toEqual([
      { op: 'same', text: 'a ', before: 'a ' }, { op: 'del', text: 'red ' }, { op: 'add', text: 'blue ' }, { op: 'same', text: 'cat', before: 'cat' },
    ]);
  });
});
