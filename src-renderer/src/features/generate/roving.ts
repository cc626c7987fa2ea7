/**
 * Arrow-key moves between tiles laid out in wrapping rows (several groups of different widths included): pure, on
 * the tiles' boxes, so it works for whatever the CSS grid decided. Left/Right step through the order, Up/Down go to
 * the nearest tile in the row above or below, Home/End to the ends.
 */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export function nextTile(key: string, current: number, boxes: readonly Box[]): number | null {
  const last = boxes.length - 1;
  if (last < 0) return null;
  if (key === 'Home') return 0;
  if (key === 'End') return last;
  if (key === 'ArrowRight') return Math.min(last, current + 1);
  if (key === 'ArrowLeft') return Math.max(0, current - 1);
  if (key !== 'ArrowDown' && key !== 'ArrowUp') return null;
  const here = boxes[current];
  if (!here) return null;
  const centre = here.left + here.width / 2;
  const down = key === 'ArrowDown';
  // The nearest row in that direction: the first tile whose top is past this one's middle, then its row's tiles.
  const candidates = boxes
    .map((b, i) => ({ b, i }))
    .filter(({ b }) => (down ? b.top > here.top + here.height / 2 : b.top + b.height < here.top + here.height / 2));
  if (candidates.length === 0) return current;
  const rowTop = down ? Math.min(...candidates.map(({ b }) => b.top)) : Math.max(...candidates.map(({ b }) => b.top));
  const row = candidates.filter(({ b }) => Math.abs(b.top - rowTop) < 1);
  let best = row[0];
  for (const c of row) {
    if (best && Math.abs(c.b.left + c.b.width / 2 - centre) < Math.abs(best.b.left + best.b.width / 2 - centre)) best = c;
  }
  return best?.i ?? current;
}
