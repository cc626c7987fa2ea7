import { describe, expect, it } from 'vitest';
import { insertTag, missingTags, taggedIndices } from '../../../src-renderer/src/features/edit/prompt-tags';

describe('prompt tags', () => {
  it('finds tags in order of first mention, case-insensitively', () => {
    expect(taggedIndices('<IMAGE_1> on <image_0> and <IMAGE_1>')).toEqual([1, 0]);
  });
  it.each([
    ['put <IMAGE_0> on <IMAGE_1>', 2, []],
    ['put <IMAGE_0> on <IMAGE_2>', 2, ['<IMAGE_2>']],
    ['<IMAGE_0>', 0, ['<IMAGE_0>']],
  ])('%s with %i sources misses %j', (prompt, count, missing) => {
    expect(missingTags(prompt, count)).toEqual(missing);
  });
  it('inserts a tag as its own word at the caret or over the selection', () => {
    expect(insertTag('put on the sofa', 3, 3, 0)).toEqual({ text: 'put <IMAGE_0> on the sofa', caret: 13 });
    expect(insertTag('', 0, 0, 2)).toEqual({ text: '<IMAGE_2> ', caret: 10 });
    expect(insertTag('a XX b', 2, 4, 1)).toEqual({ text: 'a <IMAGE_1> b', caret: 11 });
  });
});
