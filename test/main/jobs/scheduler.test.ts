import { describe, expect, it } from 'vitest';
import { createScheduler, type TaskOutcome } from '../../../src-main/core/scheduler/scheduler';
import { DEFAULT_BACKOFF, initialLimiter, onRateLimited, onSuccess, withCap } from '../../../src-main/core/scheduler/rate-limiter';
import { FakeClock, flush } from './fake-clock';

/** A scripted server: each task takes `latency` ms; `answer` decides the outcome per call. */
function harness(opts: { cap?: number; latency?: number; answer?: (id: string, call: number, now: number) => TaskOutcome }) {
  const clock = new FakeClock();
  const latency = opts.latency ?? 200;
  let inFlight = 0;
  let maxInFlight = 0;
  const starts: { id: string; at: number }[] = [];
  const done: string[] = [];
  const calls = new Map<string, number>();
  let cap = opts.cap ?? 4;
  const scheduler = createScheduler({
    clock,
    concurrency: () => cap,
    random: () => 0,
    async execute(id, signal) {
      const call = (calls.get(id) ?? 0) + 1;
      calls.set(id, call);
      starts.push({ id, at: clock.now() });
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        await clock.sleep(latency, signal);
        const outcome = opts.answer?.(id, call, clock.now()) ?? { kind: 'done' };
        if (outcome.kind === 'done') done.push(id);
        return outcome;
      } finally {
        inFlight--;
      }
    },
  });
  return {
    clock, scheduler, starts, done, calls,
    get maxInFlight() { return maxInFlight; },
    get inFlight() { return inFlight; },
    setCap: (c: number) => (cap = c),
  };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);

