/**
 * Asynchronous results (reference §4): a POST answers `{id}` (64 hex characters); `GET /v2beta/results/{id}` answers
 * 202 `{id, status:"in-progress"}` for a configured number of polls, then 200 with the asset. A result belongs to
 * the key that created it and is deleted after its time to live.
 */
import { randomBytes } from 'node:crypto';

/** A finished asset, as a sync call or a result poll delivers it. */
export interface Asset {
  bytes: Buffer;
  mime: string;
  seed: number;
  finishReason: 'SUCCESS' | 'CONTENT_FILTERED';
}

export interface PendingResult {
  id: string;
  key: string;
  operation: string;
  createdAt: number;
  polls: number;
  asset: Promise<Asset>;
}

export type PollAnswer = { state: 'not-found' } | { state: 'in-progress' } | { state: 'done'; asset: Asset };

export function createResultStore(opts: { now: () => number; pendingPolls: () => number; ttlMs: () => number }) {
  const results = new Map<string, PendingResult>();
  return {
    results,
    create(key: string, operation: string, asset: Promise<Asset>): string {
      const id = randomBytes(32).toString('hex');
      // Failures surface when polled; keep an unobserved rejection from crashing the process meanwhile.
      asset.catch(() => undefined);
      results.set(id, { id, key, operation, createdAt: opts.now(), polls: 0, asset });
      return id;
    },
    async poll(id: string, key: string): Promise<PollAnswer> {
      const r = results.get(id);
      if (r && opts.now() - r.createdAt > opts.ttlMs()) results.delete(id);
      if (!r || !results.has(id) || r.key !== key) return { state: 'not-found' };
      if (r.polls < opts.pendingPolls()) {
        r.polls++;
        return { state: 'in-progress' };
      }
      return { state: 'done', asset: await r.asset };
    },
  };
}
