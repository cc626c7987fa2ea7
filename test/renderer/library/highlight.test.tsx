import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { excerpt, normaliseRanges, splitByRanges } from '../../../src-renderer/src/features/library/highlight';
import { Highlighted } from '../../../src-renderer/src/features/library/Highlighted';

describe('search highlights', () => {
  it.each([
    { text: 'red fox at dawn', ranges: [[4, 7]] as [number, number][], out: ['red ', '[fox]', ' at dawn'] },
    { text: 'fox fox', ranges: [[0, 3], [4, 7]] as [number, number][], out: ['[fox]', ' ', '[fox]'] },
    { text: 'abc', ranges: [] as [number, number][], out: ['abc'] },
    { text: '', ranges: [] as [number, number][], out: [''] },
    // Overlapping, unsorted and out-of-range ranges never garble the text.
    { text: 'abcdef', ranges: [[3, 99], [1, 4], [-5, 0]] as [number, number][], out: ['a', '[bcdef]'] },
  ])('splits "$text"', ({ text, ranges, out }) => {
    const segs = splitByRanges(text, ranges).map((s) => (s.match ? `[${s.text}]` : s.text));
    expect(segs).toEqual(out);
    expect(segs.join('').replace(/[[\]]/g, '')).toBe(text);
  });

  it('merges touching ranges', () => {
    expect(normaliseRanges(10, [[0, 2], [2, 4], [6, 7]])).toEqual([[0, 4], [6, 7]]);
  });

  it('cuts an excerpt around the first match and shifts the ranges', () => {
    const text = `${'lorem '.repeat(30)}golden dragon ${'ipsum '.repeat(30)}`;
    const start = text.indexOf('dragon');
    const cut = excerpt(text, [[start, start + 6]], 60);
    expect(cut.text.startsWith('…')).toBe(true);
    expect(cut.text.endsWith('…')).toBe(true);
    const [range] = cut.ranges;
    expect(range && cut.text.slice(range[0], range[1])).toBe('dragon');
    expect(excerpt('short', [[0, 5]], 60)).toEqual({ text: 'short', ranges: [[0, 5]] });
  });

  it('renders matches as <mark>', () => {
    const { container } = render(<Highlighted text="a neon city at night" ranges={[[2, 6], [15, 20]]} />);
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['neon', 'night']);
    expect(container.textContent).toBe('a neon city at night');
  });
});
