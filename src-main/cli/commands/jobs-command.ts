import { existsSync } from 'node:fs';
import path from 'node:path';
import { SqliteJobStore } from '../../adapters/jobs/sqlite-job-store';
import type { Output } from '../context';

/** `imagine jobs`: the image queue's batches and jobs as the app keeps them in `jobs.db` (read as they are now). */
export function jobsCommand(out: Output, dataDir: string, limit: number): number {
  const file = path.join(dataDir, 'jobs.db');
  if (!existsSync(file)) {
    out.result({ batches: [] }, () => ['No jobs yet.']);
    return 0;
  }
  const store = new SqliteJobStore(file);
  try {
    const batches = store.listBatches().slice(0, limit);
    out.result({ batches }, () =>
      batches.flatMap((b) => [
        `${b.batch.id}  ${new Date(b.batch.createdAt).toISOString().slice(0, 16).replace('T', ' ')}  ${b.batch.model}  ${b.batch.prompts.length} prompt(s) × ${b.batch.n}`,
        ...b.jobs.map((j) => `    ${j.id}  ${j.state.padEnd(11)}  ${j.prompt.replace(/\s+/g, ' ').slice(0, 60)}${j.error ? `  (${j.error.message})` : ''}`),
      ]),
    );
    return 0;
  } finally {
    store.close();
  }
}
