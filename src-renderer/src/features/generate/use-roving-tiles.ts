import { useCallback, useState, type KeyboardEvent, type RefObject } from 'react';
import { nextTile } from './roving';

/**
 * One tab stop for a board of tiles (roving tabindex): the tile that last had the focus keeps `tabIndex=0`, the
 * others -1; arrow keys, Home and End move the focus between the tiles (`[data-tile]` in the container).
 */
export function useRovingTiles(container: RefObject<HTMLElement | null>) {
  const [active, setActive] = useState(0);
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      const tiles = [...(container.current?.querySelectorAll<HTMLElement>('[data-tile]') ?? [])];
      const current = tiles.findIndex((t) => t === e.target);
      if (current < 0 || e.altKey || e.ctrlKey || e.metaKey) return;
      const next = nextTile(e.key, current, tiles.map((t) => t.getBoundingClientRect()));
      if (next === null) return;
      e.preventDefault();
      setActive(next);
      tiles[next]?.focus();
    },
    [container],
  );
  return { active, setActive, onKeyDown };
}
