/**
 * One request of the queue, start to finish: send it, then save every image the moment the answer arrives (the
 * library's ingest writes the bytes first), and record blocked slots as blocked tiles. Rate limits are handed back to
 * the scheduler, which waits and runs the job again; they never fail a job.
 */
import type { AppError, LibraryRecord, Tile } from '@contract';
import { toAppError } from '../../core/app-error';
import type { JobStore } from '../../core/jobs/job-store';
import type { StoredBatch, StoredJob } from '../../core/jobs/types';
import type { Clock } from '../../core/ports';
import type { TaskOutcome } from '../../core/scheduler/scheduler';
import type { ImageAspectRatio, ImageItem, ImageResolution, ImagineApi } from '../../core/xai';
import type { IngestInput } from '../library/ingest';

/** The part of the library service generation needs. */
export interface LibraryIngest {
  ingest(input: IngestInput): Promise<LibraryRecord>;
}

export interface RunContext {
  api: ImagineApi;
  store: JobStore;
  library: LibraryIngest;
  clock: Clock;
  timeoutMs: () => number;
  /** Persisted job changed: tell the renderer. */
  changed(job: StoredJob): void;
  /** The request was billed this much. */
  spent(job: StoredJob, ticks: number): void;
  /** True while the app shuts down: an abort then means "interrupted", not "cancelled". */
  disposing(): boolean;
}

export const BLOCKED_EXPLANATION =
  "xAI's content policy withheld this image. Retrying the same prompt will most likely be blocked again; rephrase it instead.";
export const CANCELLED_IN_FLIGHT = 'Cancelled while xAI was working on it; xAI may still bill the request.';

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

async function saveItem(ctx: RunContext, batch: StoredBatch, job: StoredJob, item: ImageItem, share: number | null): Promise<Partial<Tile>> {
  if (!item.ok) return { state: 'blocked', reason: BLOCKED_EXPLANATION };
  try {
    const bytes = item.bytes ?? (await ctx.api.download(item.url as string)).bytes;
    const record = await ctx.library.ingest({
      bytes, kind: 'image', origin: 'generated', prompt: job.prompt, model: batch.model,
      params: { model: batch.model, n: job.n, aspect_ratio: batch.aspectRatio, resolution: batch.resolution },
      aspectRatio: batch.aspectRatio === 'auto' ? null : batch.aspectRatio,
      costTicks: share, requestId: job.requestId, moderation: 'passed', sourceJobId: job.id,
    });
    return { state: 'done', itemId: record.id, thumb: record.thumb, width: record.width, height: record.height, reason: null };
  } catch (err) {
    return { state: 'failed', reason: `The image arrived but could not be saved: ${toAppError(err).message}` };
  }
}

/** Runs one job; resolves with what the scheduler should do next. Never rejects. */
export async function runJob(ctx: RunContext, batch: StoredBatch, job: StoredJob, signal: AbortSignal, release: () => void): Promise<TaskOutcome> {
  Object.assign(job, { state: 'running', startedAt: ctx.clock.now(), attempts: job.attempts + 1, error: null });
  ctx.store.updateJob(job);
  ctx.changed(job);
  let result;
  try {
    result = await ctx.api.generateImages(
      {
        prompt: job.prompt, model: batch.model, n: job.n, response_format: 'b64_json',
        aspect_ratio: batch.aspectRatio as ImageAspectRatio, resolution: batch.resolution as ImageResolution,
      },
      { signal, timeoutMs: ctx.timeoutMs() },
    );
  } catch (err) {
    const error = toAppError(err);
    if (signal.aborted && ctx.disposing()) return { kind: 'done' }; // stays `running`: marked interrupted at next start
    if (error.kind === 'rate-limited' && !signal.aborted) {
      // Not sent to generation by xAI, so not billed: back to the queue.
      Object.assign(job, { state: 'queued', startedAt: null });
      ctx.store.updateJob(job);
      return { kind: 'rate-limited', ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }) };
    }
    failJob(ctx, job, signal.aborted ? { kind: 'cancelled', message: 'Cancelled.' } : error);
    return { kind: 'done' };
  }
  // From here on the request is billed: save what came back even if a cancel arrives meanwhile. The API is done
  // with us, so the next request may start while we save.
  release();
  job.requestId = result.requestId ?? null;
  job.costTicks = result.costTicks;
  if (result.costTicks !== null) ctx.spent(job, result.costTicks);
  const share = result.costTicks === null ? null : Math.round(result.costTicks / job.n);
  for (let i = 0; i < job.tiles.length; i++) {
    const item = result.items[i];
    const patch = item
      ? await saveItem(ctx, batch, job, item, share)
      : { state: 'failed' as const, reason: 'xAI returned fewer images than were asked for.' };
    job.tiles[i] = { ...(job.tiles[i] as Tile), ...patch };
    ctx.store.updateJob(job);
    ctx.changed(job);
  }
  const states = job.tiles.map((t) => t.state);
  job.state = states.includes('blocked') ? 'partially-blocked' : states.includes('failed') ? 'failed' : 'succeeded';
  if (job.state === 'failed') job.error = { kind: 'storage', message: job.tiles.find((t) => t.state === 'failed')?.reason ?? 'Failed.' };
  job.finishedAt = ctx.clock.now();
  ctx.store.updateJob(job);
  ctx.changed(job);
  return { kind: 'done' };
}
