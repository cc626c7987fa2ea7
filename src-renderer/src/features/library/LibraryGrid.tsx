import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent } from 'react';
import { useStudio } from '../../stores/store';
import { nextFocusIndex } from './grid-keys';
import { GRID_GAP, columnsFor, itemSpan, needsMoreIds, rowCount, tileWidthFor } from './grid-window';
import { LibraryTile, type TileProps } from './LibraryTile';
import { fetchWindow, loadMoreIds } from './query-commands';
import { selectByClick } from './selection';
import { useElementWidth } from './use-element-width';
import { useRubberBand } from './use-rubber-band';

/** Caption under each thumbnail: two lines of prompt. */
const CAPTION = 40;
const PADDING = 4;
/**
 * Record fetches wait for the window to rest this long; while it keeps moving slower than FLING_ROWS_PER_S (reading,
 * a wheel) they still go out every FETCH_MAX_WAIT. A fling fetches nothing until it settles: those rows are gone
 * before their records could arrive.
 */
const FETCH_DEBOUNCE = 30;
const FETCH_MAX_WAIT = 150;
const FLING_ROWS_PER_S = 30;

/**
 * The virtualized grid. The scroll height comes from the total count (a stable scrollbar from the first paint);
 * only rows in view plus overscan are in the DOM, and only their records are fetched (debounced while flinging).
 * It re-renders only when the visible rows change: tiles read their own record, selection and focus.
 */
export function LibraryGrid(props: { onOpen(id: string): void; onMenu(index: number, id: string, e: MouseEvent): void }) {
  const ids = useStudio((s) => s.library.ids);
  const total = useStudio((s) => s.library.total);
  const recordsVersion = useStudio((s) => s.library.recordsVersion);
  const focusIndex = useStudio((s) => s.library.focusIndex);
  const tileSize = useStudio((s) => s.library.tileSize);
  const nextCursor = useStudio((s) => s.library.nextCursor);
  // Until the first ids arrive the grid shows a skeleton of tiles (CSS), so the screen has its shape at once.
  const busy = useStudio((s) => s.library.status === 'loading' && s.library.ids.length === 0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowsRef = useRef<HTMLDivElement>(null);
  const bandRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef(false);
  const motion = useRef({ row: 0, at: 0, waitingSince: null as number | null });
  const [scrolling, setScrolling] = useState(false);
  const width = useElementWidth(scrollRef);
  const columns = columnsFor(width - PADDING * 2, tileSize);
  const cell = tileWidthFor(width - PADDING * 2, columns, Math.min(tileSize, 96));
  const rowHeight = cell + CAPTION + GRID_GAP;
  const rows = rowCount(Math.max(total, ids.length), columns);

  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    // Fewer off-screen rows while the grid moves (each frame of a fling replaces them all), more once it rests.
    overscan: scrolling ? 1 : 3,
    onChange: (v) => setScrolling(v.isScrolling),
    // Re-render only when the range of rows (or isScrolling) changes, not on every scroll event: rows sit at fixed
    // offsets, so nothing else moves. No `containerRef` and no measured rows, so the virtualizer writes no styles:
    // rows and the container keep the positions and height rendered here.
    directDomUpdates: true,
  });
  const onBandStart = useRubberBand(scrollRef, rowsRef, bandRef, { columns, cell, tileHeight: rowHeight - GRID_GAP, rowHeight });
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight, columns]);

  const visible = virtualizer.getVirtualItems();
  const firstRow = visible[0]?.index ?? 0;
  const lastRow = visible[visible.length - 1]?.index ?? 0;

  useEffect(() => {
    const span = itemSpan(firstRow, lastRow, columns, ids.length);
    const now = performance.now();
    const m = motion.current;
    const rowsPerSecond = (Math.abs(firstRow - m.row) * 1000) / Math.max(1, now - m.at);
    m.row = firstRow;
    m.at = now;
    if (m.waitingSince === null || rowsPerSecond > FLING_ROWS_PER_S) m.waitingSince = now;
    const delay = Math.max(0, Math.min(FETCH_DEBOUNCE, m.waitingSince + FETCH_MAX_WAIT - now));
    const timer = setTimeout(() => {
      m.waitingSince = null;
      void fetchWindow(span);
      if (needsMoreIds(span[1], ids.length, nextCursor !== null)) void loadMoreIds();
    }, delay);
    return () => clearTimeout(timer);
  }, [firstRow, lastRow, columns, ids, recordsVersion, nextCursor]);

  // After a keyboard move, focus the tile once its row is rendered.
  useEffect(() => {
    if (!pendingFocus.current) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${focusIndex}"]`);
    if (el) {
      el.focus({ preventScroll: true });
      pendingFocus.current = false;
    }
  });

  const moveFocus = useCallback(
    (index: number) => {
      useStudio.getState().patchLibrary({ focusIndex: index });
      virtualizer.scrollToIndex(Math.floor(index / columns), { align: 'auto' });
      pendingFocus.current = true;
    },
    [virtualizer, columns],
  );

  // A plain click opens the viewer; Ctrl/Cmd-click toggles, Shift-click selects a range, the checkbox toggles.
  const { onOpen } = props;
  const onPick = useCallback((index: number, id: string, e: MouseEvent, how: 'click' | 'check') => {
    const s = useStudio.getState();
    s.patchLibrary({ focusIndex: index });
    const toggle = e.ctrlKey || e.metaKey || how === 'check';
    if (!toggle && !e.shiftKey) return onOpen(id);
    s.setLibrarySelection(selectByClick(s.library.ids, s.library.selection, id, { shift: e.shiftKey, toggle }));
  }, [onOpen]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const s = useStudio.getState();
    const lib = s.library;
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight) / rowHeight));
    const next = nextFocusIndex(e.key, lib.focusIndex, columns, lib.ids.length, pageRows);
    if (next !== null) {
      e.preventDefault();
      const id = lib.ids[next];
      if (!id) return;
      // Arrows move the focus only (Space selects); Shift extends the selection from the anchor.
      if (e.shiftKey) {
        const anchor = lib.selection.anchor ?? lib.ids[lib.focusIndex] ?? id;
        s.setLibrarySelection(selectByClick(lib.ids, { ...lib.selection, anchor }, id, { shift: true }));
      }
      moveFocus(next);
      return;
    }
    const focusedId = lib.ids[lib.focusIndex];
    if (!focusedId) return;
    if (e.key === ' ') {
      e.preventDefault();
      s.setLibrarySelection(selectByClick(lib.ids, lib.selection, focusedId, { toggle: true }));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      props.onOpen(focusedId);
    }
  };

  return (
    <div
      ref={scrollRef}
      className="lib-scroll"
      role="grid"
      aria-label="Library items"
      aria-multiselectable="true"
      aria-rowcount={rows}
      aria-colcount={columns}
      aria-busy={busy}
      style={skeleton(columns, cell, rowHeight)}
      onKeyDown={onKeyDown}
      onMouseDown={onBandStart}
    >
      <div ref={rowsRef} className="lib-rows" style={{ height: virtualizer.getTotalSize() }}>
        {visible.map((row) => (
          <GridRow
            key={row.key}
            index={row.index}
            start={row.start}
            height={rowHeight - GRID_GAP}
            columns={columns}
            cell={cell}
            ids={ids}
            onPick={onPick}
            onOpen={props.onOpen}
            onMenu={props.onMenu}
          />
        ))}
        <div ref={bandRef} className="lib-band" hidden aria-hidden="true" />
      </div>
    </div>
  );
}

