/**
 * The prompt library (issue 19): the store port with its in-memory twin, and the text format of a prompt list.
 * Pure; the SQLite adapter lives in adapters/prompts.
 */
import type { SavedPrompt } from '@contract';

/** Where saved prompts live: `SqliteSavedPromptStore` (`<dataDir>/prompts.db`) and `InMemorySavedPromptStore` (tests). */
export interface SavedPromptStore {
  /** Every prompt, by name (case-insensitive). */
  list(): SavedPrompt[];
  get(id: string): SavedPrompt | undefined;
  byName(name: string): SavedPrompt | undefined;
  /** Inserts or replaces by id. */
  put(prompt: SavedPrompt): void;
  delete(id: string): boolean;
  close(): void;
}

export const byName = (a: SavedPrompt, b: SavedPrompt) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.createdAt - b.createdAt;

export class InMemorySavedPromptStore implements SavedPromptStore {
  private readonly rows = new Map<string, SavedPrompt>();
  list(): SavedPrompt[] {
    return [...this.rows.values()].map((p) => ({ ...p, tags: [...p.tags] })).sort(byName);
  }
  get(id: string): SavedPrompt | undefined {
    const p = this.rows.get(id);
    return p && { ...p, tags: [...p.tags] };
  }
  byName(name: string): SavedPrompt | undefined {
    const key = name.toLowerCase();
    return this.list().find((p) => p.name.toLowerCase() === key);
  }
  put(prompt: SavedPrompt): void {
    this.rows.set(prompt.id, { ...prompt, tags: [...prompt.tags] });
  }
  delete(id: string): boolean {
    return this.rows.delete(id);
  }
  close(): void {}
}

/** One entry of a prompt list as text. */
export interface PromptLine {
  name: string;
  tags: string[];
  text: string;
}

const oneLine = (s: string) => s.replace(/[\t\r\n]+/g, ' ').trim();

/** Normalised tags: trimmed, lower case, no duplicates, in the order given. */
export function cleanTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => oneLine(t).toLowerCase()).filter(Boolean))];
}

/** A name for a prompt that came without one: its first words. */
export function nameFromText(text: string): string {
  const words = oneLine(text);
  return words.length <= 60 ? words : `${words.slice(0, 57).replace(/\s+\S*$/, '')}…`;
}

/**
 * Reads a prompt list: `name<TAB>tags<TAB>prompt` lines (what `formatPromptList` writes), or one prompt a line.
 * Blank lines and `#` comments are skipped.
 */
export function parsePromptList(text: string): PromptLine[] {
  const out: PromptLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (!raw.trim() || raw.trimStart().startsWith('#')) continue;
    const cells = raw.split('\t');
    if (cells.length >= 3) {
      const body = oneLine(cells.slice(2).join(' '));
      if (!body) continue;
      out.push({ name: oneLine(cells[0] ?? '') || nameFromText(body), tags: cleanTags((cells[1] ?? '').split(',')), text: body });
    } else {
      const body = oneLine(raw);
      out.push({ name: nameFromText(body), tags: [], text: body });
    }
  }
  return out;
}

/** Writes the library as text `parsePromptList` reads back unchanged. */
export function formatPromptList(prompts: readonly SavedPrompt[]): string {
  const head = '# Imagine Studio prompt list: name<TAB>tags (comma-separated)<TAB>prompt, one per line.';
  return [head, ...prompts.map((p) => [oneLine(p.name), p.tags.join(', '), oneLine(p.text)].join('\t'))].join('\n') + '\n';
}
