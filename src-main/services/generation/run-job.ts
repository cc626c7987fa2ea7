/**
 * One request of the queue, start to finish: send it, write the paid images to the staging area the moment the
 * answer arrives (before anything else), then file each in the library and drop its staged copy, and record
 * blocked slots as blocked tiles. Rate limits are handed back to the scheduler, which waits and runs the job again;
 * they never fail a job. A crash after the answer leaves the staged images for `recoverStaged` at the next start.
 */
import type { AppError, LibraryQueryInput, LibraryRecord, Tile } from '@contract';
import { toAppError } from '../../core/app-error';
import { billedFailure } from '../../core/jobs/billed-failure';
import type { JobStore } from '../../core/jobs/job-store';
import { describeStorageError } from '../../core/storage-error';
import type { ResultStaging, StagedMeta, StagedSlot } from '../../core/jobs/result-staging';
import type { StoredBatch, StoredJob } from '../../core/jobs/types';
import type { Clock, Logger } from '../../core/ports';
import type { TaskOutcome } from '../../core/scheduler/scheduler';
import type { ImageAspectRatio, ImageItem, ImageQuality, ImageResolution, ImageResult, ImagineApi } from '../../core/xai';
import type { IngestInput } from '../library/ingest';

/** The part of the library service generation needs; `query`/`records` let recovery find items filed just before a crash. */
export interface LibraryIngest {
  ingest(input: IngestInput): Promise<LibraryRecord>;
  query?(input: LibraryQueryInput): { ids: string[] };
  records?(ids: readonly string[]): LibraryRecord[];
  /**
   * Resolves when the library's start-up check has run (it adopts items a crashed process saved up to their
   * sidecar but not their row): staged recovery waits for it, so it never files such an image a second time.
   */
  checked?(): Promise<void>;
}