/** The loading skeleton's geometry (drawn by CSS from these variables): the real grid's columns and rows. */
function skeleton(columns: number, cell: number, rowHeight: number): CSSProperties {
  return { '--lib-cell': `${cell}px`, '--lib-pitch': `${cell + GRID_GAP}px`, '--lib-tile-h': `${rowHeight - CAPTION - GRID_GAP}px`, '--lib-row': `${rowHeight}px`, '--lib-grid-w': `${columns * (cell + GRID_GAP) - GRID_GAP}px` } as CSSProperties;
}

interface RowProps {
  index: number;
  start: number;
  height: number;
  columns: number;
  cell: number;
  ids: readonly string[];
  onPick: TileProps['onPick'];
  onOpen(id: string): void;
  onMenu(index: number, id: string, e: MouseEvent): void;
}

/** One row of tiles; memoized, so a change of the visible range renders only the rows that came into view. */
const GridRow = memo(function GridRow(props: RowProps) {
  const { index: row, columns, ids } = props;
  return (
    <div
      role="row"
      aria-rowindex={row + 1}
      className="lib-row"
      style={{ transform: `translateY(${props.start}px)`, height: props.height, gap: GRID_GAP }}
    >
      {Array.from({ length: columns }, (_, c) => {
        const index = row * columns + c;
        const id = ids[index];
        if (id === undefined) return null;
        return <LibraryTile key={id} id={id} index={index} size={props.cell} onPick={props.onPick} onOpen={props.onOpen} onMenu={props.onMenu} />;
      })}
    </div>
  );
});
