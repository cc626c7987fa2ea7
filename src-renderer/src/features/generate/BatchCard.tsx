import type { BatchView } from '@contract';
import { cancelJobs, retryJobs } from './commands';
import { batchSummary, usd } from './format';
import { JobTile } from './JobTile';
import { simulatedMark, useSimulated } from './LedgerBar';

/** One submit: its prompts and settings, progress, cost, actions, and one tile per requested image. */
export function BatchCard({ batch, now }: { batch: BatchView; now: number }) {
  const sum = batchSummary(batch);
  const simulated = useSimulated();
  const title = batch.prompts.length === 1 ? batch.prompts[0] : `${batch.prompts.length} prompts: ${batch.prompts.join(' · ')}`;
  return (
    <section className="batch-card" aria-label={`Batch: ${title}`}>
      <header className="batch-head">
        <div className="batch-title">
          <h3 title={title}>{title}</h3>
          <p className="muted">
            {batch.model} · {batch.aspectRatio} · {batch.resolution} · {batch.n} per prompt
          </p>
        </div>
        <p className="batch-status" aria-live="polite">
          {sum.done}/{sum.total} done
          {sum.blocked ? ` · ${sum.blocked} blocked` : ''}
          {sum.failed ? ` · ${sum.failed} failed` : ''}
          {sum.interrupted ? ` · ${sum.interrupted} interrupted` : ''}
          {sum.cancelled ? ` · ${sum.cancelled} cancelled` : ''} · <span data-testid="batch-cost">{usd(sum.costTicks)}{simulatedMark(simulated)}</span>
          <span className="muted"> (est. {usd(batch.estimateTicks)})</span>
        </p>
        <div className="batch-actions">
          {sum.active && <button type="button" onClick={() => void cancelJobs({ batchId: batch.id })}>Cancel batch</button>}
          {!sum.active && sum.retryable && <button type="button" onClick={() => void retryJobs({ batchId: batch.id })}>Retry failed</button>}
        </div>
      </header>
      {batch.jobs.some((j) => j.state === 'interrupted') && (
        <p className="batch-warning" role="note">{batch.jobs.find((j) => j.state === 'interrupted')?.error?.message}</p>
      )}
      <ul className="tile-grid">
        {batch.jobs.flatMap((job) =>
          job.tiles.map((tile) => (
            <JobTile key={tile.index} tile={tile} job={job} aspect={batch.aspectRatio} batch={batch} now={now} onRetry={() => void retryJobs({ jobId: job.id })} />
          )),
        )}
      </ul>
    </section>
  );
}
