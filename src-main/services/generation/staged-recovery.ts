/**
 * Start-up: files every image a previous process staged but did not finish saving (killed after the answer arrived,
 * or the library's disk was full), so a paid request is never reported lost while its images sit on disk. Runs
 * after `markInterrupted` and before the queue resumes; a job it completes turns from interrupted (or failed to
 * save) into succeeded. A staged image whose job already shows it saved is only dropped (the crash came between
 * the library row and the staging clean-up). Edits stage the same way (`meta.kind` 'edit', no job row): their images
 * are filed with their `edited-from` links and their cost recorded once. A result staged in demo mode waits for demo
 * mode (and a real one for real mode), so demo and real work never mix in one library.
 */
import type { LibraryRecord, Tile } from '@contract';
import type { JobStore } from '../../core/jobs/job-store';
import type { ResultStaging, StagedResult } from '../../core/jobs/result-staging';
import type { StoredJob } from '../../core/jobs/types';
import type { Clock, Logger } from '../../core/ports';
import { BLOCKED_EXPLANATION, doneTile, ingestInputOf, keptForLater, refusedBytes, savingProblem, settleJob, type LibraryIngest } from './run-job';

export interface RecoveryDeps {
  store: JobStore;
  staging: ResultStaging;
  library: LibraryIngest;
  clock: Clock;
  logger: Logger;
  /** Spend of a response whose cost never reached the ledger. */
  spent(job: StoredJob, ticks: number): void;
  /** An edit's cost, unless the ledger has it already (the crash came after it was recorded). */
  editSpent?(editId: string, ticks: number, demo: boolean): void;
  changed(job: StoredJob): void;
  /** Demo mode on now (default: never): only results staged in the same mode are filed. */
  demo?(): boolean;
}

/** Jobs whose tiles recovery may fill: ended by the crash or by a failed save, on the attempt that was staged. */
const reopenable = (job: StoredJob | undefined, staged: StagedResult): job is StoredJob =>
  !!job && job.attempts === staged.meta.attempt && (job.state === 'interrupted' || (job.state === 'failed' && job.error?.kind === 'storage'));

/**
 * Library items of this response that no tile points at: filed by the crashed process just before it died (after
 * the row, before the job was updated), or adopted by the library's reconcile from their sidecar. Images are filed
 * in tile order, so these belong to the lowest tiles still open. Oldest first.
 */
function filedUnrecorded(deps: RecoveryDeps, staged: StagedResult, job: StoredJob | undefined): LibraryRecord[] {
  const { library } = deps;
  if (!library.query || !library.records || staged.meta.requestId === null) return [];
  const { ids } = library.query({ filter: { kind: 'image', from: staged.meta.stagedAt - 60_000, trashed: false }, sort: 'oldest', limit: 500 });
  const known = new Set(job?.tiles.map((t) => t.itemId).filter(Boolean));
  return library.records(ids).filter((r) => r.sourceJobId === staged.meta.jobId && r.requestId === staged.meta.requestId && !known.has(r.id));
}

/** An edit's parents that are still in the library: a parent deleted meanwhile must not fail the ingest of a paid image. */
function liveParents(deps: RecoveryDeps, staged: StagedResult): StagedResult {
  const edit = staged.meta.edit;
  if (staged.meta.kind !== 'edit' || !edit || !deps.library.records) return staged;
  const live = new Set(deps.library.records(edit.parents).map((r) => r.id));
  return { ...staged, meta: { ...staged.meta, edit: { ...edit, parents: edit.parents.filter((id) => live.has(id)) } } };
}

