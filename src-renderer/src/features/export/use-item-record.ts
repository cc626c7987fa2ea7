import type { LibraryRecord } from '@contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { invoke } from '../../lib/api';
import { useStudio } from '../../stores/store';

/**
 * A library record for surfaces outside the Library (the Generate grid knows only item ids). Taken from the
 * Library's cache when it is there, else fetched once when `load()` is first called (on hover), so a drag that
 * starts a moment later already has the file it needs: `dragstart` cannot wait for an answer.
 */
export function useItemRecord(itemId: string | null) {
  const cached = useStudio((s) => (itemId ? s.library.records.get(itemId) : undefined));
  const [fetched, setFetched] = useState<LibraryRecord | null>(null);
  const asked = useRef<string | null>(null);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const load = useCallback(() => {
    if (!itemId || cached || asked.current === itemId) return;
    asked.current = itemId;
    invoke('library:records', { ids: [itemId] }).then(
      ({ records }) => live.current && setFetched(records[0] ?? null),
      () => {
        asked.current = null; // try again on the next hover
      },
    );
  }, [itemId, cached]);
  const record = cached ?? (fetched?.id === itemId ? fetched : null);
  return { record, load };
}
