import { useMemo, useRef, useState, type DragEvent, type PointerEvent } from 'react';
import { editSourceLimit } from './canvas/source-limit';
import { createGestureMachine } from './canvas/gestures/machine';
import type { CanvasPointer } from './canvas/gestures/types';
import { useCanvas, useCanvasStore } from './canvas-context';
import { addFiles } from './commands';
import { RefusalList } from './RefusalList';
import { SourceCard } from './SourceCard';
import { SourceLimitText } from './SourceLimitText';

const clamp = (v: number) => Math.min(1, Math.max(0, v));

/**
 * Maps a DOM pointer event to the machine's plain pointer: buttons on a card are not drag handles, and while a
 * thumbnail is in crop mode the position is also given as fractions of that thumbnail.
 */
function toPointer(e: PointerEvent<HTMLElement>): CanvasPointer {
  const target = e.target as HTMLElement;
  const card = target.closest<HTMLElement>('[data-card-key]');
  const surface = e.currentTarget.querySelector<HTMLElement>('[data-crop-surface]');
  const r = surface?.getBoundingClientRect();
  return {
    x: e.clientX,
    y: e.clientY,
    cardKey: target.closest('button') ? null : (card?.dataset.cardKey ?? null),
    crop: r && r.width > 0 ? { x: clamp((e.clientX - r.left) / r.width), y: clamp((e.clientY - r.top) / r.height) } : null,
    onCropSurface: Boolean(surface && target.closest('[data-crop-surface]')),
  };
}

/** Card positions along the row, read from the DOM at the moment a gesture needs them. */
function cardLayout(list: HTMLElement | null) {
  return [...(list?.querySelectorAll<HTMLElement>('[data-card-key]') ?? [])].map((el) => {
    const r = el.getBoundingClientRect();
    return { key: el.dataset.cardKey ?? '', left: r.left, width: r.width };
  });
}

/** The drop zone and the row of source cards; cards reorder by dragging (pointer gestures), files arrive by drop. */
export function SourceCanvas() {
  const store = useCanvasStore();
  const sources = useCanvas((s) => s.doc.sources);
  const pending = useCanvas((s) => s.pending);
  const limit = useCanvas((s) => editSourceLimit(s.params.model));
  const [list, setList] = useState<HTMLOListElement | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const machine = useMemo(() => createGestureMachine(store, () => cardLayout(list)), [store, list]);
  const free = Math.max(0, limit - sources.length - pending);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void addFiles(store, [...e.dataTransfer.files]);
  };
  return (
    <section
      className={`source-canvas${over ? ' drop-over' : ''}`}
      aria-label="Edit canvas"
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <ol
        ref={setList}
        className="source-row"
        aria-label="Sources"
        onPointerDown={(e) => {
          const p = toPointer(e);
          if (p.cardKey) e.currentTarget.setPointerCapture(e.pointerId);
          machine.pointerDown(p);
        }}
        onPointerMove={(e) => machine.pointerMove(toPointer(e))}
        onPointerUp={(e) => machine.pointerUp(toPointer(e))}
        onPointerCancel={() => machine.cancel()}
        onKeyDown={(e) => e.key === 'Escape' && machine.cancel()}
      >
        {sources.map((card, i) => <SourceCard key={card.key} card={card} index={i} count={sources.length} />)}
        {Array.from({ length: Math.max(0, pending) }, (_, i) => <li key={`pending-${i}`} className="source-card pending" aria-label="Preparing image…">Preparing…</li>)}
      </ol>
      <div className="drop-hint">
        {free > 0 && (
          <p>
            {sources.length === 0 ? 'Drop up to ' + limit + ' images here, paste one (Ctrl/Cmd+V), or ' : `Room for ${free} more: drop, paste, or `}
            <button type="button" className="link" onClick={() => fileRef.current?.click()}>choose files…</button>
          </p>
        )}
        <p className="muted">
          <SourceLimitText /> Their order is their tag: the first is &lt;IMAGE_0&gt;. Drag cards to reorder; Delete
          removes the selected one; Ctrl/Cmd+Z undoes. PNG, JPEG and WebP are sent as they are; GIF, BMP, TIFF and AVIF
          are converted; large images are scaled down.
        </p>
      </div>
      <input
        ref={fileRef}
        type="file"
        accept="image/*"
        multiple
        hidden
        aria-label="Choose images to edit"
        onChange={(e) => {
          void addFiles(store, [...(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
      <RefusalList />
    </section>
  );
}
