import type { Ledger } from '@contract';
import { useStudio } from '../../stores/store';
import { usd } from './format';

/** Money reported by xAI: this session, today and all time, against the budget cap. */
export function LedgerBar({ ledger }: { ledger: Ledger | null }) {
  // The cap follows settings at once; the ledger event only comes with the next spend.
  const cap = useStudio((s) => (s.settingsView ? s.settingsView.settings.budgetCapUsd : (ledger?.budgetCapUsd ?? null)));
  if (!ledger) return null;
  return (
    <dl className="ledger" aria-label="Spending">
      <div><dt>Session</dt><dd data-testid="ledger-session">{usd(ledger.sessionTicks)}</dd></div>
      <div><dt>Today</dt><dd>{usd(ledger.dayTicks)}</dd></div>
      <div><dt>All time</dt><dd>{usd(ledger.totalTicks)}</dd></div>
      <div><dt>Budget cap</dt><dd>{cap === null ? 'none' : `$${cap.toFixed(2)}`}</dd></div>
    </dl>
  );
}
