import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { useStudio } from '../../stores/store';
import { CAPTION, createGridLayouter, focusTarget, layoutGrid, tilesInBand, type GridLayout } from './grid-layout';
import { farSpan, knownRanges, needsMoreIds } from './grid-window';
import { LibraryTile, type TileProps } from './LibraryTile';
import { fetchWindow, loadFar, loadMoreIds } from './query-commands';
import { selectByClick } from './selection';
import { useBoxSize } from '../../lib/use-box-size';
import { useRubberBand } from './use-rubber-band';
import { useVirtualRows } from './use-virtual-rows';

/**
 * Record fetches wait for the window to rest this long; while it keeps moving slower than FLING_ROWS_PER_S (reading,
 * a wheel) they still go out every FETCH_MAX_WAIT. A fling fetches nothing until it settles: those rows are gone
 * before their records could arrive.
 */
const FETCH_DEBOUNCE = 30;
const FETCH_MAX_WAIT = 150;
const FLING_ROWS_PER_S = 30;

/**
 * The virtualized grid: justified rows at each item's true aspect ratio (or square tiles), laid out from the
 * shapes the query sends with the ids. The scroll height covers the whole library from the first paint (capped
 * and mapped above Chromium's limit: see scroll-map.ts); only rows in view plus overscan are in the DOM, and only
 * their records are fetched (debounced while flinging). Tiles read their own record, selection and focus.
 */
