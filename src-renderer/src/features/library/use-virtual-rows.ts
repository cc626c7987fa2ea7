import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type RefObject } from 'react';
import type { GridLayout } from './grid-layout';
import { scrollMap, wheelPixels } from './scroll-map';

/** Content kept rendered beyond the view: less while the grid moves (each frame of a fling replaces it all). */
const OVERSCAN_RESTING = 600;
const OVERSCAN_MOVING = 150;
/** The grid counts as scrolling until this long after the last scroll event. */
const SETTLE_MS = 150;
const ORIGIN_ROWS = 256;
/** A row brought to the top of the view (`start`) keeps this much of the gap above it in view. */
const START_GAP = 4;

export interface VirtualRows {
  first: number;
  last: number;
  scrolling: boolean;
  /** Content offset the rendered rows are placed from (row `r` sits at `rowTop(r) − origin` in the layer). */
  origin: number;
  /** The spacer's height (the scroll box's content, capped). */
  physical: number;
  /** Styles of the layer that holds the rows, and of its inner box (moved by script when the height is mapped). */
  layerStyle: CSSProperties;
  innerStyle: CSSProperties;
  /** Content offset at the top of the view now. */
  virtualTop(): number;
  /** Scrolls so that the row is in view (`auto`: only if it is not) or its top at the view's top (`start`). */
  scrollToRow(row: number, align?: 'auto' | 'start'): void;
  /**
   * Brings the item's row to the top of the view and keeps that item there while the layout changes under it (a
   * 1M library's ids paging in re-lay the rows above it), until the user scrolls, clicks or presses a key.
   */
  scrollToItem(index: number): void;
}

interface Anchor {
  /** The item at the top of the view, and how far the view's top is below its row's top. */
  index: number;
  delta: number;
  atEnd: boolean;
}

/**
 * Row virtualization for the grid's own layout (justified rows have different heights), with the scroll height
 * capped (see scroll-map.ts). Re-renders only when the range of rows in view changes; a new layout (more ids, a
 * resize, another tile size) keeps the item at the top of the view where it was, and the bottom at the bottom.
 */