describe('scheduler', () => {
  it('never exceeds the concurrency cap and runs 20 tasks in 5 waves', async () => {
    const h = harness({ cap: 4, latency: 200 });
    for (const id of ids(20)) h.scheduler.enqueue(id);
    await flush();
    expect(h.inFlight).toBe(4);
    await h.clock.advance(1000);
    expect(h.done).toHaveLength(20);
    expect(h.maxInFlight).toBe(4);
    expect(h.starts.at(-1)?.at).toBe(1_000_000 + 800);
    await h.scheduler.idle();
  });

  it('an isolated 429 delays only that request, for exactly its Retry-After; the others keep going at full width', async () => {
    const h = harness({ cap: 2, latency: 100, answer: (id, call) => (id === 't0' && call === 1 ? { kind: 'rate-limited', retryAfterMs: 3000 } : { kind: 'done' }) });
    for (const id of ids(6)) h.scheduler.enqueue(id);
    await h.clock.advance(100); // t0 429s, t1 done at 100
    const at = h.clock.now();
    expect(h.scheduler.snapshot()).toMatchObject({ limit: 2, pausedUntil: 0, delayed: 1 });
    // t2 and t3 started at once: no pause for everyone.
    expect(h.starts.filter((s) => s.at === at).map((s) => s.id)).toEqual(['t2', 't3']);
    await h.clock.advance(400); // t2..t5 done by +300
    expect(h.done.sort()).toEqual(['t1', 't2', 't3', 't4', 't5']);
    expect(h.starts.filter((s) => s.id === 't0')).toHaveLength(1);
    await h.clock.advance(2599);
    expect(h.starts.filter((s) => s.id === 't0')).toHaveLength(1);
    await h.clock.advance(1);
    expect(h.starts.at(-1)).toEqual({ id: 't0', at: at + 3000 });
    await h.clock.advance(100);
    expect(h.done).toContain('t0');
    expect(h.calls.get('t0')).toBe(2);
    await h.scheduler.idle();
  });

  it('a requeued task keeps its place: when its delay is over it goes before later tasks', async () => {
    const h = harness({ cap: 1, latency: 100, answer: (id, call) => (id === 't0' && call === 1 ? { kind: 'rate-limited', retryAfterMs: 150 } : { kind: 'done' }) });
    for (const id of ids(4)) h.scheduler.enqueue(id);
    await h.clock.advance(1000);
    // t0 429s at 100 (ready at 250); t1 runs 100–200, t2 200–300; at 300 t0 is ready and goes before t3.
    expect(h.starts.map((s) => s.id)).toEqual(['t0', 't1', 't2', 't0', 't3']);
  });

  it('an earlier delay replaces a later wake-up (no task waits for another one\'s Retry-After)', async () => {
    const h = harness({
      cap: 4, latency: 100,
      answer: (id, call) => (call > 1 ? { kind: 'done' } : id === 'a' ? { kind: 'rate-limited', retryAfterMs: 5000 } : id === 'b' ? { kind: 'rate-limited', retryAfterMs: 1000 } : { kind: 'done' }),
    });
    h.scheduler.enqueue('a');
    h.scheduler.enqueue('b');
    await h.clock.advance(100);
    await h.clock.advance(1000);
    expect(h.starts.filter((s) => s.id === 'b').map((s) => s.at - 1_000_000)).toEqual([0, 1100]);
    await h.clock.advance(4000);
    expect(h.starts.filter((s) => s.id === 'a').map((s) => s.at - 1_000_000)).toEqual([0, 5100]);
    await h.clock.advance(100);
    await h.scheduler.idle();
    expect(h.done.sort()).toEqual(['a', 'b']);
  });

  it('clustered 429s (3 in a row) halve the limit and pause every start for the Retry-After', async () => {
    const h = harness({ cap: 4, latency: 100, answer: (id, call) => (call === 1 && ['t0', 't1', 't2'].includes(id) ? { kind: 'rate-limited', retryAfterMs: 2000 } : { kind: 'done' }) });
    for (const id of ids(8)) h.scheduler.enqueue(id);
    await h.clock.advance(100);
    const at = h.clock.now();
    expect(h.scheduler.snapshot()).toMatchObject({ limit: 2, pausedUntil: at + 2000 });
    // t4 and t5 took the slots of the first two 429s before the third made it a cluster; nothing starts after that.
    expect(h.starts.filter((s) => s.at === at).map((s) => s.id)).toEqual(['t4', 't5']);
    await h.clock.advance(1999);
    expect(h.starts.filter((s) => s.at > at)).toHaveLength(0);
    await h.clock.advance(1);
    expect(h.starts.filter((s) => s.at === at + 2000).map((s) => s.id)).toEqual(['t0', 't1']);
    await h.clock.advance(10_000);
    expect(h.done.sort()).toEqual(ids(8).sort());
  });

  it('20% scattered 429s with Retry-After: 1 never cut the limit, and 200 tasks finish within 1.3× of ideal', async () => {
    const h = harness({ cap: 4, latency: 200, answer: (id, call) => (call === 1 && Number(id.slice(1)) % 5 === 0 ? { kind: 'rate-limited', retryAfterMs: 1000 } : { kind: 'done' }) });
    const limits: number[] = [];
    for (const id of ids(200)) h.scheduler.enqueue(id);
    const t0 = h.clock.now();
    let idle = false;
    void h.scheduler.idle().then(() => (idle = true));
    while (!idle) {
      await h.clock.advance(100);
      limits.push(h.scheduler.snapshot().limit);
    }
    expect(h.done).toHaveLength(200);
    expect(Math.min(...limits)).toBe(4);
    const ideal = (200 / 4) * 200;
    // 240 calls of 200 ms over 4 slots is 12 000 ms of work; the last retries add at most one Retry-After.
    expect(h.clock.now() - t0).toBeLessThanOrEqual(ideal * 1.3);
  });

  it('backs off exponentially without Retry-After, and a storm never fails a task', async () => {
    // Every call 429s for the first 5 s of fake time, then the server recovers.
    const start = 1_000_000;
    const h = harness({ cap: 4, latency: 50, answer: (_id, _c, now) => (now < start + 5000 ? { kind: 'rate-limited' } : { kind: 'done' }) });
    for (const id of ids(8)) h.scheduler.enqueue(id);
    await h.clock.advance(60_000);
    expect(h.done.sort()).toEqual(ids(8).sort());
    // Waits between consecutive retries grow: 1 s, 2 s, 4 s…
    const t0 = h.starts.filter((s) => s.id === 't0').map((s) => s.at - start);
    const gaps = t0.slice(1).map((v, i) => v - (t0[i] as number));
    expect(gaps[0]).toBeGreaterThanOrEqual(1000);
    expect(gaps[1]).toBeGreaterThanOrEqual(2000);
    expect(h.maxInFlight).toBeLessThanOrEqual(4);
  });

  it('halves once per storm (429s of requests sent before the cut do not cut again) and recovers to the cap', async () => {
    let storm = true;
    const h = harness({ cap: 8, latency: 100, answer: () => (storm ? { kind: 'rate-limited', retryAfterMs: 1000 } : { kind: 'done' }) });
    for (const id of ids(8)) h.scheduler.enqueue(id);
    await h.clock.advance(100);
    // Eight 429s from one wave cut the limit once (at the third), not eight times.
    expect(h.scheduler.snapshot().limit).toBe(4);
    storm = false;
    for (const id of ids(60).slice(8)) h.scheduler.enqueue(id);
    await h.clock.advance(30_000);
    expect(h.done).toHaveLength(60);
    expect(h.scheduler.snapshot().limit).toBe(8);
  });

  it('cancels a queued task and aborts a running one', async () => {
    const h = harness({ cap: 1, latency: 1000 });
    h.scheduler.enqueue('a');
    h.scheduler.enqueue('b');
    await flush();
    expect(h.scheduler.cancel('b')).toBe(true);
    expect(h.scheduler.cancel('a')).toBe(true);
    await h.clock.advance(10);
    expect(h.done).toEqual([]);
    expect(h.scheduler.cancel('zzz')).toBe(false);
    await h.scheduler.idle();
  });

  it('a released slot starts the next task while the first finishes local work, and idle waits for both', async () => {
    const clock = new FakeClock();
    const starts: string[] = [];
    const scheduler = createScheduler({
      clock,
      concurrency: () => 1,
      async execute(id, signal, release) {
        starts.push(id);
        await clock.sleep(100, signal);
        release();
        await clock.sleep(500); // saving results
        return { kind: 'done' };
      },
    });
    scheduler.enqueue('a');
    scheduler.enqueue('b');
    let idle = false;
    void scheduler.idle().then(() => (idle = true));
    await clock.advance(100);
    expect(starts).toEqual(['a', 'b']);
    await clock.advance(599);
    expect(idle).toBe(false);
    await clock.advance(1);
    expect(idle).toBe(true);
  });

  it('applies a lower cap from settings at once', async () => {
    const h = harness({ cap: 4, latency: 100 });
    h.setCap(2);
    for (const id of ids(6)) h.scheduler.enqueue(id);
    await h.clock.advance(1000);
    expect(h.maxInFlight).toBe(2);
  });
});

