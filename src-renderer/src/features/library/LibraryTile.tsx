import { memo, useState, type DragEvent, type MouseEvent } from 'react';
import { mediaUrl } from '../../lib/api';
import { useStudio } from '../../stores/store';
import { startDragOut } from '../export/drag-out';
import { captionSource, formatDuration, itemName, spokenDuration } from './format';
import { excerpt } from './highlight';
import { Highlighted } from './Highlighted';
import { coverWidth, pickRendition, renditionsOf } from './tile-source';

export interface TileProps {
  id: string;
  index: number;
  /** Position in the row and the picture's box (the caption goes below it). */
  left: number;
  width: number;
  height: number;
  /** Square cells crop the picture (cover); justified tiles already have its shape. */
  square: boolean;
  /** A click on the tile (`click`: opens, or selects with Ctrl/Cmd/Shift) or on its checkbox (`check`). */
  onPick(index: number, id: string, e: MouseEvent, how: 'click' | 'check'): void;
  onOpen(id: string): void;
  onMenu(index: number, id: string, e: MouseEvent): void;
}

/** The tile's accessible name: what the item is, and for a video that it is one and how long it runs. */
export function tileName(record: Parameters<typeof itemName>[0] & { kind: string; durationMs: number | null }): string {
  const name = itemName(record);
  if (record.kind !== 'video') return name;
  const length = spokenDuration(record.durationMs);
  return `${name}, video${length ? `, ${length}` : ''}`;
}

/**
 * One grid cell. It selects its own record, selected and focused state from the store, so a window fetch, a click
 * or a keyboard move re-renders only the tiles they touch (the grid re-renders only when the visible rows change).
 * Until its record arrives it is a quiet placeholder; a file that vanished shows "Missing file" (never an endless
 * spinner). It shows the smallest rendition sharp at this size and pixel ratio (tile-source.ts); one that fails to
 * load gives way to the next, and with none left it says "No preview".
 */
export const LibraryTile = memo(function LibraryTile(props: TileProps) {
  const { index, id } = props;
  const record = useStudio((s) => s.library.records.get(id));
  const selected = useStudio((s) => (s.library.band ?? s.library.selection.selected).has(id));
  const focused = useStudio((s) => s.library.focusIndex === index);
  const [failed, setFailed] = useState<readonly string[]>([]);
  const name = record ? tileName(record) : 'Loading item';
  const shown = record ? captionSource(record) : null;
  const caption = shown ? excerpt(shown.text, shown.ranges, 90) : null;
  const shape = record?.width && record.height ? record.width / record.height : 0;
  const drawn = props.square ? coverWidth(props.width, props.height, shape) : props.width;
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  const source = record && !record.missing ? pickRendition(renditionsOf(record), drawn * dpr, failed) : undefined;
  // Dragging a selected tile takes the whole selection along (in the order of the grid); any other tile, itself.
  const dragOut = (e: DragEvent) => {
    const lib = useStudio.getState().library;
    const ids = lib.selection.selected.has(id) ? lib.ids.filter((x) => lib.selection.selected.has(x)) : [id];
    startDragOut(e.nativeEvent, ids.flatMap((x) => {
      const r = lib.records.get(x);
      return r && !r.missing ? [r] : [];
    }));
  };
  return (
    <div
      role="gridcell"
      aria-selected={selected}
      aria-label={name}
      tabIndex={focused ? 0 : -1}
      data-index={index}
      className="lib-tile"
      style={{ left: props.left, width: props.width }}
      onClick={(e) => props.onPick(index, id, e, 'click')}
      onContextMenu={(e) => props.onMenu(index, id, e)}
      draggable={!!record && !record.missing}
      onDragStart={dragOut}
    >
      <div className="lib-thumb" style={{ height: props.height }}>
        {!record ? (
          <div className="lib-thumb-placeholder" aria-hidden="true" />
        ) : !source ? (
          <div className="lib-thumb-missing">{record.missing ? 'Missing file' : 'No preview'}</div>
        ) : (
          <img
            key={source.path}
            src={mediaUrl(source.path) + (source.query ?? '')}
            alt=""
            decoding="async"
            draggable={false}
            onError={() => setFailed((list) => [...list, source.path])}
          />
        )}
        {record?.kind === 'video' && (
          <span className="lib-badge" aria-hidden="true">
            ▶ {formatDuration(record.durationMs) || 'Video'}
          </span>
        )}
        {record?.favorite && (
          <span className="lib-star" title="Favorite">
            ★
          </span>
        )}
        <span
          role="checkbox"
          aria-checked={selected}
          aria-label="Select"
          className="lib-check"
          onClick={(e) => {
            e.stopPropagation();
            props.onPick(index, id, e, 'check');
          }}
        >
          <span aria-hidden="true">✓</span>
        </span>
      </div>
      <div className="lib-caption">
        {caption ? <Highlighted text={caption.text || '(no prompt)'} ranges={caption.ranges} /> : '\u00a0'}
      </div>
    </div>
  );
});
