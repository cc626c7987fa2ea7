import path from 'node:path';
import type { ImageOpJournal, StoredImageOpJob } from '../../core/jobs/image-op-job';
import { SqliteJournal } from '../sqlite/sqlite-journal';

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE image_op_jobs (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    remote_id TEXT,
    data TEXT NOT NULL
  );
  CREATE INDEX image_op_jobs_state ON image_op_jobs (state, seq);
  `,
];

/** The journal of polled image operations of a data folder (`<dataDir>/image-op-jobs.db`), beside the video journal. */
export function createImageOpJournal(dataDir: string): ImageOpJournal {
  return new SqliteJournal<StoredImageOpJob>(path.join(dataDir, 'image-op-jobs.db'), {
    label: 'The image operations journal', table: 'image_op_jobs', idColumn: 'remote_id', migrations: MIGRATIONS, remoteId: (j) => j.remoteId,
  });
}
