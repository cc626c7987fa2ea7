import { qualityLabel, type BatchView } from '@contract';
import { useStudio } from '../../stores/store';
import { BatchCard } from './BatchCard';
import { batchSummary, elapsed, usd } from './format';
import { simulatedMark, useSimulated } from './LedgerBar';

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
                <button
                  type="button"
                  onClick={() => {
                    setDraft({ model: b.model, resolution: b.resolution, ...(b.quality ? { quality: b.quality } : { quality: 'auto' }) });
                    useStudio.getState().pushNotice('info', `The form now uses ${combinationName(b)}.`);
                  }}
                >
                  Use these settings
                </button>
              </header>
              <BatchCard batch={b} now={now} />
            </section>
          );
        })}
      </div>
    </section>
  );
}
