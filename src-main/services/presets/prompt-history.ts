/**
 * The prompt history (issue 6): every prompt submitted, most recent first, searchable, kept in the job database
 * (`jobs.db`) so it survives library switches. The queue adds to it on submit; the renderer hands over its old
 * local history once.
 */
import type { PromptHistoryView } from '@contract';
import { cleanPrompts } from '../../core/jobs/plan';
import type { JobStore } from '../../core/jobs/job-store';
import type { Clock } from '../../core/ports';

export function createPromptHistory(deps: { store: Pick<JobStore, 'rememberPrompts' | 'promptHistory'>; clock: Clock }) {
  const { store, clock } = deps;
  let lastPromptAt = 0;
  return {
    /** Adds prompts as used now, in order (the last is the most recent); returns how many. */
    remember(prompts: readonly string[]): number {
      const clean = cleanPrompts(prompts);
      // Strictly increasing times, so the order of use survives in "most recent first" even within a millisecond.
      for (const p of clean) {
        lastPromptAt = Math.max(clock.now(), lastPromptAt + 1);
        store.rememberPrompts([p], lastPromptAt);
      }
      return clean.length;
    },
    /** Prompts submitted before, most recent first; `query` filters (case-insensitive substring). */
    list(input: { query?: string | undefined; limit?: number | undefined }): PromptHistoryView {
      const query = input.query?.trim() ?? '';
      return { prompts: store.promptHistory({ ...(query ? { query } : {}), limit: input.limit ?? 50 }) };
    },
  };
}

export type PromptHistory = ReturnType<typeof createPromptHistory>;
