import { useLayoutEffect, useState, type RefObject } from 'react';

/** Room kept under the stage for the slider row and the page's padding. */
const BELOW = 48;
/** The least the stage is given; less than this in view, and a new result is scrolled to (EditResults). */
export const FILL_MIN = 260;

/**
 * The height that lets an element end at the bottom of the window: the edit stage's picture takes whatever the
 * header, ledger and sources leave, so a finished result is in view without scrolling however tall they are.
 */
export function useFillHeight(ref: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(FILL_MIN);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setHeight(Math.max(FILL_MIN, Math.round(window.innerHeight - el.getBoundingClientRect().top - BELOW)));
    measure();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    // The stage's top moves when things above it change size (a second row of sources, a notice).
    if (el.parentElement?.parentElement) observer?.observe(el.parentElement.parentElement);
    window.addEventListener('resize', measure);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [ref]);
  return height;
}