async function recoverOne(deps: RecoveryDeps, original: StagedResult): Promise<{ saved: number; kept: number }> {
  const staged = liveParents(deps, original);
  const { meta } = staged;
  if (meta.kind === 'edit' && meta.costTicks !== null) deps.editSpent?.(meta.jobId, meta.costTicks, meta.demo === true);
  const found = deps.store.getJob(meta.jobId);
  const job = reopenable(found, staged) ? found : undefined;
  let saved = 0;
  let kept = 0;
  const filed = filedUnrecorded(deps, staged, found?.attempts === meta.attempt ? found : undefined);
  for (const image of staged.images) {
    const tile = found?.attempts === meta.attempt ? found.tiles[image.index] : undefined;
    if (tile?.state === 'done' && tile.itemId) {
      await deps.staging.remove(meta.jobId, meta.attempt, image.index);
      continue;
    }
    const already = filed.shift();
    if (already) {
      if (job) job.tiles[image.index] = { ...(job.tiles[image.index] as Tile), ...doneTile(already) };
      await deps.staging.remove(meta.jobId, meta.attempt, image.index);
      saved++;
      continue;
    }
    try {
      const record = await deps.library.ingest(ingestInputOf(meta, image.bytes, image.index));
      if (job) job.tiles[image.index] = { ...(job.tiles[image.index] as Tile), ...doneTile(record) };
      await deps.staging.remove(meta.jobId, meta.attempt, image.index);
      saved++;
    } catch (err) {
      // Bytes the library refuses (a copy damaged by a power cut before its flush) are dropped, not kept forever.
      const damaged = refusedBytes(err);
      const reason = damaged
        ? 'The saved copy of this image was damaged (the computer may have lost power before it was written out); it could not be recovered.'
        : keptForLater(savingProblem(err));
      if (damaged) await deps.staging.remove(meta.jobId, meta.attempt, image.index);
      else kept++;
      if (job) job.tiles[image.index] = { ...(job.tiles[image.index] as Tile), state: 'failed', reason };
      deps.logger.warn('generation: a staged image could not be saved', { jobId: meta.jobId, index: image.index, reason });
    }
  }
  if (!job) return { saved, kept };
  // Slots that were never staged: blocked or missing in the answer, or an image the library already had.
  meta.slots.forEach((slot, i) => {
    const t = job.tiles[i] as Tile;
    if (t.state === 'done' || t.state === 'failed') return;
    if (slot === 'blocked') job.tiles[i] = { ...t, state: 'blocked', reason: BLOCKED_EXPLANATION };
    else if (slot === 'missing') job.tiles[i] = { ...t, state: 'failed', reason: 'xAI returned fewer images than were asked for.' };
  });
  if (job.costTicks === null && meta.costTicks !== null) {
    // The crash came before the cost was recorded (it is written right after staging).
    job.costTicks = meta.costTicks;
    deps.spent(job, meta.costTicks);
  }
  job.requestId ??= meta.requestId;
  // A slot whose image was never staged (the kill cut the staging itself) stays interrupted, and so does the job:
  // it is not a save that failed, and Retry is the way to get that image.
  if (job.tiles.some((t) => t.state === 'interrupted')) job.finishedAt = deps.clock.now();
  else settleJob(job, deps.clock.now());
  deps.store.updateJob(job);
  deps.changed(job);
  return { saved, kept };
}

/** Files every staged result; never throws (a result that cannot be saved stays staged for the next start). */
export async function recoverStaged(deps: RecoveryDeps): Promise<{ saved: number; kept: number }> {
  const total = { saved: 0, kept: 0 };
  const results = await deps.staging.list().catch((err: unknown) => {
    deps.logger.error('generation: could not read the staging folder', { error: String(err) });
    return [] as StagedResult[];
  });
  const demo = deps.demo?.() ?? false;
  // Only after a crash is anything staged; then the library's background check goes first (see `checked`).
  if (results.length > 0) await deps.library.checked?.().catch(() => {});
  for (const staged of results) {
    if ((staged.meta.demo === true) !== demo) {
      deps.logger.info('generation: a staged result waits for its mode', { jobId: staged.meta.jobId, demo: staged.meta.demo === true });
      continue;
    }
    const r = await recoverOne(deps, staged).catch((err: unknown) => {
      deps.logger.error('generation: staged result recovery failed', { jobId: staged.meta.jobId, error: String(err) });
      return { saved: 0, kept: staged.images.length };
    });
    total.saved += r.saved;
    total.kept += r.kept;
  }
  if (total.saved + total.kept > 0) deps.logger.info('generation: staged results recovered', total);
  return total;
}