export function useVirtualRows(
  scrollRef: RefObject<HTMLElement | null>,
  innerRef: RefObject<HTMLElement | null>,
  layout: GridLayout,
  viewport: number,
): VirtualRows {
  const map = useMemo(() => scrollMap(layout.height, viewport), [layout.height, viewport]);
  // `v`: the content offset when the range last changed (the inner box's transform is rewritten on every scroll).
  const [range, setRange] = useState({ first: 0, last: 0, scrolling: false, v: 0 });
  const anchor = useRef<Anchor | null>(null);
  /** The item "Jump to date" brought to the top; the anchor follows it rather than whichever item is at the top. */
  const pin = useRef<number | null>(null);
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Rows are placed from an origin that moves every ORIGIN_ROWS rows, so a scroll re-renders only the rows that
  // come into view (the others keep their place) while offsets stay small at any depth of a 1M library.
  const origin = layout.rowTop(Math.floor(range.first / ORIGIN_ROWS) * ORIGIN_ROWS);
  const live = useRef({ layout, map, viewport, origin });
  useLayoutEffect(() => {
    live.current = { layout, map, viewport, origin };
  });

  const virtualTop = useCallback(() => live.current.map.toVirtual(scrollRef.current?.scrollTop ?? 0), [scrollRef]);

  const update = useCallback(
    (scrolling: boolean) => {
      const el = scrollRef.current;
      if (!el) return;
      const { layout: l, map: m, viewport: vh } = live.current;
      const v = m.toVirtual(el.scrollTop);
      if (m.mapped && innerRef.current) innerRef.current.style.transform = `translateY(${live.current.origin - v}px)`;
      const top = l.rowAt(v);
      anchor.current = {
        index: l.itemsOf(top)[0],
        delta: v - l.rowTop(top),
        atEnd: el.scrollTop > 0 && el.scrollTop >= el.scrollHeight - el.clientHeight - 1,
      };
      // Estimated rows become real ones as ids arrive: the item at the top of the estimate (the row above the
      // pinned one) can land rows away from it, so a pinned item is its own anchor, at a fixed offset (one taken
      // from the rounded scroll position would drift a few pixels with each new layout).
      if (pin.current !== null) anchor.current = { index: pin.current, delta: -START_GAP, atEnd: false };
      const over = scrolling ? OVERSCAN_MOVING : OVERSCAN_RESTING;
      const first = l.rowAt(Math.max(0, v - over));
      const last = l.rowAt(v + Math.max(vh, 1) + over);
      setRange((r) => (r.first === first && r.last === last && r.scrolling === scrolling ? r : { first, last, scrolling, v }));
    },
    [scrollRef, innerRef],
  );

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onScroll = () => {
      update(true);
      clearTimeout(settle.current);
      settle.current = setTimeout(() => update(false), SETTLE_MS);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    // The user takes over: the view no longer follows a pinned item.
    const release = () => {
      pin.current = null;
    };
    const inputs = ['wheel', 'pointerdown', 'keydown', 'touchstart'] as const;
    for (const type of inputs) el.addEventListener(type, release, { passive: true });
    return () => {
      el.removeEventListener('scroll', onScroll);
      for (const type of inputs) el.removeEventListener(type, release);
      clearTimeout(settle.current);
    };
  }, [scrollRef, update]);

  // Mapped (above the cap), a scrollTop pixel is `scale` content pixels: a wheel notch would move the content up to
  // ~4× as far as in a smaller library. The wheel moves the content by what it asks for instead (the remainder of
  // a fractional scrollTop step is carried to the next event); pinch-zoom (Ctrl) is left to the browser.
  const wheelCarry = useRef(0);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const m = live.current.map;
      if (!m.mapped || e.ctrlKey || e.deltaY === 0) return;
      e.preventDefault();
      const step = wheelPixels(e, el.clientHeight) / m.scale + wheelCarry.current;
      const whole = Math.trunc(step);
      wheelCarry.current = step - whole;
      if (whole !== 0) el.scrollTop += whole;
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [scrollRef]);

  // A new layout keeps the view on the item it showed (or on the end), then recomputes the rows in view.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const a = anchor.current;
    if (el && a) {
      const target = a.atEnd ? Infinity : layout.rowTop(layout.rowOf(a.index)) + a.delta;
      const top = a.atEnd ? el.scrollHeight - el.clientHeight : map.toPhysical(target);
      if (Math.abs(el.scrollTop - top) >= 1) el.scrollTop = top;
    }
    update(false);
  }, [layout, map, scrollRef, update]);

  const scrollTo = useCallback(
    (row: number, align: 'auto' | 'start') => {
      const el = scrollRef.current;
      if (!el) return;
      const { layout: l, map: m, viewport: vh } = live.current;
      // The last row: the very end (its place is still an estimate while a huge library's ids page in; the end
      // stays the end as they arrive, see the anchor above).
      if (row >= l.rows - 1) {
        el.scrollTop = el.scrollHeight;
        update(false);
        return;
      }
      const top = l.rowTop(row);
      const bottom = top + l.rowHeight(row) + 44;
      const v = m.toVirtual(el.scrollTop);
      let next = v;
      if (align === 'start' || top < v) next = top - START_GAP;
      else if (bottom > v + vh) next = bottom - vh + 4;
      if (next !== v) el.scrollTop = m.toPhysical(Math.max(0, next));
      update(false);
    },
    [scrollRef, update],
  );
  const scrollToRow = useCallback(
    (row: number, align: 'auto' | 'start' = 'auto') => {
      pin.current = null;
      scrollTo(row, align);
    },
    [scrollTo],
  );
  const scrollToItem = useCallback(
    (index: number) => {
      pin.current = index;
      scrollTo(live.current.layout.rowOf(index), 'start');
    },
    [scrollTo],
  );

  return {
    first: range.first,
    last: range.last,
    scrolling: range.scrolling,
    origin,
    physical: map.physical,
    layerStyle: map.mapped
      ? { position: 'sticky', top: 0, left: 0, height: viewport, overflow: 'hidden' }
      : { position: 'absolute', top: origin, left: 0, right: 0 },
    innerStyle: map.mapped ? { position: 'relative', transform: `translateY(${origin - range.v}px)` } : { position: 'relative' },
    virtualTop,
    scrollToRow,
    scrollToItem,
  };
}
