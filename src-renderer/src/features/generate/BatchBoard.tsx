import { useEffect, useRef, useState } from 'react';
import { useStudio } from '../../stores/store';
import { BatchCard } from './BatchCard';
import { CompareGroup } from './CompareGroup';
import type { BatchView } from '@contract';
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

/** The board's entries, newest first: a batch alone, or every batch of one comparison together in combination order. */
function boardEntries(batches: readonly BatchView[]): BatchView[][] {
  const out: BatchView[][] = [];
  const groups = new Map<string, BatchView[]>();
  for (const b of batches) {
    if (!b.group) {
      out.push([b]);
      continue;
    }
    let g = groups.get(b.group.id);
    if (!g) {
      g = [];
      groups.set(b.group.id, g);
      out.push(g);
    }
    g.push(b);
  }
  for (const g of groups.values()) g.sort((a, b) => (a.group?.index ?? 0) - (b.group?.index ?? 0));
  return out;
}

/**
 * "Results": every batch, newest first, in a region that scrolls on its own under the composer, with the ledger and
 * "Clear finished". A new batch lands at the top and the region scrolls there, so its first tiles are in view.
 */
export function BatchBoard() {
  const batches = useStudio((s) => s.batches);
  const ledger = useStudio((s) => s.ledger);
  const active = batches.some((b) => b.jobs.some((j) => j.state === 'queued' || j.state === 'running'));
  const now = useNow(active);
  const scroller = useRef<HTMLElement>(null);
  const newest = batches[0]?.id;
  const seen = useRef(newest);
  useEffect(() => {
    if (newest === seen.current) return;
    seen.current = newest;
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [newest]);
  return (
    <section ref={scroller} className="results" aria-labelledby="results-title">
      <div className="results-head">
        <h2 id="results-title">Results</h2>
        <LedgerBar ledger={ledger} />
        <button type="button" onClick={() => void clearFinished()} disabled={batches.length === 0}>Clear finished</button>
      </div>
      {batches.length === 0 ? (
        <p className="results-empty muted">Nothing generated yet: write a prompt above and press Generate. Results also go straight into the Library.</p>
      ) : (
        boardEntries(batches).map(([first, ...rest]) => (first && !first.group
          ? <BatchCard key={first.id} batch={first} now={now} />
          : first && <CompareGroup key={first.group?.id ?? first.id} batches={[first, ...rest]} now={now} />))
      )}
    </section>
  );
}
