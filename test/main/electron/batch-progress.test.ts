/**
 * Dock / taskbar progress of running batches, with `electron` mocked: the windows' setProgressBar calls are what the
 * OS would show.
 */
import { describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload, JobView } from '@contract';

const bars: number[] = [];
vi.mock('electron', () => ({ BrowserWindow: { getAllWindows: () => [{ setProgressBar: (p: number) => bars.push(p) }] } }));

function job(id: string, batchId: string, state: JobView['state'], tiles: ('pending' | 'done' | 'failed')[]): JobView {
  return {
    id, batchId, prompt: 'p', promptIndex: 0, n: tiles.length, state, attempts: 1, createdAt: 0, startedAt: 0, finishedAt: null,
    costTicks: null, requestId: null, error: null, note: null,
    tiles: tiles.map((s, index) => ({ index, state: s, itemId: null, thumb: null, width: null, height: null }) as unknown as JobView['tiles'][number]),
  };
}

describe('dock and taskbar progress of running batches', () => {
  it('follows the finished share of the running batches and clears when the last one settles', async () => {
    bars.length = 0;
    const { showBatchProgress } = await import('../../../src-main/shells/electron/batch-progress');
    const passed: EventName[] = [];
    const sink = showBatchProgress({ emit: <E extends EventName>(e: E, _p: EventPayload<E>) => void passed.push(e) });
    const progress = (j: JobView) => sink.emit('jobs:progress', { job: j });

    progress(job('a1', 'A', 'queued', ['pending', 'pending']));
    progress(job('a2', 'A', 'running', ['pending', 'pending']));
    progress(job('a1', 'A', 'running', ['done', 'pending']));
    progress(job('a1', 'A', 'running', ['done', 'pending'])); // no change: no new call
    progress(job('a1', 'A', 'succeeded', ['done', 'done']));
    // A second batch joins while the first runs: both count.
    progress(job('b1', 'B', 'running', ['pending', 'pending', 'pending', 'pending']));
    // A failed request counts as finished (nothing more will come of it).
    progress(job('a2', 'A', 'failed', ['failed', 'failed']));
    progress(job('b1', 'B', 'succeeded', ['done', 'done', 'done', 'done']));
    sink.emit('app:notice', { level: 'info', message: 'x' });

    expect(bars).toEqual([0, 0.25, 0.5, 2 / 8, 4 / 8, -1]);
    expect(passed.filter((e) => e === 'jobs:progress')).toHaveLength(8);
    expect(passed.at(-1)).toBe('app:notice');

    // The next batch starts from zero again.
    progress(job('c1', 'C', 'running', ['done', 'pending']));
    expect(bars.at(-1)).toBe(0.5);
  });
});
