/**
 * Start-up: files every result a previous process staged but did not finish saving (killed after the answer
 * arrived, or the library's disk was full), so paid work is never reported lost while its bytes sit on disk. The
 * steps are the same for every kind of work and live here; what a kind adds (which job a result belongs to, how its
 * spend is recorded once, how its own record learns the outcome) comes from its `RecoveryKind`, keyed by
 * `meta.kind` (image batches: services/generation/image-recovery.ts; edits: services/edit/edit-recovery.ts).
 *
 * A staged result already filed (the crash came between the library row and the staging clean-up) is only dropped;
 * one the library adopted from its sidecar, or filed just before the crash, is found by its request id and not
 * filed twice. A result staged in demo mode waits for demo mode (and a real one for real mode), so demo and real
 * work never mix in one library.
 */
import type { LibraryRecord } from '@contract';
import type { ResultStaging, StagedMeta, StagedResult } from '../../core/jobs/result-staging';
import { DAMAGED_STAGED_COPY, keptForLater, refusedBytes, savingProblem } from '../../core/paid-work/words';
import type { Logger } from '../../core/ports';
import { contentHash } from '../library/content-hash';
import { ingestInputOf } from './ingest-input';
import type { LibraryIngest } from './library-ingest';

/** What one kind of work does around the shared recovery of one staged result. */
export interface RecoveryKind {
  /** The result as it is filed now (e.g. an edit drops parents deleted meanwhile). */
  prepare?(staged: StagedResult): StagedResult;
  /** Starts recovering one result: records its spend once and says what its own record knows. */
  begin(meta: StagedMeta): RecoveryTarget;
}

/** The kind's own record of one staged result (a job's tiles, or nothing for an edit). */
export interface RecoveryTarget {
  /** Slot `index` is filed already and its staged copy only needs dropping. */
  filed(index: number): boolean;
  /** Library items its record already points at (not to be adopted for another slot). */
  known(): Set<string>;
  done(index: number, record: LibraryRecord): void;
  failed(index: number, reason: string): void;
  /** Every staged image has its outcome. */
  finish(): void;
}

export interface RecoveryDeps {
  staging: ResultStaging;
  library: LibraryIngest;
  logger: Logger;
  /** Demo mode on now (default: never): only results staged in the same mode are filed. */
  demo?(): boolean;
  /** What each kind of work adds; a kind not given (video, when no video journal is open) stays staged for later. */
  kinds: { image: RecoveryKind; edit: RecoveryKind; video?: RecoveryKind };
}

/**
 * Library items of this response its record does not point at: filed by the crashed process just before it died
 * (after the row, before its record was updated), or adopted by the library's reconcile from their sidecar. Oldest
 * first.
 */
function filedUnrecorded(library: LibraryIngest, meta: StagedMeta, known: Set<string>): LibraryRecord[] {
  if (!library.query || !library.records || meta.requestId === null) return [];
  const kind = meta.kind === 'video' ? 'video' : 'image';
  const { ids } = library.query({ filter: { kind, from: meta.stagedAt - 60_000, trashed: false }, sort: 'oldest', limit: 500 });
  return library.records(ids).filter((r) => r.sourceJobId === meta.jobId && r.requestId === meta.requestId && !known.has(r.id));
}

/**
 * Which of those items holds which staged result: the one with the same content hash (the library hashes the bytes
 * as they arrived). Not by slot order: a crash after slot 0 was filed and its staged copy dropped, but before the
 * job recorded it, leaves slot 0's item unrecorded while slots 1… are still staged — taking "the lowest open slot"
 * then marked slot 1 as filed and dropped its bytes (the crash trials' one lost image, received 81 ms before a kill).
 * An item without a hash (none is filed without one today) is matched in order, as before.
 */
