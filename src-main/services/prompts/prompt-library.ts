/**
 * The prompt library (issue 19): prompts saved with a name and tags, imported from and exported to text.
 * Names are unique regardless of case; saving under an existing name replaces that prompt.
 */
import type { SavedPrompt } from '@contract';
import type { ParsedInput } from '@contract';
import { fail } from '../../core/app-error';
import type { Clock } from '../../core/ports';
import { cleanTags, formatPromptList, parsePromptList, type SavedPromptStore } from '../../core/prompts/saved-prompts';
import { validationError } from '../../core/xai';

/** Most prompts kept: enough for a working collection, few enough to list at once. */
export const SAVED_PROMPTS_MAX = 5000;

export function createPromptLibrary(deps: { store: SavedPromptStore; clock: Clock; newId: () => string }) {
  const { store, clock } = deps;

  /** Adds or replaces by name (or by id when given); answers the prompt and whether one was replaced. */
  function put(fields: { id?: string | undefined; name: string; text: string; tags: readonly string[] }): { prompt: SavedPrompt; replaced: boolean } {
    const now = clock.now();
    const clean = { name: fields.name.trim(), text: fields.text.trim(), tags: cleanTags(fields.tags) };
    const named = store.byName(clean.name);
    if (fields.id) {
      const current = store.get(fields.id) ?? fail({ kind: 'not-found', message: 'This prompt was deleted.' });
      if (named && named.id !== current.id) {
        fail(validationError([{ path: 'name', message: `A prompt named “${named.name}” already exists. Pick another name.` }]));
      }
      const next = { ...current, ...clean, updatedAt: now };
      store.put(next);
      return { prompt: next, replaced: true };
    }
    if (named) {
      const next = { ...named, ...clean, updatedAt: now };
      store.put(next);
      return { prompt: next, replaced: true };
    }
    if (store.list().length >= SAVED_PROMPTS_MAX) {
      fail(validationError([{ path: 'name', message: `At most ${SAVED_PROMPTS_MAX} saved prompts. Delete some you no longer use.` }]));
    }
    const created: SavedPrompt = { id: deps.newId(), ...clean, createdAt: now, updatedAt: now };
    store.put(created);
    return { prompt: created, replaced: false };
  }

  function list(query?: string): { prompts: SavedPrompt[] } {
    const q = query?.trim().toLowerCase() ?? '';
    const all = store.list();
    if (!q) return { prompts: all };
    return { prompts: all.filter((p) => p.name.toLowerCase().includes(q) || p.text.toLowerCase().includes(q) || p.tags.some((t) => t.includes(q))) };
  }

  function importText(text: string): { added: number; replaced: number } {
    const lines = parsePromptList(text);
    if (lines.length === 0) fail(validationError([{ path: 'text', message: 'No prompts found: put one prompt on each line.' }]));
    let added = 0;
    let replaced = 0;
    for (const line of lines) {
      if (line.text.length > 10_000) continue;
      const r = put({ name: line.name.slice(0, 120), text: line.text, tags: line.tags.slice(0, 20) });
      if (r.replaced) replaced++;
      else added++;
    }
    return { added, replaced };
  }

  return {
    list,
    save: (input: ParsedInput<'prompts:save'>) => put(input).prompt,
    delete: (id: string) => ({ count: store.delete(id) ? 1 : 0 }),
    importText,
    exportText: () => ({ text: formatPromptList(store.list()) }),
  };
}

export type PromptLibrary = ReturnType<typeof createPromptLibrary>;
