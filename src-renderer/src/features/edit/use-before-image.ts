import type { EditSourceView } from '@contract';
import { useEffect, useState } from 'react';
import { invoke, mediaUrl } from '../../lib/api';

/**
 * The "before" of a compare at full size: the source's library original when it has one (every sent source does),
 * else the card's small thumbnail.
 */
export function useBeforeImage(source: EditSourceView | null): string | null {
  const itemId = source?.libraryItemId ?? null;
  const [found, setFound] = useState<{ itemId: string; url: string } | null>(null);
  useEffect(() => {
    if (!itemId) return;
    let live = true;
    invoke('library:records', { ids: [itemId] })
      .then(({ records }) => {
        const record = records[0];
        if (live && record && !record.missing) setFound({ itemId, url: mediaUrl(record.file) });
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [itemId]);
  if (found && found.itemId === itemId) return found.url;
  return source?.thumbDataUrl ?? null;
}
