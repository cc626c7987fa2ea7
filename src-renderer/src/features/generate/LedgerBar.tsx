import type { Ledger } from '@contract';
import { usd } from './format';

/** Money reported by xAI: this session, today and all time, against the budget cap. */
export function LedgerBar({ ledger }: { ledger: Ledger | null }) {
  if (!ledger) return null;
  return (
    <dl className="ledger" aria-label="Spending">
      <div><dt>Session</dt><dd data-testid="ledger-session">{usd(ledger.sessionTicks)}</dd></div>
      <div><dt>Today</dt><dd>{usd(ledger.dayTicks)}</dd></div>
      <div><dt>All time</dt><dd>{usd(ledger.totalTicks)}</dd></div>
      <div><dt>Budget cap</dt><dd>{ledger.budgetCapUsd === null ? 'none' : `$${ledger.budgetCapUsd.toFixed(2)}`}</dd></div>
    </dl>
  );
}