export function LibraryGrid(props: { onOpen(id: string): void; onMenu(index: number, id: string, e: MouseEvent): void }) {
  const ids = useStudio((s) => s.library.ids);
  const shapes = useStudio((s) => s.library.shapes);
  const total = useStudio((s) => s.library.total);
  const recordsVersion = useStudio((s) => s.library.recordsVersion);
  const focusIndex = useStudio((s) => s.library.focusIndex);
  const tileSize = useStudio((s) => s.library.tileSize);
  const square = useStudio((s) => s.library.squareTiles);
  const nextCursor = useStudio((s) => s.library.nextCursor);
  const loaded = useStudio((s) => s.library.loaded);
  const placed = useStudio((s) => s.library.placed);
  // Until the first ids arrive the grid shows a skeleton of tiles (CSS), so the screen has its shape at once.
  const busy = useStudio((s) => s.library.status === 'loading' && s.library.ids.length === 0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const bandRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef(false);
  /** The focus is in the grid (or was, on a tile a new layout removed). */
  const hadFocus = useRef(false);
  const motion = useRef({ row: 0, at: 0, waitingSince: null as number | null });
  const { width, height } = useBoxSize(scrollRef);
  const count = Math.max(total, ids.length);
  // Each new page of a huge library's ids continues the last layout's rows instead of laying out every item again.
  const [layouter] = useState(createGridLayouter);
  // Only the ids from the top and the pages placed far down are laid out; the gaps between are estimated rows.
  const layout = useMemo(
    () => layouter({ shapes: shapes.length === ids.length ? shapes : ids.map(() => 0), ...knownRanges(loaded, placed), total: count, width, size: tileSize, square }),
    [layouter, shapes, ids, loaded, placed, count, width, tileSize, square],
  );
  const innerRef = useRef<HTMLDivElement>(null);
  const rows = useVirtualRows(scrollRef, innerRef, layout, height);
  const { first, last, origin } = rows;

  const originRef = useRef(origin);
  useLayoutEffect(() => {
    originRef.current = origin;
  });
  const geometry = useMemo(() => ({ origin: () => originRef.current, hit: (rect: Parameters<typeof tilesInBand>[1]) => tilesInBand(layout, rect, ids.length) }), [layout, ids.length]);
  const onBandStart = useRubberBand(scrollRef, innerRef, bandRef, geometry);

  useEffect(() => {
    const start = layout.itemsOf(first)[0];
    const end = layout.itemsOf(last)[1];
    const span: [number, number] = [Math.min(start, ids.length), Math.min(end, ids.length)];
    const now = performance.now();
    const m = motion.current;
    const rowsPerSecond = (Math.abs(first - m.row) * 1000) / Math.max(1, now - m.at);
    m.row = first;
    m.at = now;
    if (m.waitingSince === null || rowsPerSecond > FLING_ROWS_PER_S) m.waitingSince = now;
    const delay = Math.max(0, Math.min(FETCH_DEBOUNCE, m.waitingSince + FETCH_MAX_WAIT - now));
    const timer = setTimeout(() => {
      m.waitingSince = null;
      void fetchWindow(span);
      // Far below the ids from the top (End, the scrollbar dragged down a huge result): the page there, by its
      // offset (the end: the view in the other order), not every page above it.
      const far = farSpan(ids, [start, Math.min(end, count)], loaded);
      if (far) void loadFar(far);
      if (needsMoreIds([start, end], loaded, nextCursor !== null)) void loadMoreIds();
    }, delay);
    return () => clearTimeout(timer);
  }, [first, last, layout, ids, recordsVersion, nextCursor, loaded, count]);

  // After a keyboard move, focus the tile once its row is rendered (and its id has arrived, in a huge library);
  // and when a new layout re-created the focused tile (more ids arrived, the window was resized), focus it again.
  useEffect(() => {
    const lost = hadFocus.current && (document.activeElement === document.body || document.activeElement === null);
    if (!pendingFocus.current && !lost) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${focusIndex}"]`);
    if (el) {
      el.focus({ preventScroll: true });
      pendingFocus.current = false;
    }
  });
  const onFocusIn = () => {
    hadFocus.current = true;
  };
  // Focus that left for somewhere else is gone; focus whose tile was removed (relatedTarget null, tile detached) is not.
  const onFocusOut = (e: FocusEvent<HTMLDivElement>) => {
    const to = e.relatedTarget as Node | null;
    const target = e.target;
    if (to && !e.currentTarget.contains(to)) hadFocus.current = false;
    else if (!to) {
      queueMicrotask(() => {
        hadFocus.current = !target.isConnected;
      });
    }
  };

  const { scrollToRow, scrollToItem } = rows;
  const moveFocus = useCallback(
    (index: number) => {
      useStudio.getState().patchLibrary({ focusIndex: index });
      scrollToRow(layout.rowOf(index));
      pendingFocus.current = true;
    },
    [scrollToRow, layout],
  );

  // "Jump to date": the item goes to the top of the view and takes the focus (when its id has arrived).
  const jump = useStudio((s) => s.library.jump);
  useEffect(() => {
    if (!jump) return;
    useStudio.getState().patchLibrary({ jump: null, focusIndex: jump.index });
    scrollToItem(jump.index);
    pendingFocus.current = true;
  }, [jump, scrollToItem]);

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
    const next = focusTarget(e.key, lib.focusIndex, layout, count, height);
    if (next !== null) {
      e.preventDefault();
      // Arrows move the focus only (Space selects); Shift extends the selection from the anchor.
      const id = lib.ids[next];
      if (e.shiftKey && id) {
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

  const visible: number[] = [];
  for (let r = first; r <= last && r < layout.rows; r += 1) visible.push(r);
  return (
    <div
      ref={scrollRef}
      className="lib-scroll"
      role="grid"
      aria-label="Library items"
      aria-multiselectable="true"
      aria-rowcount={layout.rows}
      aria-colcount={square ? layout.columns : undefined}
      aria-busy={busy}
      data-layout={square ? 'square' : 'justified'}
      style={skeleton(width, tileSize)}
      onKeyDown={onKeyDown}
      onFocus={onFocusIn}
      onBlur={onFocusOut}
      onMouseDown={onBandStart}
    >
      <div className="lib-rows" style={{ height: rows.physical }}>
        <div className="lib-layer" style={rows.layerStyle}>
          <div ref={innerRef} style={rows.innerStyle}>
            {visible.map((r) => (
              <GridRow
                // Keyed by its first item: rows that keep their items keep their DOM (and focus) when more ids arrive.
                key={layout.itemsOf(r)[0]}
                row={r}
                top={layout.rowTop(r) - origin}
                layout={layout}
                ids={ids}
                square={square}
                onPick={onPick}
                onOpen={props.onOpen}
                onMenu={props.onMenu}
              />
            ))}
            <div ref={bandRef} className="lib-band" hidden aria-hidden="true" />
          </div>
        </div>
      </div>
    </div>
  );
}

/** The loading skeleton's geometry (drawn by CSS from these variables): square cells near the tile size. */
function skeleton(width: number, tileSize: number): CSSProperties {
  const l = layoutGrid({ shapes: [], total: 1, width, size: tileSize, square: true });
  const cell = l.rowHeight(0);
  const pitch = l.rowTop(1) - l.rowTop(0);
  const step = l.columns > 1 ? (l.tilesOf(0)[0]?.width ?? cell) + 8 : cell + 8;
  return { '--lib-cell': `${cell}px`, '--lib-pitch': `${step}px`, '--lib-tile-h': `${cell}px`, '--lib-row': `${pitch}px`, '--lib-grid-w': `${l.columns * step - 8}px` } as CSSProperties;
}

interface RowProps {
  row: number;
  /** Top in the layer (content offset minus the layer's origin). */
  top: number;
  layout: GridLayout;
  ids: readonly string[];
  square: boolean;
  onPick: TileProps['onPick'];
  onOpen(id: string): void;
  onMenu(index: number, id: string, e: MouseEvent): void;
}

/** One row of tiles; memoized, so a change of the visible range renders only the rows that came into view. */
const GridRow = memo(function GridRow(props: RowProps) {
  const { row, layout, ids } = props;
  const h = layout.rowHeight(row);
  return (
    <div role="row" aria-rowindex={row + 1} className="lib-row" style={{ top: props.top, height: h + CAPTION }}>
      {layout.tilesOf(row).map((t) => {
        const id = ids[t.index];
        if (id === undefined) return <div key={t.index} className="lib-tile-pending" style={{ left: t.left, width: t.width, height: h }} aria-hidden="true" />;
        return (
          <LibraryTile
            key={id}
            id={id}
            index={t.index}
            left={t.left}
            width={t.width}
            height={h}
            square={props.square}
            onPick={props.onPick}
            onOpen={props.onOpen}
            onMenu={props.onMenu}
          />
        );
      })}
    </div>
  );
});
