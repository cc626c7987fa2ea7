import { qualityLabel, type BatchView } from '@contract';
import { useRef, type CSSProperties } from 'react';
import { useStudio } from '../../stores/store';
import { tileWidth } from './BatchCard';
import { cancelJobs, retryJobs } from './commands';
import { batchSummary, elapsed, progressWords, usd } from './format';
import { JobTile } from './JobTile';
import { simulatedMark, useSimulated } from './LedgerBar';
import { useRovingTiles } from './use-roving-tiles';

/** What a combination is called: its model, and its quality and resolution. */
export const combinationName = (b: BatchView) => `${b.model}${b.quality ? ` · ${qualityLabel(b.quality)}` : ''} · ${b.resolution}`;

/** From the first request sent to the last answer (so far, while it runs). */
function timeOf(b: BatchView, now: number): number | null {
  const starts = b.jobs.flatMap((j) => (j.startedAt === null ? [] : [j.startedAt]));
  if (starts.length === 0) return null;
  const ends = b.jobs.map((j) => j.finishedAt ?? now);
  return Math.max(...ends) - Math.min(...starts);
}

/**
 * A combination's images as a compact strip (the full BatchCard's settings line wrapped into several lines in a
 * narrow column and repeated what the column's name says). The tiles are one tab stop; arrow keys move between them.
 */
function TileStrip({ batch, now }: { batch: BatchView; now: number }) {
  const ref = useRef<HTMLUListElement>(null);
  const roving = useRovingTiles(ref);
  const tiles = batch.jobs.flatMap((job) => job.tiles.map((tile) => ({ job, tile })));
  // One image is what a comparison looks at closely: larger; more share the column (see .compare-strip).
  const scale = tiles.length === 1 ? 1.3 : 1;
  return (
    <ul ref={ref} className="compare-strip" aria-label={`Images: ${combinationName(batch)}`} onKeyDown={roving.onKeyDown}
      style={{ '--strip-w': `${Math.round(tileWidth(batch.aspectRatio) * scale)}px` } as CSSProperties}>
      {tiles.map(({ job, tile }, at) => (
        <JobTile key={`${job.id}-${tile.index}`} tile={tile} job={job} aspect={batch.aspectRatio} batch={batch} now={now}
          tabIndex={at === roving.active ? 0 : -1} onFocusTile={() => roving.setActive(at)} onRetry={() => void retryJobs({ jobId: job.id })} />
      ))}
    </ul>
  );
}

/**
 * A model comparison on the board: one column per combination, named with its model, showing what it cost and how
 * long it took, with "Use these settings" to take the winner's model, quality and resolution into the form.
 */
export function CompareGroup({ batches, now }: { batches: BatchView[]; now: number }) {
  const simulated = useSimulated();
  const setDraft = useStudio((s) => s.setDraft);
  const prompt = batches[0]?.prompts[0] ?? '';
  return (
    <section className="compare-group" aria-label={`Comparison: ${prompt}`}>
      <h3 className="compare-title">Comparison: {prompt}</h3>
      <div className="compare-cols">
        {batches.map((b) => {
          const sum = batchSummary(b);
          const ms = timeOf(b, now);
          return (
            <section key={b.id} className="compare-col" aria-label={combinationName(b)}>
              <header className="compare-col-head">
                <h4>{combinationName(b)}</h4>
                <p data-testid="compare-cost">
                  Cost {usd(sum.costTicks)}{simulatedMark(simulated)} · Time {ms === null ? '–' : elapsed(ms)}
                </p>
                <p className="muted" aria-live="polite">
                  {progressWords(sum)}
                </p>
                <div className="compare-col-actions">
                  <button
                    type="button"
                    onClick={() => {
                      setDraft({ model: b.model, resolution: b.resolution, ...(b.quality ? { quality: b.quality } : { quality: 'auto' }) });
                      useStudio.getState().pushNotice('info', `The form now uses ${combinationName(b)}.`);
                    }}
                  >
                    Use these settings
                  </button>
                  {sum.active && <button type="button" onClick={() => void cancelJobs({ batchId: b.id })}>Cancel</button>}
                  {!sum.active && sum.retryable && <button type="button" onClick={() => void retryJobs({ batchId: b.id })}>Retry failed</button>}
                </div>
              </header>
              <TileStrip batch={b} now={now} />
            </section>
          );
        })}
      </div>
    </section>
  );
}
