import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { JobView } from '@contract';
import { useStudio } from '../../stores/store';
import { cancelJobs } from './commands';
import { dropOrder, moveJob, reorderQueue, setQueuePaused } from './queue-commands';

/**
 * The queue you can steer (issue 19): "Pause queue" / "Resume queue", and per request "Cancel", "Move up",
 * "Move down" and "Run next"; queued rows also move by drag and drop and by Alt+↑ / Alt+↓. Running requests come
 * first (they can only be cancelled), then the queued ones in the order they will be sent. Main keeps the order and
 * the pause across restarts.
 */
export function QueuePanel() {
  const queue = useStudio((s) => s.queue);
  const batches = useStudio((s) => s.batches);
  const [dragged, setDragged] = useState<string | null>(null);
  /**
   * The rows fold away unless asked for, so the results keep the stage; pausing (to reorder) opens them. Open, the
   * panel is a column beside Results (generate.css).
   */
  const [shown, setShown] = useState<boolean | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  /** The row to keep focus on after a keyboard move (its element is re-rendered at its new place). */
  const refocus = useRef<string | null>(null);
  const jobs = new Map<string, JobView>(batches.flatMap((b) => b.jobs.map((j) => [j.id, j] as const)));
  const running = (queue?.running ?? []).filter((id) => jobs.get(id)?.state === 'running');
  const order = (queue?.order ?? []).filter((id) => jobs.get(id)?.state === 'queued');

  useEffect(() => {
    if (!refocus.current) return;
    listRef.current?.querySelector<HTMLElement>(`[data-job="${refocus.current}"]`)?.focus();
    refocus.current = null;
  });

  if (!queue) return null;
  const empty = running.length === 0 && order.length === 0;
  const open = !empty && (shown ?? queue.paused);

  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>, id: string) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || e.target !== e.currentTarget) return;
    e.preventDefault();
    refocus.current = id;
    void moveJob(id, e.key === 'ArrowUp' ? 'up' : 'down');
  };
  const onDrop = (e: DragEvent<HTMLLIElement>, target: string) => {
    e.preventDefault();
    if (dragged && dragged !== target) void reorderQueue(dropOrder(order, dragged, target));
    setDragged(null);
  };

  const row = (id: string, index: number, isRunning: boolean) => {
    const job = jobs.get(id) as JobView;
    return (
      <li
        key={id}
        data-job={id}
        className={`queue-row${dragged === id ? ' dragging' : ''}`}
        aria-label={`${isRunning ? 'Running' : `Queued ${index + 1} of ${order.length}`}: ${job.prompt}`}
        tabIndex={0}
        draggable={!isRunning}
        aria-keyshortcuts={isRunning ? undefined : 'Alt+ArrowUp Alt+ArrowDown'}
        onKeyDown={isRunning ? undefined : (e) => onKeyDown(e, id)}
        onDragStart={(e) => {
          e.dataTransfer.effectAllowed = 'move';
          e.dataTransfer.setData('text/plain', id);
          setDragged(id);
        }}
        onDragEnd={() => setDragged(null)}
        onDragOver={(e) => !isRunning && dragged && e.preventDefault()}
        onDrop={(e) => onDrop(e, id)}
      >
        <span className="queue-grip" aria-hidden="true">{isRunning ? '●' : '⋮⋮'}</span>
        <span className="queue-prompt" title={job.prompt}>{job.prompt}</span>
        <span className="queue-state muted">{isRunning ? 'sending' : `${job.n} image${job.n === 1 ? '' : 's'}`}</span>
        <span className="queue-actions">
          {/* Arrows, named in words: with the prompt they fit the queue's column beside Results. */}
          <button type="button" aria-label="Move up" title="Move up" disabled={isRunning || index === 0} onClick={() => void moveJob(id, 'up')}>↑</button>
          <button type="button" aria-label="Move down" title="Move down" disabled={isRunning || index === order.length - 1} onClick={() => void moveJob(id, 'down')}>↓</button>
          <button type="button" disabled={isRunning || index === 0} onClick={() => void moveJob(id, 'next')}>Run next</button>
          <button type="button" onClick={() => void cancelJobs({ jobId: id })}>Cancel</button>
        </span>
      </li>
    );
  };

  return (
    <section className={`queue${empty ? ' queue-empty' : ''}${open ? ' queue-open' : ''}`} aria-labelledby="queue-title">
      <div className="queue-head">
        <h2 id="queue-title">Queue</h2>
        <span className="muted" role="status">
          {queue.paused ? 'Paused · ' : ''}{order.length} queued · {running.length} sending
        </span>
        <button type="button" className={queue.paused ? 'primary' : ''} onClick={() => void setQueuePaused(!queue.paused)}>
          {queue.paused ? 'Resume queue' : 'Pause queue'}
        </button>
        {!empty && (
          <button type="button" aria-expanded={open} aria-controls="queue-list" onClick={() => setShown(!open)}>
            {open ? 'Hide requests' : `Show requests (${running.length + order.length})`}
          </button>
        )}
      </div>
      {open && <ol id="queue-list" ref={listRef} className="queue-list" aria-label="Queued requests">
        {running.map((id, i) => row(id, i, true))}
        {order.map((id, i) => row(id, i, false))}
      </ol>}
      {/* Under the rows: in the column beside Results the head stays short, so more rows show. */}
      {open && <span className="muted queue-hint">Drag a row, or Alt+↑ / Alt+↓ on it, to change the order.</span>}
    </section>
  );
}
