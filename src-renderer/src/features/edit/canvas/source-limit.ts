import { MAX_EDIT_SOURCES, findModel } from '@contract';

/**
 * Most sources an edit with `model` takes (5 on 2.0, 3 on 1.0: the capability table's `maxEditSources`). Limits are
 * always the built-in table's: xAI's listings publish prices, never limits.
 */
export function editSourceLimit(model: string): number {
  return findModel(model, 'image')?.maxEditSources || MAX_EDIT_SOURCES;
}
