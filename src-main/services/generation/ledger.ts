import type { Ledger } from '@contract';
import { usdToTicks } from '../../core/xai';
import type { JobStore } from '../../core/jobs/job-store';

/** Local midnight of the day containing `now`: "today" is the user's day, not UTC's. */
export function startOfDay(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export function ledgerOf(store: JobStore, now: number, sessionStart: number, budgetCapUsd: number | null): Ledger {
  return {
    sessionTicks: store.spentSince(sessionStart),
    dayTicks: store.spentSince(startOfDay(now)),
    totalTicks: store.spentSince(0),
    budgetCapUsd,
  };
}

export const capTicks = (usd: number | null) => (usd === null ? null : usdToTicks(usd));
