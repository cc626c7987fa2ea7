/** `<IMAGE_n>` tags: how a multi-image prompt names its sources (doc §4.1; 0-based, in the order sent). */

export const tagFor = (index: number) => `<IMAGE_${index}>`;

/** Every source index the prompt names, in order of first mention. */
export function taggedIndices(prompt: string): number[] {
  const seen = new Set<number>();
  for (const m of prompt.matchAll(/<IMAGE_(\d+)>/gi)) seen.add(Number(m[1]));
  return [...seen];
}

/** Tags that name a source the canvas does not have (e.g. `<IMAGE_2>` with two sources). */
export function missingTags(prompt: string, sourceCount: number): string[] {
  return taggedIndices(prompt).filter((i) => i >= sourceCount).map(tagFor);
}

/** Inserts a tag at the caret (or over the selection), padding with spaces so it stays a separate word. */
export function insertTag(prompt: string, start: number, end: number, index: number): { text: string; caret: number } {
  const before = prompt.slice(0, start);
  const after = prompt.slice(end);
  const lead = before === '' || /\s$/.test(before) ? '' : ' ';
  const trail = /^\s/.test(after) ? '' : ' ';
  const insert = `${lead}${tagFor(index)}${trail}`;
  return { text: before + insert + after, caret: before.length + insert.length };
}
