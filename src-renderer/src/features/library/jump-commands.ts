/**
 * "Jump to date": main says where in the grid's order a month begins (`library:position`, one counted date range),
 * and the grid brings that item to the top of the view and focuses it. In a 1M library whose ids have not paged in
 * that far, the page starting with that item comes first (`placePage`) and the ids above it page in behind it.
 */
import { invoke } from '../../lib/api';
import { useStudio } from '../../stores/store';
import { errorText, firstPageSize, placePage, toQueryFilter } from './query-commands';

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
  const filter = toQueryFilter(state);
  try {
    const { index } = await invoke('library:position', { filter, sort, at });
    const now = useStudio.getState().library;
    if (now.generation !== state.generation) return; // the view changed meanwhile
    const total = Math.max(now.total, now.ids.length);
    if (total === 0) return;
    // A month after the newest item (or before the oldest) lands on the nearest end.
    const jump = { index: Math.min(index, total - 1) };
    if (index >= total || now.ids[index] !== undefined) return useStudio.getState().patchLibrary({ jump });
    // Its ids have not paged in (a 1M library pages 50k at a time from the top): the page that starts with it
    // first — the same view from that moment on — then the jump, in one update.
    const size = firstPageSize(now.tileSize);
    const from = sort === 'newest' ? { to: Math.min(filter.to ?? Infinity, at + 1) } : { from: Math.max(filter.from ?? -Infinity, at) };
    const page = await invoke('library:query', { filter: { ...filter, ...from }, sort, limit: size.ids, withRecords: size.records, uncounted: true });
    placePage(state.generation, index, page, { jump });
  } catch (err) {
    useStudio.getState().pushNotice('error', `Could not jump to that date: ${errorText(err)}`);
  }
}
