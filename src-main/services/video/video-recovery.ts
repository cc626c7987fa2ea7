/**
 * Video's part in start-up recovery (the steps are services/paid-work/recovery.ts): a downloaded video staged by a
 * process that died before filing it belongs to a journal row, which the filed item completes. Its spend was
 * recorded when xAI reported the cost (and again, once, by the video service's resume), so nothing here. Lineage
 * goes only to parents still in the library.
 */
import type { LibraryRecord } from '@contract';
import type { Clock } from '../../core/ports';
import type { VideoJobStore } from '../../core/video/video-job';
import type { RecoveryKind } from '../paid-work/recovery';

export function videoRecovery(deps: { store: VideoJobStore; clock: Clock; records?(ids: readonly string[]): LibraryRecord[] }): RecoveryKind {
  return {
    prepare(staged) {
      const video = staged.meta.video;
      if (!video || !deps.records) return staged;
      const live = new Set(deps.records(video.parents.map((p) => p.parentId)).map((r) => r.id));
      return { ...staged, meta: { ...staged.meta, video: { ...video, parents: video.parents.filter((p) => live.has(p.parentId)) } } };
    },
    begin(meta) {
      const job = deps.store.get(meta.jobId);
      return {
        filed: () => job?.state === 'done' && job.itemId !== null,
        known: () => new Set(job?.itemId ? [job.itemId] : []),
        done(_index, record) {
          // Also a job that failed to save (its video was kept staged): the video is in the library now.
          if (!job || job.state === 'done' || job.state === 'cancelled') return;
          const now = deps.clock.now();
          deps.store.update(job.id, { state: 'done', itemId: record.id, progress: 100, reason: null, note: null, updatedAt: now, finishedAt: now });
        },
        failed() {
          // The job stays as it was: still downloading, its runner tries again (the link lives 24 h).
        },
        finish() {},
      };
    },
  };
}
