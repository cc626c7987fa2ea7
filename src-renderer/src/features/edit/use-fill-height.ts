import { useLayoutEffect, useState, type RefObject } from 'react';

/** The least the stage is given: where less is left, the page scrolls to the stage (EditResults). */
const FILL_MIN = 260;
/** The element whose height is set (the picture), inside the stage wrapper. */
const PICTURE = '.compare-stage, .compare-side, .result-empty';

/**
 * The height that lets the edit stage's picture take whatever the header, ledger and sources leave, so a finished
 * result — with the controls under it (the slider, "Show before", another output's strip) and the stage's frame —
 * ends at the bottom of the scrolling panel without scrolling, however tall those are. What sits under the picture is
 * measured, not assumed: a fixed allowance left the toggle's "Show before" row 20 px below the window at 1280×800.
 * Positions are taken within the panel's content, so a panel scrolled to the result measures as one at the top.
 */
export function useFillHeight(ref: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(FILL_MIN);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const picture = el.querySelector<HTMLElement>(PICTURE) ?? el;
      const frame = el.closest<HTMLElement>('.edit-stage') ?? el;
      const panel = el.closest<HTMLElement>('.panel');
      const pictureBox = picture.getBoundingClientRect();
      const under = Math.max(0, frame.getBoundingClientRect().bottom - pictureBox.bottom);
      let room: number;
      if (panel) {
        const top = pictureBox.top - panel.getBoundingClientRect().top + panel.scrollTop;
        room = panel.clientHeight - top - under - parseFloat(getComputedStyle(panel).paddingBottom || '0');
      } else {
        room = window.innerHeight - pictureBox.top - under;
      }
      setHeight(Math.max(FILL_MIN, Math.floor(room)));
    };
    measure();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    // The picture's top moves when things above it change size (a second row of sources, a notice), and what is
    // under it changes with the compare mode and the strip of outputs; its own height changing measures the same.
    if (el.parentElement?.parentElement) observer?.observe(el.parentElement.parentElement);
    observer?.observe(el);
    window.addEventListener('resize', measure);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [ref]);
  return height;
}
