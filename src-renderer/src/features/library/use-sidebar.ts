import { useCallback, useEffect, useState } from 'react';

const KEY = 'imagine.library.sidebar';
/** Below this window width the grid needs the room: the sidebar starts hidden unless the user showed it. */
const AUTO_HIDE_BELOW = 1200;

const narrow = () => typeof window !== 'undefined' && window.innerWidth < AUTO_HIDE_BELOW;
function stored(): 'shown' | 'hidden' | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'shown' || v === 'hidden' ? v : null;
  } catch {
    return null;
  }
}

/**
 * Whether the Library's sidebar is shown. The user's choice ("Hide sidebar" / "Show sidebar") is a view preference
 * of this window, so it lives in localStorage; until they choose, a narrow window hides it (≥ 4 tiles per row at
 * 1024 px) and a wide one shows it.
 */
export function useSidebar(): { shown: boolean; toggle(): void } {
  const [choice, setChoice] = useState(stored);
  const [isNarrow, setNarrow] = useState(narrow);
  useEffect(() => {
    const onResize = () => setNarrow(narrow());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const shown = choice === null ? !isNarrow : choice === 'shown';
  const toggle = useCallback(() => {
    const next = shown ? 'hidden' : 'shown';
    setChoice(next);
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }, [shown]);
  return { shown, toggle };
}
