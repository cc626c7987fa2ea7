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

/** The queued order with `id` dropped before `before` (null: at the end). */
export function dropOrder(order: readonly string[], id: string, before: string | null): string[] {
  const rest = order.filter((x) => x !== id);
  const at = before === null ? rest.length : rest.indexOf(before);
  rest.splice(at < 0 ? rest.length : at, 0, id);
  return rest;
}
