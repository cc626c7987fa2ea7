import { useEffect, useState } from 'react';
import { useStudio } from '../../stores/store';
import { BatchCard } from './BatchCard';
import { clearFinished } from './commands';
import { LedgerBar } from './LedgerBar';

/** Ticks once a second while something is pending, for the elapsed times. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [active]);
  return now;
}

/** Every batch on the board, newest first, with the ledger and "Clear finished". */
export function BatchBoard() {
  const batches = useStudio((s) => s.batches);
  const ledger = useStudio((s) => s.ledger);
  const active = batches.some((b) => b.jobs.some((j) => j.state === 'queued' || j.state === 'running'));
  const now = useNow(active);
  return (
    <div className="batch-board">
      <div className="board-head">
        <h2>Batches</h2>
        <LedgerBar ledger={ledger} />
        <button type="button" onClick={() => void clearFinished()} disabled={batches.length === 0}>Clear finished</button>
      </div>
      {batches.length === 0 ? (
        <p className="muted">Nothing generated yet. Results also go straight into the Library.</p>
      ) : (
        batches.map((b) => <BatchCard key={b.id} batch={b} now={now} />)
      )}
    </div>
  );
}