describe('rate limiter (pure)', () => {
  it.each([
    [{ retryAfterMs: 5000 }, 5000],
    [{ retryAfterMs: 10 * 60_000 }, 120_000],
    [{}, 1000],
    [{ attempt: 3 }, 4000],
    [{ attempt: 10 }, 30_000],
  ])('the wait for %o is %i ms', (extra, expected) => {
    const { delayMs } = onRateLimited(initialLimiter(4), { now: 0, epoch: 0, random: 0, ...extra });
    expect(delayMs).toBe(expected);
  });

  it('adds jitter only to computed back-offs', () => {
    expect(onRateLimited(initialLimiter(4), { now: 0, epoch: 0, random: 0.5 }).delayMs).toBe(1100);
    expect(onRateLimited(initialLimiter(4), { now: 0, epoch: 0, random: 0.5, retryAfterMs: 1000 }).delayMs).toBe(1000);
  });

  it('an isolated 429 changes neither the limit nor the pause; the third in a row cuts and pauses', () => {
    let s = initialLimiter(4);
    const one = onRateLimited(s, { now: 10, epoch: 0, random: 0, retryAfterMs: 1000 });
    expect(one).toMatchObject({ cut: false, state: { limit: 4, pausedUntil: 0, streak: 1 } });
    s = onSuccess(one.state);
    expect(s.streak).toBe(0);
    for (let i = 0; i < 2; i++) s = onRateLimited(s, { now: 20, epoch: 0, random: 0, retryAfterMs: 1000 }).state;
    const third = onRateLimited(s, { now: 30, epoch: 0, random: 0, retryAfterMs: 1000 });
    expect(third).toMatchObject({ cut: true, state: { limit: 2, pausedUntil: 1030, epoch: 1, streak: 0 } });
    // A 429 of a request sent before the cut neither counts nor cuts.
    expect(onRateLimited(third.state, { now: 40, epoch: 0, random: 0 }).state).toEqual(third.state);
    // clusterSize 1 restores "every 429 cuts".
    expect(onRateLimited(initialLimiter(4), { now: 0, epoch: 0, random: 0, policy: { ...DEFAULT_BACKOFF, clusterSize: 1 } }).cut).toBe(true);
  });

  it('additive increase: one step per window of successes; sends of an older epoch do not count', () => {
    let s = { ...initialLimiter(4), limit: 2, epoch: 1 };
    expect(onSuccess(s, 0).successes).toBe(0);
    s = onSuccess(s);
    expect(s.limit).toBe(2);
    s = onSuccess(s);
    expect(s.limit).toBe(3);
    expect(withCap(s, 2).limit).toBe(2);
    expect(withCap(initialLimiter(4), 6).limit).toBe(6);
  });
});
