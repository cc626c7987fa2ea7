import { useCallback, useEffect, useState, type RefObject } from 'react';

/** Full screen for one element: whether it is on, and a toggle (the browser's Escape also leaves it). */
export function useFullscreen(ref: RefObject<HTMLElement | null>): { on: boolean; toggle(): void } {
  const [on, setOn] = useState(false);
  useEffect(() => {
    const el = ref.current;
    const sync = () => setOn(document.fullscreenElement !== null && document.fullscreenElement === el);
    document.addEventListener('fullscreenchange', sync);
    return () => {
      document.removeEventListener('fullscreenchange', sync);
      // Closing the viewer in full screen leaves full screen with it.
      if (document.fullscreenElement && document.fullscreenElement === el) void document.exitFullscreen().catch(() => {});
    };
  }, [ref]);
  const toggle = useCallback(() => {
    const el = ref.current;
    if (!el || typeof el.requestFullscreen !== 'function') return;
    if (document.fullscreenElement === el) void document.exitFullscreen().catch(() => {});
    else void el.requestFullscreen().catch(() => {});
  }, [ref]);
  return { on, toggle };
}
