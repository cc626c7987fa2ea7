/**
 * "Jump to date": main says where in the grid's order a month begins (`library:position`, one counted date range),
 * and the grid brings that item to the top of the view and focuses it. In a 1M library the ids between page in
 * behind it (the rows are placed by estimate until then, so the view is there at once).
 */
import { invoke } from '../../lib/api';
import { useStudio } from '../../stores/store';
import { errorText, toQueryFilter } from './query-commands';

/** Newest first: the last moment of the month (its newest item comes first); oldest first: its first moment. */
export function monthMoment(month: string, sort: 'newest' | 'oldest'): number | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return null;
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  if (index < 0 || index > 11) return null;
  return sort === 'newest' ? new Date(year, index + 1, 1).getTime() - 1 : new Date(year, index, 1).getTime();
}

/** Only dated orders can jump: the newest and oldest first grids. */
export function jumpSort(): 'newest' | 'oldest' | null {
  const { sort, text } = useStudio.getState().library;
  if (sort === 'newest' || (sort === 'relevance' && !text.trim())) return 'newest';
  return sort === 'oldest' ? 'oldest' : null;
}

export async function jumpToMonth(month: string): Promise<void> {
  const sort = jumpSort();
  const at = sort ? monthMoment(month, sort) : null;
  if (sort === null || at === null) return;
  const state = useStudio.getState().library;
  try {
    const { index } = await invoke('library:position', { filter: toQueryFilter(state), sort, at });
    const now = useStudio.getState().library;
    if (now.generation !== state.generation) return; // the view changed meanwhile
    const total = Math.max(now.total, now.ids.length);
    if (total === 0) return;
    // A month after the newest item (or before the oldest) lands on the nearest end.
    useStudio.getState().patchLibrary({ jump: { index: Math.min(index, total - 1) } });
  } catch (err) {
    useStudio.getState().pushNotice('error', `Could not jump to that date: ${errorText(err)}`);
  }
}
