import { qualityLabel, type CostEstimateView } from '@contract';
import { usd } from './format';
import { simulatedMark, useSimulated } from './LedgerBar';

/**
 * The estimate before submitting, and the budget verdict. Whether there is a prompt comes from the form as it is now
 * (`prompts`), not from the estimate, which arrives a moment later: a filled form never says "Write a prompt…", and
 * a cleared one says it at once (issue 14.12).
 */
export function CostLine({ estimate, prompts }: { estimate: CostEstimateView | null; prompts: number }) {
  const simulated = useSimulated();
  if (prompts === 0) return <p className="cost-line muted" aria-live="polite">Write a prompt to see the cost.</p>;
  if (!estimate || estimate.images === 0) return <p className="cost-line muted" aria-live="polite">Working out the cost…</p>;
  const about = estimate.source === 'unknown' ? 'unknown price' : `${estimate.source === 'table' ? 'about ' : ''}${usd(estimate.ticks)}${simulatedMark(simulated)}`;
  return (
    <div className="cost-line" aria-live="polite" data-testid="cost-estimate">
      {prompts > 1 && <span data-testid="prompt-count">{prompts} prompts</span>}
      <span>
        {estimate.images} image{estimate.images === 1 ? '' : 's'} × {usd(estimate.perImageTicks)}
        {estimate.quality ? ` (${qualityLabel(estimate.quality)} quality)` : ''} = <strong>{about}</strong>
        {estimate.requests > 1 ? ` in ${estimate.requests} requests` : ''}
      </span>
      {simulated && <span className="budget">Simulated: demo mode spends nothing</span>}
      {!simulated && estimate.budgetCapUsd !== null && (
        <span className={estimate.exceedsBudget ? 'budget over' : 'budget'}>
          {estimate.exceedsBudget ? 'Over budget: ' : 'Budget: '}
          {usd(estimate.committedTicks)} spent or queued this session of ${estimate.budgetCapUsd.toFixed(2)}
        </span>
      )}
    </div>
  );
}
