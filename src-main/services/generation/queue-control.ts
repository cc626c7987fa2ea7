/**
 * Steering the queue (issue 19): pause and resume it, move a queued request up or down, run one next, or give a new
 * order (drag and drop). The order and the pause switch are written to the job store first (`jobs.db`, durable when
 * the call returns), then applied to the scheduler, so a restart or a crash keeps both.
 */
import type { QueueMove, QueueView } from '@contract';
import { fail } from '../../core/app-error';
import type { JobStore } from '../../core/jobs/job-store';
import type { EventSink } from '../../core/ports';
import type { Scheduler } from '../../core/scheduler/scheduler';
import { validationError } from '../../core/xai';

export function createQueueControl(deps: { store: JobStore; scheduler: () => Scheduler; events: EventSink; running: () => string[] }) {
  const { store, events } = deps;

  const view = (): QueueView => ({ paused: store.queuePaused(), order: store.queuedJobIds(), running: deps.running() });
  /** Tells the renderer; answers the view. */
  const changed = (): QueueView => {
    const v = view();
    events.emit('jobs:queue', v);
    return v;
  };

  function apply(order: string[]): QueueView {
    store.setQueueOrder(order);
    deps.scheduler().reorder(order);
    return changed();
  }

  function move({ jobId, to }: QueueMove): QueueView {
    const order = store.queuedJobIds();
    const at = order.indexOf(jobId);
    if (at < 0) {
      const job = store.getJob(jobId);
      if (!job) fail({ kind: 'not-found', message: 'This request is no longer on the board.' });
      fail(validationError([{ path: 'jobId', message: job.state === 'running' ? 'This request is with xAI already; it can only be cancelled.' : 'This request is not queued any more.' }]));
    }
    const target = to === 'next' ? 0 : to === 'up' ? Math.max(0, at - 1) : Math.min(order.length - 1, at + 1);
    order.splice(at, 1);
    order.splice(target, 0, jobId);
    return apply(order);
  }

  function reorder(ids: readonly string[]): QueueView {
    const queued = new Set(store.queuedJobIds());
    // Jobs that started or finished since the renderer's view are left out, not refused: the rest still moves.
    return apply([...new Set(ids)].filter((id) => queued.has(id)));
  }

  function setPaused(paused: boolean): QueueView {
    store.setQueuePaused(paused);
    deps.scheduler().setPaused(paused);
    return changed();
  }

  return { view, changed, move, reorder, setPaused };
}

export type QueueControl = ReturnType<typeof createQueueControl>;