export interface RunContext {
  api: ImagineApi;
  store: JobStore;
  library: LibraryIngest;
  staging: ResultStaging;
  clock: Clock;
  logger: Logger;
  timeoutMs: () => number;
  /** Persisted job changed: tell the renderer. */
  changed(job: StoredJob): void;
  /** The request was billed this much. */
  spent(job: StoredJob, ticks: number): void;
  /** True while the app shuts down: an abort then means "interrupted", not "cancelled". */
  disposing(): boolean;
  /** Demo mode on: what is staged now is marked demo (filed only into the demo library). Default: never. */
  demo?(): boolean;
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

/** Why an image could not be saved, in words. */
export function savingProblem(err: unknown): string {
  return describeStorageError(err) ?? toAppError(err).message;
}

export const keptForLater = (problem: string) =>
  `The image arrived but could not be saved: ${problem}. It is kept and will be saved the next time Imagine Studio starts.`;
export const notKept = (problem: string) => `The image arrived but could not be saved: ${problem}.`;

/** The library refused the bytes themselves (not an image): keeping them for another try would not help. */
export const refusedBytes = (err: unknown) => toAppError(err).kind === 'validation';

/**
 * Who served a response and at what quality, for the staged meta (issue 15.5): the response's `model` when it names
 * one (xai-imagine-api-updates.md §1 #3, §7 Q3), the quality that was sent (`auto` is never sent, §1 #5).
 */
export function servedOf(result: Pick<ImageResult, 'model'>, quality: string | null | undefined): Pick<StagedMeta, 'servedModel' | 'servedQuality'> {
  return { ...(result.model ? { servedModel: result.model } : {}), ...(quality ? { servedQuality: quality } : {}) };
}

/** Served model, quality and the request's whole bill on the item, from a staged meta. */
const served = (meta: StagedMeta): Pick<IngestInput, 'servedModel' | 'servedQuality' | 'billedTicks'> => ({
  servedModel: meta.servedModel ?? null, servedQuality: meta.servedQuality ?? null, billedTicks: meta.costTicks,
});

/** The library ingest of one paid image (slot `index`), from the job or from a staged meta alone. */
export function ingestInputOf(meta: StagedMeta, bytes: Uint8Array, index = 0): IngestInput {
  if (meta.kind === 'edit' && meta.edit) {
    return {
      bytes, kind: 'image', origin: 'edited', prompt: meta.edit.revisedPrompts[index] ?? meta.prompt, editInstruction: meta.edit.instruction,
      model: meta.model, params: meta.params, costTicks: meta.share, requestId: meta.requestId, sourceJobId: meta.jobId, ...served(meta),
      parents: meta.edit.parents.map((parentId) => ({ kind: 'edited-from' as const, parentId })),
    };
  }
  return {
    bytes, kind: 'image', origin: 'generated', prompt: meta.prompt, model: meta.model, params: meta.params,
    aspectRatio: meta.aspectRatio, costTicks: meta.share, requestId: meta.requestId, moderation: 'passed', sourceJobId: meta.jobId,
    ...served(meta),
  };
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

/** Downloads URL items (the queue asks for b64, so normally none), then stages every image. Never throws. */
async function stage(ctx: RunContext, batch: StoredBatch, job: StoredJob, result: ImageResult): Promise<{ meta: StagedMeta; bytes: (Uint8Array | null)[]; staged: boolean }> {
  const slots: StagedSlot[] = job.tiles.map((_, i) => (result.items[i] ? (result.items[i].ok ? 'image' : 'blocked') : 'missing'));
  const meta: StagedMeta = {
    jobId: job.id, attempt: job.attempts, requestId: result.requestId ?? null, costTicks: result.costTicks,
    share: result.costTicks === null ? null : Math.round(result.costTicks / job.n), prompt: job.prompt, model: batch.model,
    params: { model: batch.model, n: job.n, aspect_ratio: batch.aspectRatio, resolution: batch.resolution, ...(batch.quality ? { quality: batch.quality } : {}) },
    ...servedOf(result, batch.quality),
    aspectRatio: batch.aspectRatio === 'auto' ? null : batch.aspectRatio, slots, stagedAt: ctx.clock.now(),
    ...(ctx.demo?.() ? { demo: true } : {}),
  };
  const bytes = await Promise.all(job.tiles.map(async (_, i) => {
    const item = result.items[i] as ImageItem | undefined;
    if (!item?.ok) return null;
    return item.bytes ?? (await ctx.api.download(item.url as string).then((d) => d.bytes, () => null));
  }));
  const images = bytes.flatMap((b, index) => (b ? [{ index, bytes: b, mime: (result.items[index] as { mime?: string }).mime ?? 'image/jpeg' }] : []));
  if (images.length === 0) return { meta, bytes, staged: false };
  try {
    const t0 = ctx.clock.now();
    await ctx.staging.put({ meta, images });
    ctx.logger.info('generation: result staged', { jobId: job.id, requestId: meta.requestId, images: images.length, ms: ctx.clock.now() - t0 });
    return { meta, bytes, staged: true };
  } catch (err) {
    // Still try the library: the bytes are in memory, and its disk may be fine.
    ctx.logger.error('generation: could not stage a paid result', { jobId: job.id, problem: savingProblem(err) });
    return { meta, bytes, staged: false };
  }
}

/** Runs one job; resolves with what the scheduler should do next. Never rejects. */
export async function runJob(ctx: RunContext, batch: StoredBatch, job: StoredJob, signal: AbortSignal, release: () => void): Promise<TaskOutcome> {
  Object.assign(job, { state: 'running', startedAt: ctx.clock.now(), attempts: job.attempts + 1, error: null });
  ctx.store.updateJob(job);
  ctx.changed(job);
  let result: ImageResult;
  try {
    result = await ctx.api.generateImages(
      {
        prompt: job.prompt, model: batch.model, n: job.n, response_format: 'b64_json',
        aspect_ratio: batch.aspectRatio as ImageAspectRatio, resolution: batch.resolution as ImageResolution,
        // 2.0 always gets an explicit quality (xai-imagine-api-updates.md §1 #5); other models never do (§6 #75).
        ...(batch.quality ? { quality: batch.quality as ImageQuality } : {}),
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
    // A timeout, a broken connection, a 5xx or an unreadable answer may have been billed: say so (never resent).
    failJob(ctx, job, signal.aborted ? { kind: 'cancelled', message: 'Cancelled.' } : billedFailure(error, 'image'));
    return { kind: 'done' };
  }
  // From here on the request is billed: save what came back even if a cancel arrives meanwhile. The API is done
  // with us, so the next request may start while we save.
  release();
  const { meta, bytes, staged } = await stage(ctx, batch, job, result);
  job.requestId = meta.requestId;
  job.costTicks = result.costTicks;
  ctx.store.updateJob(job);
  if (result.costTicks !== null) ctx.spent(job, result.costTicks);
  for (let i = 0; i < job.tiles.length; i++) {
    const slot = meta.slots[i];
    const data = bytes[i];
    let patch: Partial<Tile>;
    if (slot === 'missing') patch = { state: 'failed', reason: 'xAI returned fewer images than were asked for.' };
    else if (slot === 'blocked') patch = { state: 'blocked', reason: BLOCKED_EXPLANATION };
    else if (!data) patch = { state: 'failed', reason: 'The image arrived as a link that could not be downloaded.' };
    else {
      try {
        patch = doneTile(await ctx.library.ingest(ingestInputOf(meta, data, i)));
        if (staged) await ctx.staging.remove(job.id, meta.attempt, i).catch(() => {});
      } catch (err) {
        const problem = savingProblem(err);
        const keep = staged && !refusedBytes(err);
        if (staged && !keep) await ctx.staging.remove(job.id, meta.attempt, i).catch(() => {});
        patch = { state: 'failed', reason: keep ? keptForLater(problem) : notKept(problem) };
      }
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
