/**
 * Demo mode spends nothing: what the simulator "bills" is recorded as simulated, kept out of the real session / day /
 * all-time totals and out of the budget; and a result staged in demo mode is filed only while demo mode is on (the
 * demo library), never into the real one.
 */
import type { LibraryRecord } from '@contract';
import { describe, expect, it } from 'vitest';
import { InMemoryJobStore } from '../../../src-main/core/jobs/in-memory-job-store';
import { InMemoryResultStaging, type StagedMeta } from '../../../src-main/core/jobs/result-staging';
import type { IngestInput } from '../../../src-main/services/library/ingest';
import { createSpendLedger } from '../../../src-main/services/ledger/spend';
import { recoverStaged } from '../../../src-main/services/paid-work/recovery';
import { editRecovery } from '../../../src-main/services/edit/edit-recovery';
import { imageRecovery } from '../../../src-main/services/generation/image-recovery';

const clock = { now: () => 1_000_000, sleep: async () => {} };
const silent = { info() {}, warn() {}, error() {} };

function ledger(cap: number | null = null) {
  const mode = { demo: false };
  const store = new InMemoryJobStore();
  const emitted: unknown[] = [];
  const spend = createSpendLedger({ store, clock, events: { emit: (_e, p) => void emitted.push(p) }, budgetCapUsd: () => cap, demo: () => mode.demo });
  return { spend, store, mode, emitted };
}

describe('demo mode spends nothing', () => {
  it('records demo costs as simulated, apart from the real totals', () => {
    const { spend, mode, emitted } = ledger();
    spend.record({ kind: 'image', ref: 'real', ticks: 100 });
    mode.demo = true;
    spend.record({ kind: 'edit', ref: 'sim', ticks: 40 });
    spend.record({ kind: 'video', ref: 'sim-v', ticks: 2 });
    expect(spend.ledger()).toMatchObject({
      sessionTicks: 100, dayTicks: 100, totalTicks: 100, sessionByKind: { image: 100, edit: 0, video: 0 },
      simulated: { sessionTicks: 42, dayTicks: 42, totalTicks: 42 },
    });
    expect(emitted.at(-1)).toMatchObject({ sessionTicks: 100, simulated: { sessionTicks: 42 } });
    // An explicit flag wins over the mode (a result staged in demo mode, filed later).
    mode.demo = false;
    spend.record({ kind: 'edit', ref: 'late', ticks: 5, demo: true });
    expect(spend.ledger()).toMatchObject({ sessionTicks: 100, simulated: { sessionTicks: 47 } });
  });

  it('the budget is not in play in demo mode, and demo holds commit nothing real', () => {
    const { spend, mode } = ledger(0.0000001);
    expect(spend.check(10_000)).toMatchObject({ exceedsBudget: true });
    mode.demo = true;
    expect(spend.check(10_000)).toMatchObject({ exceedsBudget: false });
    expect(() => spend.assertWithinBudget('video', 10_000_000_000)).not.toThrow();
    const hold = spend.hold(5_000);
    spend.record({ kind: 'image', ref: 'd', ticks: 9_000 });
    mode.demo = false;
    expect(spend.check(0).committedTicks).toBe(0);
    hold.release();
  });

  it('recordOnce writes a ref of a kind only once', () => {
    const { spend, store } = ledger();
    expect(spend.recordOnce({ kind: 'video', ref: 'v1', ticks: 10 })).toBe(true);
    expect(spend.recordOnce({ kind: 'video', ref: 'v1', ticks: 10 })).toBe(false);
    expect(spend.recordOnce({ kind: 'edit', ref: 'v1', ticks: 1 })).toBe(true);
    expect(store.spentSince(0)).toBe(11);
  });
});

describe('staged results and demo mode', () => {
  const meta = (over: Partial<StagedMeta>): StagedMeta => ({
    jobId: 'a'.repeat(32), attempt: 1, requestId: 'r', costTicks: 50, share: 50, prompt: 'p', model: 'grok-imagine-image', params: {},
    aspectRatio: null, slots: ['image'], stagedAt: 1, kind: 'edit', edit: { instruction: 'p', parents: [], revisedPrompts: [null] }, ...over,
  });

  async function recover(staging: InMemoryResultStaging, demo: boolean) {
    const { spend, store } = ledger();
    const filed: IngestInput[] = [];
    const result = await recoverStaged({
      staging, logger: silent, demo: () => demo,
      kinds: {
        image: imageRecovery({ store, clock, changed() {}, spent() {} }),
        edit: editRecovery({ spent: (ref, ticks, simulated) => void spend.recordOnce({ kind: 'edit', ref, ticks, demo: simulated }) }),
      },
      library: { ingest: async (i) => (filed.push(i), { id: `${filed.length}`.padStart(32, '0') } as LibraryRecord) },
    });
    return { result, filed, spend };
  }

  it('a demo result waits while demo mode is off, and is filed (its cost simulated) once it is on', async () => {
    const staging = new InMemoryResultStaging();
    await staging.put({ meta: meta({ demo: true }), images: [{ index: 0, bytes: new Uint8Array([1, 2]), mime: 'image/png' }] });
    const off = await recover(staging, false);
    expect(off.filed).toHaveLength(0);
    expect(staging.results.size).toBe(1);
    const on = await recover(staging, true);
    expect(on.filed).toHaveLength(1);
    expect(on.result.saved).toBe(1);
    expect(staging.results.size).toBe(0);
    expect(on.spend.ledger()).toMatchObject({ totalTicks: 0, simulated: { totalTicks: 50 } });
  });

  it('a real result waits while demo mode is on', async () => {
    const staging = new InMemoryResultStaging();
    await staging.put({ meta: meta({}), images: [{ index: 0, bytes: new Uint8Array([1]), mime: 'image/png' }] });
    expect((await recover(staging, true)).filed).toHaveLength(0);
    const real = await recover(staging, false);
    expect(real.filed).toHaveLength(1);
    expect(real.spend.ledger()).toMatchObject({ totalTicks: 50 });
  });
});
