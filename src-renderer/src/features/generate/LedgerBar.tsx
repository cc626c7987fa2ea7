import type { Ledger } from '@contract';
import { useStudio } from '../../stores/store';
import { usd } from './format';

/**
 * "Billed $0.12 against $0.12 estimated (3 requests)": this session's bills set against their estimates (issue
 * 15.5); null before anything with an estimate was billed.
 */
export function reconciledText(r: Ledger['reconciled'], simulated: boolean): string | null {
  if (!r || r.count === 0) return null;
  const diff = r.billedTicks - r.estimateTicks;
  const verdict = diff === 0 ? 'as estimated' : `${usd(Math.abs(diff))} ${diff > 0 ? 'over' : 'under'} the estimate`;
  const mark = simulated ? ' (simulated)' : '';
  return `Billed ${usd(r.billedTicks)}${mark} against ${usd(r.estimateTicks)} estimated for ${r.count} request${r.count === 1 ? '' : 's'}: ${verdict}.`;
}

/** Demo mode is on: every cost on screen is what the simulator would have charged, never billed. */
export function useSimulated(): boolean {
  return useStudio((s) => s.settingsView?.settings.demoMode ?? false);
}

/** " (simulated)" after a cost shown in demo mode, so a simulated amount is never read as a real one. */
export const simulatedMark = (simulated: boolean): string => (simulated ? ' (simulated)' : '');

/**
 * Money reported by xAI: this session (with what images, edits and videos each took), today and all time, against
 * the budget cap. One bar for every paid screen (Generate, Edit, Video), fed by the one ledger. In demo mode it shows
 * the simulated totals instead, labelled as such: demo mode spends nothing and the cap does not apply.
 */
export function LedgerBar({ ledger: given }: { ledger?: Ledger | null }) {
  const stored = useStudio((s) => s.ledger);
  const ledger = given === undefined ? stored : given;
  // The cap follows settings at once; the ledger event only comes with the next spend.
  const cap = useStudio((s) => (s.settingsView ? s.settingsView.settings.budgetCapUsd : (ledger?.budgetCapUsd ?? null)));
  const simulated = useSimulated();
  if (!ledger) return null;
  if (simulated) {
    const sim = ledger.simulated ?? { sessionTicks: 0, dayTicks: 0, totalTicks: 0 };
    return (
      <dl className="ledger ledger-simulated" aria-label="Spending (simulated)" data-testid="ledger">
        <div><dt>Session</dt><dd data-testid="ledger-session">{usd(sim.sessionTicks)} (simulated)</dd></div>
        <div className="ledger-more"><dt>Today</dt><dd>{usd(sim.dayTicks)} (simulated)</dd></div>
        <div className="ledger-more"><dt>All time</dt><dd>{usd(sim.totalTicks)} (simulated)</dd></div>
        <div><dt>Budget cap</dt><dd>not applied: demo mode spends nothing</dd></div>
        <Reconciled text={reconciledText(ledger.simulatedReconciled, true)} />
      </dl>
    );
  }
  const kinds = ledger.sessionByKind;
  return (
    <dl className="ledger" aria-label="Spending" data-testid="ledger">
      <div>
        <dt>Session</dt>
        <dd data-testid="ledger-session">{usd(ledger.sessionTicks)}</dd>
        {kinds ? (
          <dd className="ledger-kinds" data-testid="ledger-kinds">
            (images {usd(kinds.image)} · edits {usd(kinds.edit)} · videos {usd(kinds.video)}{kinds.text ? ` · prompt rewrites ${usd(kinds.text)}` : ''})
          </dd>
        ) : null}
      </div>
      <div className="ledger-more"><dt>Today</dt><dd>{usd(ledger.dayTicks)}</dd></div>
      <div className="ledger-more"><dt>All time</dt><dd>{usd(ledger.totalTicks)}</dd></div>
      <div><dt>Budget cap</dt><dd>{cap === null ? 'none' : `$${cap.toFixed(2)}`}</dd></div>
      <Reconciled text={reconciledText(ledger.reconciled, false)} />
    </dl>
  );
}

function Reconciled({ text }: { text: string | null }) {
  return text ? <div className="ledger-reconciled ledger-more"><dt>Estimates</dt><dd data-testid="ledger-reconciled">{text}</dd></div> : null;
}
