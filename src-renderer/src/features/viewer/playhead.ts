/**
 * Where the viewer's video is: written by the stage's player on every time change, read by "Use this frame" in the
 * details beside it. A plain module value: nothing renders from it, so a store would only add re-renders.
 */
let at: { itemId: string; seconds: number } | null = null;

export function setPlayhead(itemId: string, seconds: number): void {
  at = { itemId, seconds };
}

export function playheadOf(itemId: string): number {
  return at?.itemId === itemId ? at.seconds : 0;
}
