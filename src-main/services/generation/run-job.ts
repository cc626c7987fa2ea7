/**
 * One request of the queue, as a kind of paid work: it supplies the request (prompt, model, n, ratio, resolution)
 * and how the answer's slots become tiles; the paid-work pipeline (services/paid-work) does the rest: the call and
 * its 429/billed-failure handling, staging the bytes the moment they arrive, the spend, filing each image and
 * dropping its staged copy. Rate limits are handed back to the scheduler, which waits and runs the job again; they
 * never fail a job. A crash after the answer leaves the staged images for recovery at the next start.
 */
import type { AppError, Tile } from '@contract';
import type { JobStore } from '../../core/jobs/job-store';
import type { StagedMeta } from '../../core/jobs/result-staging';
import type { StoredBatch, StoredJob } from '../../core/jobs/types';
import { BLOCKED_EXPLANATION, CANCELLED_IN_FLIGHT, FEWER_THAN_ASKED, LINK_NOT_DOWNLOADED } from '../../core/paid-work/words';
import type { Clock } from '../../core/ports';
import type { TaskOutcome } from '../../core/scheduler/scheduler';
import type { ImageAspectRatio, ImageQuality, ImageResolution } from '../../core/xai';
import type { QueueImages } from './provider-images';
import type { LibraryRecord } from '@contract';
import type { PaidWork } from '../paid-work/paid-work';
import { servedOf } from '../paid-work/ingest-input';
import { imageProviderOf } from '../../core/providers/image-generate';

export interface RunContext {
  /** The call for the batch's model, to whichever provider serves it (./provider-images.ts). */
  api: QueueImages;
  work: PaidWork;
  store: JobStore;
  clock: Clock;
  timeoutMs: () => number;
  /** Persisted job changed: tell the renderer. */
  changed(job: StoredJob): void;
  /** True while the app shuts down: an abort then means "interrupted", not "cancelled". */
  disposing(): boolean;
}

const setTiles = (job: StoredJob, update: (t: Tile) => Tile) => (job.tiles = job.tiles.map((t) => (t.state === 'pending' ? update(t) : t)));

function failJob(ctx: RunContext, job: StoredJob, error: AppError): void {
  const cancelled = error.kind === 'cancelled';
  job.state = cancelled ? 'cancelled' : 'failed';
  job.finishedAt = ctx.clock.now();
  job.error = { kind: error.kind, message: cancelled ? CANCELLED_IN_FLIGHT : error.message };
  setTiles(job, (t) => ({ ...t, state: cancelled ? 'cancelled' : 'failed', reason: job.error?.message ?? null }));
  ctx.store.updateJob(job);
  ctx.changed(job);
}

export const doneTile = (record: LibraryRecord): Partial<Tile> =>
  ({ state: 'done', itemId: record.id, thumb: record.thumb, width: record.width, height: record.height, reason: null });

/** The job's end state from its tiles (after every tile has its outcome). */
export function settleJob(job: StoredJob, now: number): void {
  const states = job.tiles.map((t) => t.state);
  job.state = states.includes('blocked') ? 'partially-blocked' : states.some((s) => s !== 'done') ? 'failed' : 'succeeded';
  job.error = job.state === 'failed' ? { kind: 'storage', message: job.tiles.find((t) => t.state !== 'done' && t.state !== 'blocked')?.reason ?? 'Failed.' } : null;
  job.finishedAt = now;
}

