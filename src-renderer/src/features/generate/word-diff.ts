/** One run of a word diff: text both have, text only the rewrite has, or text only the original has. */
export interface DiffPart {
  op: 'same' | 'add' | 'del';
  /** The text as the rewrite has it (`del`: as the original has it). */
  text: string;
  /** `same` only: the text as the original has it (it may differ in case or a trailing stop). */
  before?: string;
}

/** Words and the spaces after them, so joining the parts gives the text back exactly. */
const tokens = (text: string) => text.match(/\S+\s*|\s+/g) ?? [];

/** Most tokens compared word by word; past this (a table of n×m cells) the texts are shown as replaced whole. */
const MAX_TOKENS = 2000;

/**
 * A word-level diff of `before` → `after` (longest common subsequence), as runs in reading order: what to strike in
 * the original and what to mark new in the rewrite. Words are compared without their trailing spaces.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  if (a.length * b.length > MAX_TOKENS * MAX_TOKENS / 4) return merge([{ op: 'del', text: before }, { op: 'add', text: after }]);
  const key = (t: string) => t.trim().toLowerCase().replace(/[.,;:!?]+$/, '');
  // lcs[i][j]: length of the common subsequence of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = key(a[i]!) === key(b[j]!) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (key(a[i]!) === key(b[j]!)) {
      parts.push({ op: 'same', text: b[j]!, before: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) parts.push({ op: 'del', text: a[i++]! });
    else parts.push({ op: 'add', text: b[j++]! });
  }
  while (i < a.length) parts.push({ op: 'del', text: a[i++]! });
  while (j < b.length) parts.push({ op: 'add', text: b[j++]! });
  return merge(parts);
}

function merge(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    if (!p.text) continue;
    const last = out.at(-1);
    if (last && last.op === p.op) {
      last.text += p.text;
      if (p.before !== undefined) last.before = (last.before ?? '') + p.before;
    } else out.push({ ...p });
  }
  return out;
}
