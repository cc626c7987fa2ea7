import { qualityLabel, type BatchView, type JobView, type Tile } from '@contract';
import { useRef, type CSSProperties } from 'react';
import { cancelJobs, retryJobs } from './commands';
import { batchSummary, progressWords, usd } from './format';
import { JobTile } from './JobTile';
import { simulatedMark, useSimulated } from './LedgerBar';
import { useRovingTiles } from './use-roving-tiles';

/**
 * Tiles are about this tall; their width follows the requested ratio (clamped so very tall or wide ratios stay
 * usable) and stretches only a little (see .tile-grid): a portrait batch is as short as a landscape one, so the newest
 * batch fits on screen.
 */
const TILE_HEIGHT = 150;

/** The width a tile of `ratio` gets at TILE_HEIGHT ('auto' is drawn square until the images say otherwise). */
export function tileWidth(ratio: string): number {
  const [w, h] = ratio === 'auto' ? [1, 1] : ratio.split(':').map(Number);
  const r = w && h ? w / h : 1;
  return Math.round(Math.min(300, Math.max(84, TILE_HEIGHT * r)));
}

/** The batch's tiles, one group per prompt in the order the prompts were written, each tile with its position in the batch. */
function groupsOf(batch: BatchView): { prompt: string; tiles: { job: JobView; tile: Tile; at: number }[] }[] {
  let at = 0;
  return batch.prompts.map((prompt, i) => ({
    prompt,
    tiles: batch.jobs.filter((j) => j.promptIndex === i).flatMap((job) => job.tiles.map((tile) => ({ job, tile, at: at++ }))),
  }));
}

/**
 * One submit: its settings, progress, cost, actions, then one group per prompt (named with the prompt) with a tile
 * per requested image at the requested aspect ratio. The tiles are one tab stop; arrow keys move between them.
 */
export function BatchCard({ batch, now }: { batch: BatchView; now: number }) {
  const sum = batchSummary(batch);
  const simulated = useSimulated();
  const tilesRef = useRef<HTMLDivElement>(null);
  const roving = useRovingTiles(tilesRef);
  const multi = batch.prompts.length > 1;
  const title = multi ? `${batch.prompts.length} prompts: ${batch.prompts.join(' · ')}` : (batch.prompts[0] ?? '');
  return (
    <section className="batch-card" aria-label={`Batch: ${title}`}>
      <header className="batch-head">
        <div className="batch-title">
          <h3 title={title}>{multi ? `${batch.prompts.length} prompts` : title}</h3>
          <p className="muted">
            {batch.model} · {batch.aspectRatio} · {batch.resolution}{batch.quality ? ` · ${qualityLabel(batch.quality)} quality` : ''} · {batch.n} per prompt
          </p>
        </div>
        <p className="batch-status" aria-live="polite">
          {progressWords(sum)} · <span data-testid="batch-cost">{usd(sum.costTicks)}{simulatedMark(simulated)}</span>
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
      <div ref={tilesRef} className="batch-groups" onKeyDown={roving.onKeyDown}>
        {groupsOf(batch).map((group, g) => (
          <div key={g} className="prompt-group" role="group" aria-label={`Prompt: ${group.prompt}`} style={{ '--tile-w': `${tileWidth(batch.aspectRatio)}px` } as CSSProperties}>
            {multi && <h4 className="prompt-title" title={group.prompt}>{group.prompt}</h4>}
            <ul className="tile-grid">
              {group.tiles.map(({ job, tile, at }) => (
                <JobTile
                  key={`${job.id}-${tile.index}`}
                  tile={tile}
                  job={job}
                  aspect={batch.aspectRatio}
                  batch={batch}
                  now={now}
                  tabIndex={at === roving.active ? 0 : -1}
                  onFocusTile={() => roving.setActive(at)}
                  onRetry={() => void retryJobs({ jobId: job.id })}
                />
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
