/** Longest title we keep: enough for any real file name, short enough for a tile caption and the FTS index. */
export const MAX_TITLE_LENGTH = 200;

/**
 * An imported file's title: its name without folders or extension (`IMG_0412.JPG` → `IMG_0412`), with control and
 * bidirectional-override characters removed so a crafted name cannot reorder what the viewer shows. Null when
 * nothing readable is left.
 */
export function titleFromFileName(name: string): string | null {
  const base = name.split(/[\\/]/).at(-1) ?? '';
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = stem.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (clean === '' || /^\.+$/.test(clean)) return null;
  return clean.slice(0, MAX_TITLE_LENGTH);
}
