import type { LibraryItemDetail } from '@contract';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { invoke } from '../../lib/api';
import { useStudio } from '../../stores/store';
import type { ViewerTarget } from '../../stores/viewer-slice';
import { errorText } from '../library/query-commands';
import { useModal } from '../library/use-modal';
import { registerShortcuts } from '../shell/shortcuts';
import { trapTab } from './trap-tab';
import { useViewerSequence } from './use-viewer-sequence';
import { ViewerDetails } from './ViewerDetails';
import { ViewerStage, type StageHandle } from './ViewerStage';
import { setRating } from '../library/organize-commands';
import './viewer.css';

registerShortcuts({
  id: 'viewer',
  title: 'Viewer',
  order: 5,
  shortcuts: [
    { keys: '← / →', action: 'Previous / next item' },
    { keys: '+ / −', action: 'Zoom in / out (also the mouse wheel, around the pointer)' },
    { keys: '0', action: 'Fit the image to the window' },
    { keys: '1', action: 'Actual size: one image pixel per screen pixel' },
    { keys: 'F', action: 'Full screen' },
    { keys: 'Shift + 1 – 5 / Shift + 0', action: 'Rate the item / clear its rating (in the grid: 1 – 5 / 0)' },
    { keys: 'Esc', action: 'Close the viewer' },
  ],
});

/**
 * One item large, in a modal dialog: the stage (zoom, pan, full screen) beside its details. ←/→ step through the
 * sequence it was opened from; Tab stays inside; Escape closes and gives the focus back to the tile.
 */
export function Viewer(props: { target: ViewerTarget }) {
  const { target } = props;
  const { id } = target;
  const close = useStudio((s) => s.closeViewer);
  const show = useStudio((s) => s.showInViewer);
  const cached = useStudio((s) => s.library.records.get(id));
  const [loaded, setLoaded] = useState<{ id: string; detail?: LibraryItemDetail; error?: string } | null>(null);
  const ref = useModal(close);
  const stage = useRef<StageHandle>(null);
  const seq = useViewerSequence(target);

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

  useEffect(() => {
    // The dialog itself takes the focus (not its first button), so the keys work and Enter does nothing by surprise.
    ref.current?.focus();
  }, [ref]);

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key === 'Tab') return trapTab(e);
    const target = e.target as HTMLElement;
    // The video's own keys, and typing in a field, stay theirs.
    if (target instanceof HTMLVideoElement || target.closest('input, textarea, select') || e.altKey || e.ctrlKey || e.metaKey) return;
    // Ratings: plain 0 and 1 are the stage's zoom keys here, so the viewer rates with Shift (the grid with 0–5 alone).
    if (e.shiftKey && /^Digit[0-5]$/.test(e.code) && record) {
      e.preventDefault();
      void setRating([record.id], Number(e.code.slice(5)));
      return;
    }
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      const to = e.key === 'ArrowRight' ? seq.next : seq.previous;
      e.preventDefault();
      if (to) show(to);
    } else if (stage.current?.key(e)) e.preventDefault();
  };

  const detail = loaded?.id === id ? (loaded.detail ?? null) : null;
  const error = loaded?.id === id ? loaded.error : undefined;
  const record = cached ?? detail?.record;
  const nav = (
    <div className="viewer-nav" role="group" aria-label="Items">
      <button type="button" className="viewer-tool" aria-label="Previous item" disabled={!seq.previous} onClick={() => seq.previous && show(seq.previous)}>
        ←
      </button>
      <span className="viewer-position">{seq.index >= 0 ? `${(seq.index + 1).toLocaleString()} of ${seq.total.toLocaleString()}` : ''}</span>
      <button type="button" className="viewer-tool" aria-label="Next item" disabled={!seq.next} onClick={() => seq.next && show(seq.next)}>
        →
      </button>
    </div>
  );
  return (
    <dialog ref={ref} className="viewer" aria-label="Item viewer" tabIndex={-1} onKeyDown={onKeyDown}>
      {record ? <ViewerStage record={record} nav={nav} ref={stage} /> : <p className="viewer-missing">{error ?? 'Loading…'}</p>}
      {record && <ViewerDetails record={record} detail={detail} onOpen={show} />}
      <button type="button" className="lib-icon viewer-close" aria-label="Close viewer" onClick={close}>
        ×
      </button>
    </dialog>
  );
}

/** The viewer, wherever it was opened from (the Library grid, a Generate board, a lineage link). */
export function ViewerHost() {
  const target = useStudio((s) => s.viewer);
  return target ? <Viewer target={target} /> : null;
}
