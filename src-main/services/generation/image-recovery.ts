/**
 * The image queue's part in start-up recovery (the steps are services/paid-work/recovery.ts): a staged answer
 * belongs to a job's attempt; the tiles it fills turn the job from interrupted (or failed to save) into succeeded,
 * and its cost is recorded unless the job already has it.
 */
import type { Tile } from '@contract';
import type { JobStore } from '../../core/jobs/job-store';
import type { StagedMeta } from '../../core/jobs/result-staging';
import type { StoredJob } from '../../core/jobs/types';
import { BLOCKED_EXPLANATION, FEWER_THAN_ASKED } from '../../core/paid-work/words';
import type { Clock } from '../../core/ports';
import type { RecoveryKind } from '../paid-work/recovery';
import { doneTile, settleJob } from './run-job';

/** Jobs whose tiles recovery may fill: ended by the crash or by a failed save, on the attempt that was staged. */
const reopenable = (job: StoredJob | undefined, meta: StagedMeta): job is StoredJob =>
  !!job && job.attempts === meta.attempt && (job.state === 'interrupted' || (job.state === 'failed' && job.error?.kind === 'storage'));

export function imageRecovery(deps: {
  store: JobStore;
  clock: Clock;
  /** Spend of a response whose cost never reached the ledger. */
  spent(job: StoredJob, ticks: number): void;
  changed(job: StoredJob): void;
}): RecoveryKind {
  return {
    begin(meta) {
      const found = deps.store.getJob(meta.jobId);
      const same = found?.attempts === meta.attempt ? found : undefined;
      const job = reopenable(found, meta) ? found : undefined;
      const patch = (index: number, p: Partial<Tile>) => {
        if (job) job.tiles[index] = { ...(job.tiles[index] as Tile), ...p };
      };
      return {
        filed: (index) => same?.tiles[index]?.state === 'done' && !!same.tiles[index]?.itemId,
        known: () => new Set(same?.tiles.flatMap((t) => (t.itemId ? [t.itemId] : [])) ?? []),
        done: (index, record) => patch(index, doneTile(record)),
        failed: (index, reason) => patch(index, { state: 'failed', reason }),
        finish() {
          if (!job) return;
          // Slots that were never staged: blocked or missing in the answer, or an image the library already had.
          meta.slots.forEach((slot, i) => {
            const t = job.tiles[i] as Tile;
            if (t.state === 'done' || t.state === 'failed') return;
            if (slot === 'blocked') job.tiles[i] = { ...t, state: 'blocked', reason: BLOCKED_EXPLANATION };
            else if (slot === 'missing') job.tiles[i] = { ...t, state: 'failed', reason: FEWER_THAN_ASKED };
          });
          if (job.costTicks === null && meta.costTicks !== null) {
            // The crash came before the cost was recorded (it is written right after staging).
            job.costTicks = meta.costTicks;
            deps.spent(job, meta.costTicks);
          }
          job.requestId ??= meta.requestId;
          // A slot whose image was never staged (the kill cut the staging itself) stays interrupted, and so does the
          // job: it is not a save that failed, and Retry is the way to get that image.
          if (job.tiles.some((t) => t.state === 'interrupted')) job.finishedAt = deps.clock.now();
          else settleJob(job, deps.clock.now());
          deps.store.updateJob(job);
          deps.changed(job);
        },
      };
    },
  };
}
