/**
 * What a finished image on the Generate board offers, as one list both the tile's toolbar and its right-click menu
 * show: open it in the Library's viewer, favorite it, hand it to Edit or Video exactly as the Library does, remix the
 * tile's request, copy its prompt. The commands are the Library's (favorite, hand-off) where it has them.
 */
import type { BatchView, JobView, LibraryRecord } from '@contract';
import { useEffect, useRef, useState } from 'react';
import { useStudio } from '../../stores/store';
import { setFavorite } from '../library/item-commands';
import { boardItemIds } from './format';
import { applyRemix, settingsOfBatch } from './remix';
import { VARY_LABEL, varyItem } from './vary-commands';

export interface TileAction {
  id: string;
  /** The accessible name (and menu text). */
  label: string;
  /** A short glyph for the toolbar. */
  icon: string;
  /** For toggles: whether it is on. */
  pressed?: boolean;
  run(): void;
}

/** Opens a finished image in the viewer over Generate; ←/→ then step through the board's finished images. */
export function openInViewer(itemId: string): void {
  const s = useStudio.getState();
  s.openViewer({ id: itemId, from: 'list', ids: boardItemIds(s.batches) });
}

/** Copies text; answers whether the clipboard took it (a notice says why not). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    useStudio.getState().pushNotice('error', 'The clipboard is not available here.');
    return false;
  }
}

/** The actions of one done tile. `record` (loaded on hover/focus) tells whether it is a favorite already. */
export function useTileActions(args: { itemId: string | null; record: LibraryRecord | null; job: JobView; batch?: BatchView | undefined }): {
  actions: TileAction[];
  copied: boolean;
} {
  const { itemId, record, job, batch } = args;
  const handOff = useStudio((s) => s.handOffLibraryItem);
  // A favorite toggled here shows at once, before (or without) the record coming back changed.
  const [favorite, setFav] = useState<boolean | null>(null);
  const [copied, setCopied] = useState(false);
  const recordFavorite = record?.favorite;
  const seen = useRef(recordFavorite);
  useEffect(() => {
    const before = seen.current;
    seen.current = recordFavorite;
    if (recordFavorite === undefined) return;
    // The record confirms the toggle, or changed elsewhere (the Library, another window): it wins from here on. The
    // record arriving for the first time (undefined → value) does not undo a toggle made before it came.
    if ((before !== undefined && before !== recordFavorite) || recordFavorite === favorite) setFav(null);
  }, [recordFavorite, favorite]);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(t);
  }, [copied]);
  if (!itemId) return { actions: [], copied };
  const isFavorite = favorite ?? record?.favorite ?? false;
  const actions: TileAction[] = [
    { id: 'open', label: 'Open in viewer', icon: '⤢', run: () => openInViewer(itemId) },
    {
      id: 'favorite', label: 'Favorite', icon: isFavorite ? '★' : '☆', pressed: isFavorite,
      run: () => {
        setFav(!isFavorite);
        void setFavorite([itemId], !isFavorite);
      },
    },
    ...(batch ? [{ id: 'remix', label: 'Remix', icon: '↻', run: () => applyRemix(settingsOfBatch(batch, job.prompt)) }] : []),
    { id: 'edit', label: 'Edit', icon: '✎', run: () => handOff({ action: 'edit', itemId }) },
    { id: 'animate', label: 'Animate', icon: '▶', run: () => handOff({ action: 'animate', itemId }) },
    { id: 'copy-prompt', label: copied ? 'Prompt copied' : 'Copy prompt', icon: copied ? '✓' : '“', run: () => void copyText(job.prompt).then(setCopied) },
    { id: 'vary-subtle', label: VARY_LABEL.subtle, icon: '≈', run: () => void varyItem(itemId, 'subtle') },
    { id: 'vary-strong', label: VARY_LABEL.strong, icon: '≋', run: () => void varyItem(itemId, 'strong') },
  ];
  return { actions, copied };
}
