/**
 * From a submit to stored jobs. Large n is split into requests of at most MAX_IMAGES_PER_REQUEST images: tiles
 * arrive sooner and in parallel, a failure or an interruption loses fewer (possibly billed) images, and billing is per
 * image so the cost is the same. Chunks are balanced (10 → 4+3+3) so no request is a straggler.
 */
import type { JobRequest } from '@contract';
import type { StoredBatch, StoredJob } from './types';

export const MAX_IMAGES_PER_REQUEST = 4;

/** Splits n into the fewest balanced chunks of at most `max`. */
export function splitCount(n: number, max = MAX_IMAGES_PER_REQUEST): number[] {
  if (n <= 0) return [];
  const parts = Math.ceil(n / max);
  const base = Math.floor(n / parts);
  const extra = n % parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

/** Prompts as sent: trimmed, empty lines dropped (batch mode is one prompt per line). */
export function cleanPrompts(prompts: readonly string[]): string[] {
  return prompts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** Builds the batch and its queued jobs, with one pending tile per requested image. */
export function planBatch(args: {
  request: JobRequest;
  prompts: string[];
  estimateTicks: number;
  now: number;
  newId: () => string;
  /** Most images one request may ask for (the provider's limit: Stability 1); default MAX_IMAGES_PER_REQUEST. */
  perRequest?: number;
}): { batch: StoredBatch; jobs: StoredJob[] } {
  const { request, prompts, now, newId } = args;
  const batch: StoredBatch = {
    id: newId(),
    createdAt: now,
    model: request.model,
    aspectRatio: request.aspectRatio,
    resolution: request.resolution,
    ...(request.quality ? { quality: request.quality } : {}),
    n: request.n,
    prompts,
    estimateTicks: args.estimateTicks,
    ...(request.originalPrompt ? { originalPrompt: request.originalPrompt } : {}),
    ...(request.group ? { group: { ...request.group } } : {}),
    ...(request.subjectItemId ? { subjectItemId: request.subjectItemId } : {}),
  };
  const jobs: StoredJob[] = [];
  let tileIndex = 0;
  prompts.forEach((prompt, promptIndex) => {
    for (const count of splitCount(request.n, args.perRequest)) {
      const tiles = Array.from({ length: count }, () => pendingTile(tileIndex++));
      jobs.push({
        id: newId(), batchId: batch.id, prompt, promptIndex, n: count, state: 'queued', attempts: 0, createdAt: now,
        startedAt: null, finishedAt: null, costTicks: null, requestId: null, error: null, tiles,
      });
    }
  });
  return { batch, jobs };
}

export function pendingTile(index: number) {
  return { index, state: 'pending' as const, itemId: null, thumb: null, width: null, height: null, reason: null };
}