/** Runs one job; resolves with what the scheduler should do next. Never rejects. */
export async function runJob(ctx: RunContext, batch: StoredBatch, job: StoredJob, signal: AbortSignal, release: () => void): Promise<TaskOutcome> {
  Object.assign(job, { state: 'running', startedAt: ctx.clock.now(), attempts: job.attempts + 1, error: null });
  ctx.store.updateJob(job);
  ctx.changed(job);
  // Paced by the scheduler (it takes the model's token before starting the job), so not here.
  const answer = await ctx.work.call('image', () => ctx.api.generateImages(
    {
      prompt: job.prompt, model: batch.model, n: job.n, response_format: 'b64_json',
      aspect_ratio: batch.aspectRatio as ImageAspectRatio, resolution: batch.resolution as ImageResolution,
      // 2.0 always gets an explicit quality (xai-imagine-api-updates.md §1 #5); other models never do (§6 #75).
      ...(batch.quality ? { quality: batch.quality as ImageQuality } : {}),
      ...(batch.subjectItemId ? { subjectItemId: batch.subjectItemId } : {}),
    },
    { signal, timeoutMs: ctx.timeoutMs() },
  ), { signal, disposing: ctx.disposing });
  if (!answer.ok) {
    const { failure } = answer;
    if (failure.type === 'interrupted') return { kind: 'done' }; // stays `running`: marked interrupted at next start
    if (failure.type === 'rate-limited') {
      // Not sent to generation by xAI, so not billed: back to the queue.
      Object.assign(job, { state: 'queued', startedAt: null });
      ctx.store.updateJob(job);
      return { kind: 'rate-limited', ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }) };
    }
    failJob(ctx, job, failure.type === 'cancelled' ? { kind: 'cancelled', message: 'Cancelled.' } : failure.error);
    return { kind: 'done' };
  }
  const result = answer.value;
  // From here on the request is billed: save what came back even if a cancel arrives meanwhile. The API is done
  // with us, so the next request may start while we save.
  release();
  const slots = await ctx.work.collect(result.items, job.tiles.length);
  const meta: StagedMeta = ctx.work.stamped({
    jobId: job.id, attempt: job.attempts, requestId: result.requestId ?? null, costTicks: result.costTicks,
    share: result.costTicks === null ? null : Math.round(result.costTicks / job.n), prompt: job.prompt, model: batch.model,
    ...(batch.originalPrompt ? { originalPrompt: batch.originalPrompt } : {}),
    params: { model: batch.model, n: job.n, aspect_ratio: batch.aspectRatio, resolution: batch.resolution, ...(batch.quality ? { quality: batch.quality } : {}) },
    ...servedOf(result, batch.quality),
    // Who made it (issue 18 §7): the provider whose model the batch names, and the seed it reported.
    provider: imageProviderOf(batch.model), operation: batch.subjectItemId ? 'subject-image' : 'generate', ...(result.seed === undefined ? {} : { seed: result.seed }),
    ...(batch.subjectItemId ? { subjectItemId: batch.subjectItemId } : {}),
    aspectRatio: batch.aspectRatio === 'auto' ? null : batch.aspectRatio, slots: slots.map((s) => s.slot), stagedAt: ctx.clock.now(),
  });
  const staged = await ctx.work.stage(meta, slots);
  job.requestId = meta.requestId;
  job.costTicks = result.costTicks;
  ctx.store.updateJob(job);
  // This request's share of the batch's estimate, so the ledger can set the bill against it (issue 15.5).
  const images = batch.n * batch.prompts.length;
  ctx.work.record('image', job.id, result.costTicks, images > 0 ? { estimate: Math.round((batch.estimateTicks * job.n) / images) } : {});
  for (const [i, { slot, bytes }] of slots.entries()) {
    let patch: Partial<Tile>;
    if (slot === 'missing') patch = { state: 'failed', reason: FEWER_THAN_ASKED };
    else if (slot === 'blocked') patch = { state: 'blocked', reason: BLOCKED_EXPLANATION };
    else if (!bytes) patch = { state: 'failed', reason: LINK_NOT_DOWNLOADED };
    else {
      const filed = await ctx.work.file(meta, i, bytes, staged);
      patch = filed.state === 'done' ? doneTile(filed.record) : { state: 'failed', reason: filed.reason };
    }
    job.tiles[i] = { ...(job.tiles[i] as Tile), ...patch };
    ctx.store.updateJob(job);
    ctx.changed(job);
  }
  settleJob(job, ctx.clock.now());
  ctx.store.updateJob(job);
  ctx.changed(job);
  return { kind: 'done' };
}
