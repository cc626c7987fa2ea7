/** Steering the queue (issue 19): pause/resume, move, run next, reorder. Main answers the new view; events follow. */
import type { QueueMove, QueueView } from '@contract';
import { ApiError, invoke } from '../../lib/api';
import { useStudio } from '../../stores/store';

async function run(work: () => Promise<QueueView>): Promise<void> {
  try {
    useStudio.getState().setQueue(await work());
  } catch (err) {
    useStudio.getState().pushNotice('error', err instanceof ApiError ? err.message : String(err));
  }
}

export const setQueuePaused = (paused: boolean) => run(() => invoke('jobs:pause', { paused }));
export const moveJob = (jobId: string, to: QueueMove['to']) => run(() => invoke('jobs:move', { jobId, to }));
export const reorderQueue = (ids: string[]) => run(() => invoke('jobs:reorder', { ids }));

/**
 * The queued order with `id` dropped on the row `target` (null: at the end): it takes that row's place, so a row
 * dragged down lands after the row it was dropped on and one dragged up lands before it (dropping on the next row
 * down moves it by one; "before the next row" would leave it where it was).
 */
export function dropOrder(order: readonly string[], id: string, target: string | null): string[] {
  const rest = order.filter((x) => x !== id);
  const at = target === null ? -1 : rest.indexOf(target);
  const down = target !== null && order.indexOf(id) < order.indexOf(target);
  rest.splice(at < 0 ? rest.length : down ? at + 1 : at, 0, id);
  return rest;
}
