import { useEffect } from 'react';
import { useStudio } from '../../stores/store';
import type { ViewerTarget } from '../../stores/viewer-slice';
import { loadMoreIds } from '../library/query-commands';

export interface ViewerSequence {
  /** 0-based position of the item, or -1 when it is not in the sequence (a lineage link). */
  index: number;
  total: number;
  previous: string | null;
  next: string | null;
}

/**
 * Where the viewed item sits in what ←/→ step through. The Library's order counts the whole result (a large
 * library pages its ids in, and stepping towards the end of those brings in the next page).
 */
export function useViewerSequence(target: ViewerTarget): ViewerSequence {
  const libraryIds = useStudio((s) => s.library.ids);
  const libraryTotal = useStudio((s) => Math.max(s.library.total, s.library.ids.length));
  const hasMore = useStudio((s) => s.library.nextCursor !== null);
  const ids = target.from === 'library' ? libraryIds : target.ids;
  const index = ids.indexOf(target.id);
  const total = target.from === 'library' ? libraryTotal : ids.length;
  useEffect(() => {
    if (target.from === 'library' && hasMore && index >= libraryIds.length - 50) void loadMoreIds();
  }, [target.from, hasMore, index, libraryIds.length]);
  return {
    index,
    total,
    previous: index > 0 ? (ids[index - 1] ?? null) : null,
    next: index >= 0 ? (ids[index + 1] ?? null) : null,
  };
}
