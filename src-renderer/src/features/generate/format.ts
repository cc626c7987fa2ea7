import type { BatchView } from '@contract';

const TICKS_PER_USD = 10_000_000_000;

/**
 * Ticks as dollars: cents precision, four places below a cent, and two significant digits below a hundredth of a
 * cent (a prompt rewrite costs about $0.00003: "$0.0000" would read as free).
 */
export function usd(ticks: number): string {
  const v = ticks / TICKS_PER_USD;
  const a = Math.abs(v);
  if (v === 0 || a >= 0.01) return `$${v.toFixed(2)}`;
  return `$${a >= 0.0001 ? v.toFixed(4) : Number(v.toPrecision(2)).toFixed(8).replace(/0+$/, '')}`;
}

export function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** Prompts the form would send: one per line in batch mode, else the whole text as one. */
export function promptsOf(text: string, batchMode: boolean): string[] {
  const list = batchMode ? text.split('\n') : [text];
  return list.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** Counts per tile state and the money a batch cost. */
export function batchSummary(batch: BatchView) {
  const tiles = batch.jobs.flatMap((j) => j.tiles);
  const count = (s: string) => tiles.filter((t) => t.state === s).length;
  const active = batch.jobs.some((j) => j.state === 'queued' || j.state === 'running');
  const retryable = batch.jobs.some((j) => j.state === 'failed' || j.state === 'cancelled' || j.state === 'interrupted');
  return {
    total: tiles.length, done: count('done'), pending: count('pending'), blocked: count('blocked'),
    failed: count('failed'), interrupted: count('interrupted'), cancelled: count('cancelled'), active, retryable,
    costTicks: batch.jobs.reduce((s, j) => s + (j.costTicks ?? 0), 0),
  };
}

/** "3/4 done · 1 failed": how far a batch got, naming only the outcomes it has. */
export function progressWords(sum: ReturnType<typeof batchSummary>): string {
  const others = (['blocked', 'failed', 'interrupted', 'cancelled'] as const).filter((k) => sum[k] > 0).map((k) => ` · ${sum[k]} ${k}`);
  return `${sum.done}/${sum.total} done${others.join('')}`;
}

/** The library ids of every finished image on the board, in the order the board shows them (the viewer's ←/→). */
export function boardItemIds(batches: readonly BatchView[]): string[] {
  return batches.flatMap((b) => b.jobs.flatMap((j) => j.tiles.flatMap((t) => (t.state === 'done' && t.itemId ? [t.itemId] : []))));
}
