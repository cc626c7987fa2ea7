import type { LibraryRecord } from '@contract';
import { useCallback, useEffect, useState } from 'react';
import { mediaUrl } from '../../lib/api';

export interface ImageSource {
  /** What the stage shows now: the 1024 px preview until the original has loaded, then the original. */
  src: string;
  original: string;
  poster: string | null;
  /** The original's pixel size (from the index, else from the first image that loads). */
  size: { width: number; height: number } | null;
  failed: boolean;
  onError(): void;
  /** For the size probe when the index does not know the size. */
  onProbe(e: { currentTarget: HTMLImageElement }): void;
}

/**
 * The preview at once and the original as soon as it has loaded (it is fetched in the background from the start),
 * so zooming in and "Actual size" show the original's pixels. A preview that is not there yet (404: previews are
 * made in the background after ingest) falls back to the original file.
 */
export function useImageSource(record: LibraryRecord): ImageSource {
  // Per item: state for another id counts as fresh (the stage stays mounted while ←/→ change the item).
  const [state, setState] = useState<{ id: string; fullLoaded: boolean; failed: boolean; previewFailed: boolean; probed: { width: number; height: number } | null }>({
    id: record.id, fullLoaded: false, failed: false, previewFailed: false, probed: null,
  });
  const mine = state.id === record.id ? state : { id: record.id, fullLoaded: false, failed: false, previewFailed: false, probed: null };
  const patch = useCallback(
    (id: string, p: Partial<typeof state>) =>
      setState((s) => ({ ...(s.id === id ? s : { id, fullLoaded: false, failed: false, previewFailed: false, probed: null }), ...p })),
    [],
  );
  const original = mediaUrl(record.file);
  const preview = record.preview && !mine.previewFailed ? mediaUrl(record.preview) : null;

  useEffect(() => {
    if (record.kind !== 'image' || record.missing) return;
    const id = record.id;
    const img = new Image();
    img.decoding = 'async';
    img.onload = () => patch(id, { fullLoaded: true, probed: { width: img.naturalWidth, height: img.naturalHeight } });
    img.onerror = () => patch(id, { failed: true });
    img.src = original;
    return () => {
      img.onload = null;
      img.onerror = null;
    };
  }, [record.id, record.kind, record.missing, original, patch]);

  const showPreview = !mine.fullLoaded && preview !== null;
  const known = record.width && record.height ? { width: record.width, height: record.height } : null;
  return {
    src: showPreview ? preview : original,
    original,
    poster: record.preview ? mediaUrl(record.preview) : null,
    size: known ?? mine.probed,
    failed: mine.failed && !showPreview,
    onError: () => patch(record.id, showPreview ? { previewFailed: true } : { failed: true }),
    onProbe: (e) => {
      const { naturalWidth: width, naturalHeight: height } = e.currentTarget;
      if (!mine.probed) patch(record.id, { probed: { width, height } });
    },
  };
}
