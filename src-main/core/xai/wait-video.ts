/**
 * Polls a video job until it settles. Pure: time comes from the injected `Clock`, so tests run on a fake one.
 * A poll timeout does not cancel the server job (doc §7.4); the caller may resume polling later with the same id.
 */
import type { Clock } from '../ports';
import { fail } from '../app-error';
import type { CallOptions, ImagineApi, VideoPoll } from './types';

export interface WaitForVideoOptions extends CallOptions {
  clock: Clock;
  /** Delay between polls (AISDK default 5000 ms; the xAI Python SDK uses 1000 ms). */
  intervalMs?: number;
  /** Give up after this long (default 10 minutes, as every SDK does). */
  maxWaitMs?: number;
  onProgress?: (progress: number | null) => void;
}

/** Resolves with the terminal poll (done, blocked, failed or expired); throws `timeout` or `cancelled`. */
export async function waitForVideo(api: Pick<ImagineApi, 'getVideo'>, id: string, opts: WaitForVideoOptions): Promise<Exclude<VideoPoll, { status: 'pending' }>> {
  const interval = opts.intervalMs ?? 5000;
  const deadline = opts.clock.now() + (opts.maxWaitMs ?? 600_000);
  for (;;) {
    if (opts.signal?.aborted) fail({ kind: 'cancelled', message: 'Cancelled.' });
    const poll = await api.getVideo(id, opts.signal ? { signal: opts.signal } : {});
    if (poll.status !== 'pending') return poll;
    opts.onProgress?.(poll.progress);
    if (opts.clock.now() + interval > deadline) {
      fail({ kind: 'timeout', message: 'The video is taking longer than expected. It may still finish on xAI; try checking again later.' });
    }
    await opts.clock.sleep(interval, opts.signal);
  }
}
