/**
 * Prompt history for the up/down keys, like a shell: newest last, no duplicates in a row, capped. Kept in
 * localStorage (renderer-only convenience; every prompt also lives in the library with its image).
 */
const KEY = 'imagine.promptHistory';
const MAX = 100;

export function loadHistory(storage: Pick<Storage, 'getItem'> = localStorage): string[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string').slice(-MAX) : [];
  } catch {
    return [];
  }
}

export function pushHistory(history: readonly string[], prompt: string): string[] {
  const text = prompt.trim();
  if (!text) return [...history];
  return [...history.filter((h) => h !== text), text].slice(-MAX);
}

export function saveHistory(history: readonly string[], storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(KEY, JSON.stringify(history));
  } catch {
    // A full or disabled storage only costs the history, never the submit.
  }
}

/**
 * One step through history. `cursor` is an index into history, or history.length for "the draft being written".
 * Returns the new cursor and the text to show; the draft is restored when stepping past the newest entry.
 */
export function stepHistory(history: readonly string[], cursor: number, direction: -1 | 1, draft: string): { cursor: number; text: string } {
  const next = Math.min(history.length, Math.max(0, cursor + direction));
  return { cursor: next, text: next === history.length ? draft : (history[next] ?? draft) };
}
