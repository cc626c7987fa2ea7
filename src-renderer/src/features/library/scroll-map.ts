/**
 * Chromium caps an element's height at 33,554,432 px (LayoutUnit): a 1M-item grid is ~58M px at the default tile
 * size, so its last 43% would sit below anything a scroll can reach. Above MAX_SCROLL_HEIGHT the grid's scroll box
 * keeps that height and maps its scroll position proportionally onto the whole content: the scrollbar's thumb is
 * where the view is in the library, dragging it to the bottom shows the last row, and End scrolls there too.
 * (A date scrubber would need a second, custom scrollbar and per-date counts; this keeps the native scrollbar,
 * the wheel, keys and every test that scrolls the box working the same at 100 items and at 1M.)
 * Below the cap the mapping is the identity, so every library up to ~500k items scrolls exactly as before.
 */
export const MAX_SCROLL_HEIGHT = 30_000_000;

export interface ScrollMap {
  /** The scroll box's content height. */
  physical: number;
  /** True when the content is taller than the cap (rows are then placed by script on every scroll). */
  mapped: boolean;
  /** Content offset at the top of the view for a scrollTop. */
  toVirtual(scrollTop: number): number;
  /** The scrollTop that shows content offset `virtual` at the top. */
  toPhysical(virtual: number): number;
  /** Content pixels per scrollTop pixel (1 below the cap). */
  scale: number;
}

/** Pixels a wheel event asks to move the content (lines and pages as Chromium scrolls them). */
export function wheelPixels(e: { deltaY: number; deltaMode: number }, viewport: number): number {
  if (e.deltaMode === 1) return e.deltaY * 40;
  if (e.deltaMode === 2) return e.deltaY * viewport;
  return e.deltaY;
}

export function scrollMap(content: number, viewport: number, cap = MAX_SCROLL_HEIGHT): ScrollMap {
  if (content <= cap || viewport >= cap) {
    return { physical: content, mapped: false, toVirtual: (s) => s, toPhysical: (v) => v, scale: 1 };
  }
  // Both ends meet: scrollTop 0 shows the top, the largest scrollTop (cap − viewport) shows the last viewport.
  const scale = (content - viewport) / (cap - viewport);
  const maxVirtual = content - viewport;
  return {
    physical: cap,
    mapped: true,
    toVirtual: (s) => Math.min(maxVirtual, Math.max(0, s * scale)),
    toPhysical: (v) => Math.min(cap - viewport, Math.max(0, v / scale)),
    scale,
  };
}
