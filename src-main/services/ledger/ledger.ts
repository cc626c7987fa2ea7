import type { Ledger } from '@contract';
import { usdToTicks } from '../../core/xai';
import type { JobStore } from '../../core/jobs/job-store';

/** Local midnight of the day containing `now`: "today" is the user's day, not UTC's. */
export function startOfDay(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Real totals (demo rows never count), this session's per kind, and demo mode's simulated totals beside them. */
export function ledgerOf(store: JobStore, now: number, sessionStart: number, budgetCapUsd: number | null): Ledger {
  const day = startOfDay(now);
  const demo = { demo: true };
  return {
    sessionTicks: store.spentSince(sessionStart),
    dayTicks: store.spentSince(day),
    totalTicks: store.spentSince(0),
    budgetCapUsd,
    sessionByKind: {
      image: store.spentSince(sessionStart, { kind: 'image' }),
      edit: store.spentSince(sessionStart, { kind: 'edit' }),
      video: store.spentSince(sessionStart, { kind: 'video' }),
      text: store.spentSince(sessionStart, { kind: 'text' }),
    },
    simulated: { sessionTicks: store.spentSince(sessionStart, demo), dayTicks: store.spentSince(day, demo), totalTicks: store.spentSince(0, demo) },
    // This session's bills against their estimates (issue 15.5), real and simulated apart.
    reconciled: store.reconcileSince(sessionStart),
    simulatedReconciled: store.reconcileSince(sessionStart, demo),
  };
}

export const capTicks = (usd: number | null) => (usd === null ? null : usdToTicks(usd));
