import type { Clock } from '../../../src-main/core/ports';

/** A manual clock: `sleep` resolves only when `advance` moves time past it. Microtasks flush between timers. */
export class FakeClock implements Clock {
  private t = 0;
  private timers: { at: number; resolve: () => void; reject: (e: unknown) => void; seq: number }[] = [];
  private seq = 0;

  constructor(start = 1_000_000) {
    this.t = start;
  }

  now = () => this.t;

  sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = { at: this.t + Math.max(0, ms), resolve, reject, seq: this.seq++ };
      this.timers.push(timer);
      signal?.addEventListener('abort', () => {
        this.timers = this.timers.filter((x) => x !== timer);
        reject(signal.reason);
      }, { once: true });
    });

  pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing due timers in order and letting promise chains run after each. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    await flush();
    for (;;) {
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = Math.max(this.t, due.at);
      due.resolve();
      await flush();
    }
    this.t = end;
    await flush();
  }
}

/** Lets queued promise callbacks run (several hops deep). */
export async function flush(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}
