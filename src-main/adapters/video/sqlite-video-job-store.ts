/**
 * The video job journal in its own SQLite file, `<dataDir>/video-jobs.db` (the shared journal adapter,
 * ../sqlite/sqlite-journal.ts).
 */
import { SqliteJournal } from '../sqlite/sqlite-journal';
import type { StoredVideoJob, VideoJobPatch, VideoJobStore } from '../../core/video/video-job';

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE video_jobs (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    video_request_id TEXT,
    data TEXT NOT NULL
  );
  CREATE INDEX video_jobs_state ON video_jobs (state, seq);
  `,
];

/** `VideoJobStore` on node:sqlite. */
export class SqliteVideoJobStore extends SqliteJournal<StoredVideoJob, VideoJobPatch> implements VideoJobStore {
  constructor(file: string) {
    super(file, { label: 'The video journal', table: 'video_jobs', idColumn: 'video_request_id', migrations: MIGRATIONS, remoteId: (j) => j.videoRequestId });
  }
}
