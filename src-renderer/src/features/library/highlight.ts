/** Pure helpers to render search matches: split text by highlight ranges and cut an excerpt around the first hit. */

export type Range = readonly [number, number];
export interface Segment {
  text: string;
  match: boolean;
}

/** Normalises ranges (clamped, sorted, merged) so overlapping or out-of-bounds ranges can never garble text. */
export function normaliseRanges(length: number, ranges: readonly Range[]): [number, number][] {
  const clean = ranges
    .map(([s, e]) => [Math.max(0, Math.min(s, length)), Math.max(0, Math.min(e, length))] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of clean) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

export function splitByRanges(text: string, ranges: readonly Range[] = []): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const [s, e] of normaliseRanges(text.length, ranges)) {
    if (s > at) segments.push({ text: text.slice(at, s), match: false });
    segments.push({ text: text.slice(s, e), match: true });
    at = e;
  }
  if (at < text.length || segments.length === 0) segments.push({ text: text.slice(at), match: false });
  return segments;
}

/**
 * At most `max` characters of `text`, starting a little before the first match so the match is visible in a
 * two-line tile caption; ranges are shifted to the excerpt. Ellipses mark cut ends.
 */
export function excerpt(text: string, ranges: readonly Range[] = [], max = 120): { text: string; ranges: Range[] } {
  if (text.length <= max) return { text, ranges: [...ranges] };
  const first = normaliseRanges(text.length, ranges)[0];
  const lead = 20;
  let start = first ? Math.max(0, first[0] - lead) : 0;
  start = Math.min(start, text.length - max);
  // Start at a word boundary when one is close, so the excerpt does not begin mid-word.
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space >= 0 && space < (first?.[0] ?? start + lead) && space - start < lead) start = space + 1;
  }
  const end = Math.min(text.length, start + max);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const shift = prefix.length - start;
  const shifted = normaliseRanges(text.length, ranges)
    .filter(([s, e]) => e > start && s < end)
    .map(([s, e]) => [Math.max(s, start) + shift, Math.min(e, end) + shift] as const);
  return { text: prefix + text.slice(start, end) + suffix, ranges: shifted };
}