async function adoptionOf(filed: LibraryRecord[], staged: StagedResult): Promise<Map<number, LibraryRecord>> {
  const byIndex = new Map<number, LibraryRecord>();
  const left = [...filed];
  for (const image of staged.images) {
    const hash = await contentHash(image.bytes);
    const at = left.findIndex((r) => r.contentHash === hash);
    const match = at >= 0 ? at : left.findIndex((r) => !r.contentHash);
    if (match >= 0) byIndex.set(image.index, left.splice(match, 1)[0] as LibraryRecord);
  }
  return byIndex;
}

async function recoverOne(deps: RecoveryDeps, original: StagedResult): Promise<{ saved: number; kept: number }> {
  const kind = deps.kinds[original.meta.kind ?? 'image'];
  if (!kind) return { saved: 0, kept: original.images.length };
  const staged = kind.prepare?.(original) ?? original;
  const { meta } = staged;
  const remove = (index: number) => deps.staging.remove(meta.jobId, meta.attempt, index);
  const target = kind.begin(meta);
  let saved = 0;
  let kept = 0;
  const filed = filedUnrecorded(deps.library, meta, target.known());
  const adopted = filed.length > 0 ? await adoptionOf(filed, staged) : new Map<number, LibraryRecord>();
  for (const image of staged.images) {
    if (target.filed(image.index)) {
      await remove(image.index);
      continue;
    }
    const already = adopted.get(image.index);
    if (already) {
      target.done(image.index, already);
      await remove(image.index);
      saved++;
      continue;
    }
    try {
      const record = await deps.library.ingest(ingestInputOf(meta, image.bytes, image.index));
      target.done(image.index, record);
      await remove(image.index);
      saved++;
    } catch (err) {
      // Bytes the library refuses (a copy damaged by a power cut before its flush) are dropped, not kept forever.
      const damaged = refusedBytes(err);
      const reason = damaged ? DAMAGED_STAGED_COPY : keptForLater(savingProblem(err));
      if (damaged) await remove(image.index);
      else kept++;
      target.failed(image.index, reason);
      deps.logger.warn('paid-work: a staged result could not be saved', { kind: meta.kind ?? 'image', jobId: meta.jobId, index: image.index, reason });
    }
  }
  // Items filed whose staged copy is gone already (the crash came after the drop, before the record): they belong to
  // the open slots that are no longer staged, in slot order — so the job shows them instead of "interrupted".
  const rest = filed.filter((r) => ![...adopted.values()].includes(r));
  const stagedIndexes = new Set(staged.images.map((i) => i.index));
  meta.slots.forEach((slot, index) => {
    if (rest.length === 0 || slot === 'blocked' || slot === 'missing' || stagedIndexes.has(index) || target.filed(index)) return;
    target.done(index, rest.shift() as LibraryRecord);
  });
  target.finish();
  return { saved, kept };
}

/** Files every staged result; never throws (a result that cannot be saved stays staged for the next start). */
export async function recoverStaged(deps: RecoveryDeps): Promise<{ saved: number; kept: number }> {
  const total = { saved: 0, kept: 0 };
  const results = await deps.staging.list().catch((err: unknown) => {
    deps.logger.error('paid-work: could not read the staging folder', { error: String(err) });
    return [] as StagedResult[];
  });
  const demo = deps.demo?.() ?? false;
  // Only after a crash is anything staged; then the library's background check goes first (see `checked`).
  if (results.length > 0) await deps.library.checked?.().catch(() => {});
  for (const staged of results) {
    if ((staged.meta.demo === true) !== demo) {
      deps.logger.info('paid-work: a staged result waits for its mode', { jobId: staged.meta.jobId, demo: staged.meta.demo === true });
      continue;
    }
    const r = await recoverOne(deps, staged).catch((err: unknown) => {
      deps.logger.error('paid-work: staged result recovery failed', { jobId: staged.meta.jobId, error: String(err) });
      return { saved: 0, kept: staged.images.length };
    });
    total.saved += r.saved;
    total.kept += r.kept;
  }
  if (total.saved + total.kept > 0) deps.logger.info('paid-work: staged results recovered', total);
  return total;
}
