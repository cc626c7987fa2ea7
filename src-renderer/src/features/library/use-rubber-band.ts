import { useCallback, useEffect, useLayoutEffect, useRef, type MouseEvent as ReactMouseEvent, type RefObject } from 'react';
import { useStudio } from '../../stores/store';
import type { Rect } from './grid-window';
import { EMPTY_SELECTION } from './selection';

/** Pixels the pointer must move before a press on the background becomes a band (a smaller move is a click). */
const DRAG_THRESHOLD = 4;

interface Drag {
  x: number;
  y: number;
  clientX: number;
  clientY: number;
  base: ReadonlySet<string>;
  /** The band's selection so far, and the first tile it touched (the anchor for a later Shift-click). */
  result: ReadonlySet<string>;
  anchor: string | null;
  moved: boolean;
  additive: boolean;
}

/**
 * Rubber-band selection on the grid background: drag to select every tile the band touches; with Shift or
 * Ctrl/Cmd the band adds to the selection. A plain click on the background clears the selection. The band lives
 * in the rows' box (`rowsRef`, which starts at content offset `origin()`), so it scrolls with the tiles and
 * scrolling while dragging extends it; its corners are kept in content coordinates, as the rows move as they render.
 * Tiles show the band's selection as it grows (`library.band`); the selection itself is set on release.
 */
export interface BandGeometry {
  /** Content offset of the rows' box top. */
  origin(): number;
  /** Indexes of the tiles a rectangle in content coordinates touches, in grid order. */
  hit(rect: Rect): number[];
}

export function useRubberBand(scrollRef: RefObject<HTMLElement | null>, rowsRef: RefObject<HTMLElement | null>, bandRef: RefObject<HTMLElement | null>, geometry: BandGeometry) {
  const drag = useRef<Drag | null>(null);
  const geometryRef = useRef(geometry);
  useLayoutEffect(() => {
    geometryRef.current = geometry;
  });

  const update = useCallback(() => {
    const d = drag.current;
    const rows = rowsRef.current;
    if (!d || !rows) return;
    const box = rows.getBoundingClientRect();
    const origin = geometryRef.current.origin();
    const x = d.clientX - box.left;
    const y = d.clientY - box.top + origin;
    if (!d.moved && Math.hypot(x - d.x, y - d.y) < DRAG_THRESHOLD) return;
    d.moved = true;
    const rect = { left: Math.min(d.x, x), top: Math.min(d.y, y), right: Math.max(d.x, x), bottom: Math.max(d.y, y) };
    const band = bandRef.current;
    if (band) {
      band.hidden = false;
      band.style.transform = `translate(${rect.left}px, ${rect.top - origin}px)`;
      band.style.width = `${rect.right - rect.left}px`;
      band.style.height = `${rect.bottom - rect.top}px`;
    }
    const s = useStudio.getState();
    const ids = s.library.ids;
    const hits = geometryRef.current.hit(rect).flatMap((i) => ids[i] ?? []);
    const selected = new Set(d.base);
    for (const id of hits) selected.add(id);
    d.result = selected;
    d.anchor = hits[0] ?? d.anchor;
    s.patchLibrary({ band: selected });
  }, [rowsRef, bandRef]);

  const end = useCallback(() => {
    const d = drag.current;
    drag.current = null;
    if (bandRef.current) bandRef.current.hidden = true;
    if (!d) return;
    const s = useStudio.getState();
    if (d.moved) {
      s.patchLibrary({ band: null, selection: { selected: d.result, anchor: d.anchor } });
    } else if (!d.additive) s.setLibrarySelection(EMPTY_SELECTION);
  }, [bandRef]);

  useEffect(() => {
    const onMove = (e: MouseEvent) => {
      const d = drag.current;
      if (!d) return;
      if ((e.buttons & 1) === 0) return end();
      d.clientX = e.clientX;
      d.clientY = e.clientY;
      update();
    };
    const scroller = scrollRef.current;
    const onScroll = () => drag.current && update();
    window.addEventListener('mousemove', onMove);
    window.addEventListener('mouseup', end);
    scroller?.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      window.removeEventListener('mousemove', onMove);
      window.removeEventListener('mouseup', end);
      scroller?.removeEventListener('scroll', onScroll);
    };
  }, [scrollRef, update, end]);

  /** For the grid's onMouseDown: starts a band when the press is on the background, not on a tile. */
  return useCallback(
    (e: ReactMouseEvent<HTMLElement>) => {
      const rows = rowsRef.current;
      const target = e.target as HTMLElement;
      if (e.button !== 0 || !rows || target.closest('.lib-tile')) return;
      const scroller = scrollRef.current;
      // A press on the scrollbar scrolls; it is not a band.
      if (scroller && e.clientX - scroller.getBoundingClientRect().left >= scroller.clientLeft + scroller.clientWidth && scroller.clientWidth > 0) return;
      e.preventDefault(); // no text selection while dragging
      scroller?.focus({ preventScroll: true });
      const box = rows.getBoundingClientRect();
      const additive = e.shiftKey || e.ctrlKey || e.metaKey;
      drag.current = {
        x: e.clientX - box.left,
        y: e.clientY - box.top + geometryRef.current.origin(),
        clientX: e.clientX,
        clientY: e.clientY,
        base: additive ? useStudio.getState().library.selection.selected : new Set(),
        result: new Set(),
        anchor: useStudio.getState().library.selection.anchor,
        moved: false,
        additive,
      };
    },
    [rowsRef, scrollRef],
  );
}
