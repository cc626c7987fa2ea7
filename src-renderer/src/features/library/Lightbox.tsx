import type { LibraryItemDetail } from '@contract';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { invoke } from '../../lib/api';
import { useStudio } from '../../stores/store';
import { LightboxDetails } from './LightboxDetails';
import { LightboxMedia } from './LightboxMedia';
import { errorText, loadMoreIds } from './query-commands';
import { setRating } from './organize-commands';
import { useModal } from './use-modal';

/**
 * One item at full size in a modal dialog. ←/→ move through the grid's current order (and move the grid's focus
 * along, so closing lands where the user is); Escape closes.
 */
export function Lightbox(props: { id: string }) {
  const { id } = props;
  const patch = useStudio((s) => s.patchLibrary);
  const cached = useStudio((s) => s.library.records.get(id));
  const ids = useStudio((s) => s.library.ids);
  // The position counts the whole result, not just the ids paged in so far (a 100k library loads them in pages).
  const total = useStudio((s) => Math.max(s.library.total, s.library.ids.length));
  const hasMore = useStudio((s) => s.library.nextCursor !== null);
  const [loaded, setLoaded] = useState<{ id: string; detail?: LibraryItemDetail; error?: string } | null>(null);
  const ref = useModal(() => patch({ lightboxId: null }));
  const index = ids.indexOf(id);

  useEffect(() => {
    let live = true;
    invoke('library:item', { id }).then(
      (detail) => live && setLoaded({ id, detail }),
      (err: unknown) => live && setLoaded({ id, error: errorText(err) }),
    );
    return () => {
      live = false;
    };
  }, [id, cached?.favorite]);

  const open = (target: string) => {
    const at = useStudio.getState().library.ids.indexOf(target);
    patch({ lightboxId: target, ...(at >= 0 ? { focusIndex: at } : {}) });
  };
  useEffect(() => {
    // Stepping towards the end of the ids paged in so far brings in the next page.
    if (hasMore && index >= ids.length - 50) void loadMoreIds();
  }, [hasMore, index, ids.length]);

  const step = (delta: number) => {
    const target = ids[index + delta];
    if (index >= 0 && target) open(target);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    // Keys typed into a field (the tag box) or moving through the stars belong to that control.
    if (e.target instanceof HTMLElement && e.target.closest('input, textarea, select, [role="radiogroup"]')) return;
    // 0–5 rate the item, also while a video has focus (its controls give digits no meaning).
    if (/^[0-5]$/.test(e.key) && record) {
      e.preventDefault();
      void setRating([record.id], Number(e.key));
      return;
    }
    if (e.target instanceof HTMLVideoElement) return;
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      step(e.key === 'ArrowRight' ? 1 : -1);
    }
  };

  const detail = loaded?.id === id ? (loaded.detail ?? null) : null;
  const error = loaded?.id === id ? loaded.error : undefined;
  const record = cached ?? detail?.record;
  return (
    <dialog ref={ref} className="lightbox" aria-label="Item viewer" onKeyDown={onKeyDown}>
      <div className="lb-stage">
        {record ? <LightboxMedia key={record.id} record={record} /> : <p className="lb-missing">{error ?? 'Loading…'}</p>}
        <div className="lb-nav">
          <button type="button" className="lib-button" aria-label="Previous item" disabled={index <= 0} onClick={() => step(-1)}>
            ←
          </button>
          <span className="lb-position">{index >= 0 ? `${(index + 1).toLocaleString()} of ${total.toLocaleString()}` : ''}</span>
          <button type="button" className="lib-button" aria-label="Next item" disabled={index < 0 || index >= ids.length - 1} onClick={() => step(1)}>
            →
          </button>
        </div>
      </div>
      {record && <LightboxDetails record={record} detail={detail} onOpen={open} />}
      <button type="button" className="lib-icon lb-close" aria-label="Close viewer" onClick={() => patch({ lightboxId: null })}>
        ×
      </button>
    </dialog>
  );
}
