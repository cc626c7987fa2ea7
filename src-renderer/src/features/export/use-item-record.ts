import type { LibraryRecord } from '@contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { hasBridge, invoke, subscribe } from '../../lib/api';
import { useStudio } from '../../stores/store';

/**
 * A library record for surfaces outside the Library (the Generate grid knows only item ids). Taken from the
 * Library's cache when it is there, else fetched once when `load()` is first called (on hover), so a drag that
 * starts a moment later already has the file it needs: `dragstart` cannot wait for an answer.
 *
 * It follows `library:changed`: an event naming the item refetches it, and one naming no ids (a rebuild, a
 * switch) refetches it when it was shown, so a favorite toggled in the Library or another window shows on the tile
 * even when the Library does not have the record loaded.
 */
export function useItemRecord(itemId: string | null) {
  const cached = useStudio((s) => (itemId ? s.library.records.get(itemId) : undefined));
  const [fetched, setFetched] = useState<LibraryRecord | null>(null);
  const asked = useRef<string | null>(null);
  const live = useRef(true);
  // Only the latest answer counts: a refetch started after an earlier one must not be overwritten by it.
  const seq = useRef(0);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const fetchRecord = useCallback((id: string) => {
    asked.current = id;
    const mine = ++seq.current;
    invoke('library:records', { ids: [id] }).then(
      ({ records }) => {
        if (live.current && mine === seq.current) setFetched(records[0] ?? null);
      },
      () => {
        if (mine === seq.current) asked.current = null; // try again on the next hover
      },
    );
  }, []);
  const load = useCallback(() => {
    if (!itemId || cached || asked.current === itemId) return;
    fetchRecord(itemId);
  }, [itemId, cached, fetchRecord]);
  // Whether the tile has shown this record (from the cache or fetched), for events that name no ids.
  const hadCached = useRef(false);
  useEffect(() => {
    hadCached.current = false;
    if (!itemId || !hasBridge()) return;
    return subscribe('library:changed', ({ ids }) => {
      const shown = hadCached.current || asked.current === itemId;
      if (ids ? ids.includes(itemId) : shown) fetchRecord(itemId);
    });
  }, [itemId, fetchRecord]);
  // After the subscription's effect, which resets it for a new item.
  useEffect(() => {
    if (cached) hadCached.current = true;
  }, [cached]);
  const record = cached ?? (fetched?.id === itemId ? fetched : null);
  return { record, load };
}
