/**
 * Pacing to the published per-model limits (issue 15.6): a token bucket per model, from the capability table, at the
 * user's tier. The server here is the simulator's own rate limiter (a sliding one-second window per model, 429
 * beyond) on the same fake clock, so "zero 429s" is judged by the rule the simulator enforces.
 */
import { describe, expect, it } from 'vitest';
import { createPacer } from '../../../src-main/core/paid-work/pacer';
import { createScheduler, type TaskOutcome } from '../../../src-main/core/scheduler/scheduler';
import { createModelPacing } from '../../../src-main/services/paid-work/model-pacing';
import { createRateWindows } from '../../../src-main/simulator/rate-limit';
import { FakeClock, flush } from './fake-clock';

/** Runs `n` requests of `model` through a scheduler paced at `tier`; the server admits `serverRps` a second. */
async function batch(opts: { n: number; model: string; tier?: number; serverRps: number; latencyMs?: number; cap?: number; paced?: boolean }) {
  const clock = new FakeClock();
  const server = createRateWindows(() => clock.now());
  const pacing = createModelPacing({ tier: () => opts.tier ?? 0 });
  let refused = 0;
  const done = new Set<string>();
  const t0 = clock.now();
  const scheduler = createScheduler({
    clock,
    concurrency: () => opts.cap ?? 4,
    random: () => 0,
    ...(opts.paced === false ? {} : { pace: { pacer: pacing.pacer, key: () => pacing.keyOf(opts.model) } }),
    async execute(id, signal): Promise<TaskOutcome> {
      if (!server.admit(opts.model, opts.serverRps)) {
        refused++;
        return { kind: 'rate-limited' };
      }
      await clock.sleep(opts.latencyMs ?? 500, signal);
      done.add(id);
      return { kind: 'done' };
    },
  });
  for (let i = 0; i < opts.n; i++) scheduler.enqueue(`r${i}`);
  let finished = false;
  void scheduler.idle().then(() => (finished = true));
  while (!finished) {
    await clock.advance(50);
    await flush();
  }
  return { refused, done: done.size, wallMs: clock.now() - t0 };
}

describe('pacing', () => {
  it('60 image requests at the published 6/s: zero 429s, and done within 1.25 × 10 s', async () => {
    const r = await batch({ n: 60, model: 'grok-imagine-image-2.0', serverRps: 6 });
    expect(r.done).toBe(60);
    expect(r.refused).toBe(0);
    expect(r.wallMs).toBeLessThanOrEqual(1.25 * (60 / 6) * 1000);
  });

  it('without pacing the same batch runs into the limit (what the bucket prevents)', async () => {
    const r = await batch({ n: 60, model: 'grok-imagine-image-2.0', serverRps: 6, latencyMs: 100, paced: false });
    expect(r.done).toBe(60);
    expect(r.refused).toBeGreaterThan(0);
  });

  it('a retired slug is paced as the model that serves it, and video at its own 10/s', () => {
    const pacing = createModelPacing({ tier: () => 0 });
    expect(pacing.keyOf('grok-imagine-image-quality')).toBe('grok-imagine-image-2.0');
    // Ten video requests fit in the first second (10/s, at 95% headroom: one every ~105 ms).
    let at = 0;
    for (let i = 0; i < 10; i++) {
      at = Math.max(at, pacing.pacer.nextAt('grok-imagine-video', at));
      pacing.pacer.take('grok-imagine-video', at);
    }
    expect(at).toBeLessThan(1000);
    expect(at).toBeGreaterThan(900);
  });

  it('a higher tier from Settings applies to the next request', async () => {
    let tier = 0;
    const pacing = createModelPacing({ tier: () => tier });
    pacing.pacer.take('grok-imagine-image', 0);
    const slow = pacing.pacer.nextAt('grok-imagine-image', 0);
    tier = 2; // 25/s
    expect(pacing.pacer.nextAt('grok-imagine-image', 0)).toBeLessThan(slow / 3);
  });

  it('the bucket spaces requests evenly and lets an idle bucket go at once', () => {
    const pacer = createPacer(() => ({ rate: 4 }), 1);
    pacer.take('m', 0);
    expect(pacer.nextAt('m', 0)).toBe(250);
    expect(pacer.nextAt('m', 5000)).toBe(5000);
    expect(pacer.nextAt('other', 0)).toBe(0);
    const unpaced = createPacer(() => undefined);
    unpaced.take('m', 0);
    expect(unpaced.nextAt('m', 0)).toBe(0);
  });

  it('tasks of another model go past one whose bucket is empty', async () => {
    const clock = new FakeClock();
    const pacer = createPacer((key) => (key === 'slow' ? { rate: 1 } : undefined), 1);
    const started: string[] = [];
    const scheduler = createScheduler({
      clock, concurrency: () => 4, random: () => 0,
      pace: { pacer, key: (id) => (id.startsWith('s') ? 'slow' : undefined) },
      async execute(id) {
        started.push(id);
        return { kind: 'done' };
      },
    });
    for (const id of ['s1', 's2', 'f1', 'f2']) scheduler.enqueue(id);
    await flush();
    expect(started).toEqual(['s1', 'f1', 'f2']);
    await clock.advance(1000);
    expect(started).toEqual(['s1', 'f1', 'f2', 's2']);
  });
});
