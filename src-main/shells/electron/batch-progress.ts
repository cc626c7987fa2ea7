import { BrowserWindow } from 'electron';
import type { EventName, EventPayload, JobView } from '@contract';
import type { EventSink } from '../../core/ports';

const ACTIVE: ReadonlySet<JobView['state']> = new Set(['queued', 'running']);

/**
 * The share of requested images finished (0…1) across the batches that ran since nothing was running, or null when
 * none runs. Fed with every `jobs:progress`. A batch that finishes while another runs keeps counting (the bar never
 * jumps back for it); once everything has finished the bar goes, and the next batch starts from 0.
 */
export function createBatchProgress() {
  const jobs = new Map<string, { total: number; finished: number; active: boolean }>();
  return {
    update(job: JobView): number | null {
      jobs.set(job.id, {
        total: Math.max(job.tiles.length, job.n),
        finished: ACTIVE.has(job.state) ? job.tiles.filter((t) => t.state !== 'pending').length : Math.max(job.tiles.length, job.n),
        active: ACTIVE.has(job.state),
      });
      if (![...jobs.values()].some((j) => j.active)) {
        jobs.clear();
        return null;
      }
      let total = 0;
      let finished = 0;
      for (const j of jobs.values()) {
        total += j.total;
        finished += j.finished;
      }
      return total === 0 ? 0 : finished / total;
    },
  };
}

/**
 * Passes every event on, and shows the running batches' progress on the dock icon (macOS) or taskbar button
 * (Windows, and Linux launchers that support it) with `setProgressBar`; removed (-1) when the last batch settles.
 */
export function showBatchProgress(sink: EventSink, windows: () => Pick<BrowserWindow, 'setProgressBar'>[] = () => BrowserWindow.getAllWindows()): EventSink {
  const progress = createBatchProgress();
  let shown: number | null = null;
  return {
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      sink.emit(event, payload);
      if (event !== 'jobs:progress') return;
      const next = progress.update((payload as EventPayload<'jobs:progress'>).job);
      if (next === shown) return;
      shown = next;
      for (const win of windows()) win.setProgressBar(next ?? -1);
    },
  };
}
