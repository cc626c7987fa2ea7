import { z } from 'zod';
import { Empty } from './common';

/*
 * Prompts beyond the history (issue 19): the enhancer (a Grok chat model rewrites a prompt, shown as a diff to accept,
 * edit or discard — never sent silently), the prompt library (saved prompts with a name and tags, imported and
 * exported as text) and `{a|b|c}` wildcards, which expand into a batch of prompts before anything is estimated.
 */

/** Most prompts a wildcard prompt may expand into: a batch's limit (MAX_BATCH_PROMPTS in ./jobs). */
export const WILDCARD_MAX_PROMPTS = 50;

/**
 * Expands `{a|b|c}` groups into every combination, in reading order (`a {red|blue} {cat|dog}` → 4 prompts, red cat
 * first). Groups do not nest; a `{` without a `|` before its `}` is kept as written; empty options are allowed
 * (`{|very }old` → "old", "very old"). Stops after `limit + 1` results so a caller can say "more than limit".
 */
export function expandWildcards(prompt: string, limit = WILDCARD_MAX_PROMPTS): string[] {
  const parts: (string | string[])[] = [];
  let rest = prompt;
  for (;;) {
    const m = /\{([^{}]*\|[^{}]*)\}/.exec(rest);
    if (!m) break;
    parts.push(rest.slice(0, m.index), m[1]!.split('|'));
    rest = rest.slice(m.index + m[0].length);
  }
  parts.push(rest);
  let out = [''];
  for (const part of parts) {
    if (typeof part === 'string') out = out.map((p) => p + part);
    else out = out.flatMap((p) => part.map((o) => p + o)).slice(0, limit + 1);
  }
  // Dropping an empty option can leave doubled spaces ("a  cat"): tidy them.
  return out.map((p) => p.replace(/[ \t]{2,}/g, ' ').trim());
}

/** How many prompts a text expands into (after `expandWildcards`), capped at `limit + 1`. */
export const wildcardCount = (prompt: string, limit = WILDCARD_MAX_PROMPTS): number => expandWildcards(prompt, limit).length;

/** What the rewrite is for: the system message differs (motion and sound for a video). */
export const EnhanceTarget = z.enum(['image', 'video']);
export type EnhanceTarget = z.infer<typeof EnhanceTarget>;

export const EnhanceInput = z.object({
  prompt: z.string().trim().min(1, 'Write a prompt first.').max(10_000),
  target: EnhanceTarget.default('image'),
}).strict();
export type EnhanceInput = z.input<typeof EnhanceInput>;

/** A rewrite waiting for the user: shown beside the original, sent only after "Accept". */
export const EnhanceView = z.object({
  original: z.string(),
  rewrite: z.string(),
  /** The chat model that wrote it. */
  model: z.string(),
  /** What the call cost (already in the ledger), in ticks. */
  costTicks: z.number().int(),
  requestId: z.string().nullable(),
});
export type EnhanceView = z.infer<typeof EnhanceView>;

const SavedPromptId = z.string().regex(/^[0-9a-f]{32}$/, 'Not a saved prompt id.');
const Tag = z.string().trim().min(1).max(60);

/** A prompt in the library: its name, the text (wildcards allowed) and tags. */
export const SavedPrompt = z.object({
  id: SavedPromptId,
  name: z.string(),
  text: z.string(),
  tags: z.array(z.string()),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type SavedPrompt = z.infer<typeof SavedPrompt>;

export const SavePromptInput = z.object({
  /** Present to change that prompt; absent to add one (one of the same name is replaced). */
  id: SavedPromptId.optional(),
  name: z.string().trim().min(1, 'Give the prompt a name.').max(120, 'At most 120 characters.'),
  text: z.string().trim().min(1, 'Write a prompt first.').max(10_000),
  tags: z.array(Tag).max(20, 'At most 20 tags.').default([]),
}).strict();
export type SavePromptInput = z.input<typeof SavePromptInput>;

/** Most characters of prompt-list text one import takes (the WebSocket bridge carries it as is). */
export const PROMPT_LIST_MAX_CHARS = 2_000_000;

export const promptsChannels = {
  /**
   * Asks the text model chosen in Settings to rewrite a prompt (refused as `validation`, path `budget`, over the
   * budget cap); records the call's cost in the shared ledger; answers the rewrite for the user to judge.
   */
  'prompts:enhance': { input: EnhanceInput, output: EnhanceView },
  /** The prompt library, by name (case-insensitive); `query` matches names, texts and tags. */
  'prompts:saved': { input: z.object({ query: z.string().max(200).optional() }).strict(), output: z.object({ prompts: z.array(SavedPrompt) }) },
  'prompts:save': { input: SavePromptInput, output: SavedPrompt },
  'prompts:delete': { input: z.object({ id: SavedPromptId }).strict(), output: z.object({ count: z.number().int() }) },
  /**
   * Adds prompts from text: one prompt a line, or `name<TAB>tags<TAB>prompt` lines as `prompts:export` writes them
   * (tags comma-separated); blank lines and lines starting with `#` are skipped. Same names are replaced.
   */
  'prompts:import': { input: z.object({ text: z.string().max(PROMPT_LIST_MAX_CHARS) }).strict(), output: z.object({ added: z.number().int(), replaced: z.number().int() }) },
  /** The whole library as text (the format `prompts:import` reads). */
  'prompts:export': { input: Empty, output: z.object({ text: z.string() }) },
} as const;

export const promptsEvents = {} as const;
