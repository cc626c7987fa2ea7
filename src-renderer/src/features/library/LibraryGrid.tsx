import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { useStudio } from '../../stores/store';
import { nextFocusIndex } from './grid-keys';
import { GRID_GAP, columnsFor, itemSpan, needsMoreIds, rowCount, tileWidthFor } from './grid-window';
import { LibraryTile } from './LibraryTile';
import { fetchWindow, loadMoreIds } from './query-commands';
import { selectByClick } from './selection';
import { useElementWidth } from './use-element-width';

/** Caption under each thumbnail: two lines of prompt. */
const CAPTION = 40;
const PADDING = 4;

/**
 * The virtualized grid. The scroll height comes from the total count (a stable scrollbar from the first paint);
 * only rows in view plus overscan are in the DOM, and only their records are fetched (debounced while flinging).
 */
export function LibraryGrid(props: { onOpen(id: string): void; onMenu(index: number, id: string, e: MouseEvent): void }) {
  const ids = useStudio((s) => s.library.ids);
  const total = useStudio((s) => s.library.total);
  const records = useStudio((s) => s.library.records);
  const selected = useStudio((s) => s.library.selection.selected);
  const focusIndex = useStudio((s) => s.library.focusIndex);
  const tileSize = useStudio((s) => s.library.tileSize);
  const nextCursor = useStudio((s) => s.library.nextCursor);
  const scrollRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef(false);
  const width = useElementWidth(scrollRef);
  const columns = columnsFor(width - PADDING * 2, tileSize);
  const cell = tileWidthFor(width - PADDING * 2, columns, Math.min(tileSize, 96));
  const rowHeight = cell + CAPTION + GRID_GAP;
  const rows = rowCount(Math.max(total, ids.length), columns);

  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 3,
  });
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight, columns]);

  const visible = virtualizer.getVirtualItems();
  const firstRow = visible[0]?.index ?? 0;
  const lastRow = visible[visible.length - 1]?.index ?? 0;

  useEffect(() => {
    const span = itemSpan(firstRow, lastRow, columns, ids.length);
    const timer = setTimeout(() => {
      void fetchWindow(span);
      if (needsMoreIds(span[1], ids.length, nextCursor !== null)) void loadMoreIds();
    }, 30);
    return () => clearTimeout(timer);
  }, [firstRow, lastRow, columns, ids, records, nextCursor]);

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

  const onPick = useCallback((index: number, id: string, e: MouseEvent) => {
    const s = useStudio.getState();
    const toggle = e.ctrlKey || e.metaKey;
    s.setLibrarySelection(selectByClick(s.library.ids, s.library.selection, id, { shift: e.shiftKey, toggle }));
    s.patchLibrary({ focusIndex: index });
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const s = useStudio.getState();
    const lib = s.library;
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight) / rowHeight));
    const next = nextFocusIndex(e.key, lib.focusIndex, columns, lib.ids.length, pageRows);
    const ctrl = e.ctrlKey || e.metaKey;
    if (next !== null) {
      e.preventDefault();
      const id = lib.ids[next];
      if (!id) return;
      // Arrows select like a file manager; Shift extends from the anchor; Ctrl/Cmd only moves focus.
      if (e.shiftKey) {
        const anchor = lib.selection.anchor ?? lib.ids[lib.focusIndex] ?? id;
        s.setLibrarySelection(selectByClick(lib.ids, { ...lib.selection, anchor }, id, { shift: true }));
      } else if (!ctrl) s.setLibrarySelection(selectByClick(lib.ids, lib.selection, id));
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
      onKeyDown={onKeyDown}
    >
      <div className="lib-rows" style={{ height: virtualizer.getTotalSize() }}>
        {visible.map((row) => (
          <div
            key={row.key}
            role="row"
            aria-rowindex={row.index + 1}
            className="lib-row"
            style={{ transform: `translateY(${row.start}px)`, height: rowHeight - GRID_GAP, gap: GRID_GAP }}
          >
            {Array.from({ length: columns }, (_, c) => {
              const index = row.index * columns + c;
              const id = ids[index];
              if (id === undefined) return null;
              return (
                <LibraryTile
                  key={id}
                  id={id}
                  index={index}
                  record={records[id]}
                  selected={selected.has(id)}
                  focused={index === focusIndex}
                  size={cell}
                  onPick={onPick}
                  onOpen={props.onOpen}
                  onMenu={props.onMenu}
                />
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
