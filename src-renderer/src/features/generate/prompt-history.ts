/**
 * Prompt history for the prompt box: shell-like Up/Down and a search (Ctrl+R or the History button). The history
 * lives in main (`prompts:history`, a table in jobs.db that every Generate submit adds to), so it survives reloads
 * and is the same in every window. The old renderer-only copy in localStorage is handed over once, then removed.
 */
import { invoke } from '../../lib/api';

/** Where the renderer kept the history before it moved to main. */
export const LEGACY_KEY = 'imagine.promptHistory';
/** How many recent prompts Up/Down walks through. */
export const RECENT_LIMIT = 200;

/** Recent prompts, oldest first (the order Up/Down walks backwards through). */
export async function recentPrompts(limit = RECENT_LIMIT): Promise<string[]> {
  const { prompts } = await invoke('prompts:history', { limit });
  return prompts.map((p) => p.text).reverse();
}

/** Prompts containing `query` (case-insensitive), most recent first. */
export async function searchPrompts(query: string, limit = 30): Promise<string[]> {
  const q = query.trim();
  const { prompts } = await invoke('prompts:history', { ...(q ? { query: q } : {}), limit });
  return prompts.map((p) => p.text);
}

/** Moves a localStorage history (from before it lived in main) into main once; a failure keeps it for next time. */
export async function migrateLocalHistory(storage: Pick<Storage, 'getItem' | 'removeItem'> = localStorage): Promise<number> {
  let legacy: string[];
  try {
    const parsed: unknown = JSON.parse(storage.getItem(LEGACY_KEY) ?? 'null');
    if (!Array.isArray(parsed)) return 0;
    legacy = parsed.filter((p): p is string => typeof p === 'string').slice(-1000);
  } catch {
    return 0;
  }
  const { count } = await invoke('prompts:remember', { prompts: legacy });
  storage.removeItem(LEGACY_KEY);
  return count;
}

/** Adds a prompt to an in-memory history (newest last, no duplicates), as main does on submit. */
export function pushHistory(history: readonly string[], prompt: string): string[] {
  const text = prompt.trim();
  if (!text) return [...history];
  return [...history.filter((h) => h !== text), text];
}

/**
 * One step through history. `cursor` is an index into history, or history.length for "the draft being written".
 * Returns the new cursor and the text to show; the draft is restored when stepping past the newest entry.
 */
export function stepHistory(history: readonly string[], cursor: number, direction: -1 | 1, draft: string): { cursor: number; text: string } {
  const next = Math.min(history.length, Math.max(0, cursor + direction));
  return { cursor: next, text: next === history.length ? draft : (history[next] ?? draft) };
}
