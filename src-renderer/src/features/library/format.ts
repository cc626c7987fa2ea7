/** Display formatting for the library: counts, money, durations, sizes and dates, in the user's locale. */

const count = new Intl.NumberFormat(undefined);

/** "1 item", "1,234 items". */
export function formatCount(n: number, noun = 'item'): string {
  return `${count.format(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** The API bills in ticks of 1e-10 USD; show cents, or more digits for sub-cent amounts. */
export function formatCost(ticks: number | null): string {
  if (ticks === null) return 'Unknown';
  const usd = ticks / 1e10;
  if (usd === 0) return '$0.00';
  if (usd < 0.0001) return '< $0.0001';
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

/** "0:06", "1:02:03". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '';
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A duration as a screen reader should say it: "6 seconds", "1 minute 5 seconds". */
export function spokenDuration(ms: number | null): string {
  if (ms === null) return '';
  const total = Math.max(1, Math.round(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  return [m > 0 ? part(m, 'minute') : '', s > 0 || m === 0 ? part(s, 'second') : ''].filter(Boolean).join(' ');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

export function formatDate(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A tile's accessible name: the prompt's first words, or what the item is when it has no prompt. */
export function promptExcerpt(prompt: string, kind: 'image' | 'video', max = 80): string {
  const text = prompt.trim().replace(/\s+/g, ' ');
  if (!text) return kind === 'video' ? 'Untitled video' : 'Untitled image';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * What an item is called: its prompt (or edit instruction), else its title (an imported file's name), else what it
 * is. The tile's accessible name, the viewer's heading and the alt text all use it.
 */
export function itemName(record: { prompt: string; editInstruction: string | null; title?: string | undefined; kind: 'image' | 'video' }, max = 80): string {
  return promptExcerpt(record.prompt || record.editInstruction || record.title || '', record.kind, max);
}

/** The caption under a tile: the prompt with its search matches, or the title with its matches when there is no prompt. */
export function captionSource(record: { prompt: string; title?: string | undefined; highlight?: { prompt: [number, number][]; title?: [number, number][] | undefined } | undefined }) {
  return record.prompt || !record.title
    ? { text: record.prompt, ranges: record.highlight?.prompt ?? [] }
    : { text: record.title, ranges: record.highlight?.title ?? [] };
}

/** `yyyy-mm-dd` from a date input, as local midnight (or the end of that day) in epoch ms. */
export function dateInputToMs(value: string, endOfDay = false): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (endOfDay) d.setHours(23, 59, 59, 999);
  return d.getTime();
}

/** A time as the `yyyy-mm-dd` of a date input, in local time (the inverse of `dateInputToMs`). */
export function msToDateInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
