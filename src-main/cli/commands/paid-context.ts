/**
 * What the paid commands share: the app's ledger (jobs.db), one paid-work pipeline on the app's staging folder and
 * library, paced at the user's tier, and the Imagine client for the base URL and key in effect. Demo mode is refused:
 * the app's demo simulator runs inside the app, and demo results have a library of their own.
 */
import path from 'node:path';
import type { Settings } from '@contract';
import { FsResultStaging } from '../../adapters/jobs/fs-result-staging';
import { SqliteJobStore } from '../../adapters/jobs/sqlite-job-store';
import { systemClock } from '../../adapters/system-clock';
import { createXaiImagineClient } from '../../adapters/xai';
import { fail } from '../../core/app-error';
import type { LibraryFiles } from '../../core/library/ports';
import { validationError, type ImagineApi } from '../../core/xai';
import { createSpendLedger, type SpendLedger } from '../../services/ledger/spend';
import type { LibraryService } from '../../services/library/library-service';
import { createModelPacing } from '../../services/paid-work/model-pacing';
import { createPaidWork, type PaidWork } from '../../services/paid-work/paid-work';
import type { Output } from '../context';

export interface PaidCommandContext {
  out: Output;
  library: { dir: string; service: LibraryService; files: LibraryFiles; settings: Settings };
  dataDir: string;
  baseUrl: string;
  getApiKey: () => Promise<string | null>;
}

export const quiet = { info() {}, warn() {}, error() {} };

/** Opens the ledger and the pipeline for one command; `close` when done. */
export function openPaidWork(ctx: PaidCommandContext): { api: ImagineApi; spend: SpendLedger; work: PaidWork; settings: Settings; store: SqliteJobStore; close(): void } {
  const settings = ctx.library.settings;
  if (settings.demoMode) {
    fail(validationError([{ path: 'demoMode', message: 'Demo mode is on in Imagine Studio: turn it off in Settings to send paid work from the command line.' }]));
  }
  const store = new SqliteJobStore(path.join(ctx.dataDir, 'jobs.db'));
  const spend = createSpendLedger({ store, clock: systemClock, events: { emit() {} }, budgetCapUsd: () => settings.budgetCapUsd });
  const api = createXaiImagineClient({ baseUrl: ctx.baseUrl, getApiKey: ctx.getApiKey, clock: systemClock, logger: quiet, retry: { maxAttempts: 1 } });
  const work = createPaidWork({
    staging: new FsResultStaging(path.join(ctx.dataDir, 'staging')), library: ctx.library.service, spend, clock: systemClock, logger: quiet,
    download: (url, o) => api.download(url, o), pacing: createModelPacing({ tier: () => settings.rateTier }),
  });
  return { api, spend, work, settings, store, close: () => store.close() };
}
