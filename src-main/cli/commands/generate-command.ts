/**
 * `imagine generate PROMPT [-n N] [--model M] [--aspect-ratio R] [--resolution 1k|2k] [--quality auto|low|medium]`:
 * one image request through the app's paid-work pipeline, so it is paid work like any other: paced under the
 * model's published limit at the user's tier, budget-checked against the app's cap, its bytes staged in the app's
 * staging folder before anything else, its cost recorded in the app's ledger (jobs.db, WAL: safe beside the open
 * app), each image filed in the app's library (the open app's grid follows within a second). A crash mid-save leaves
 * the images staged, and the app files them at its next start, as it does its own.
 */
import path from 'node:path';
import { resolveImageChoice, type ImageAspectRatio, type ImageQuality, type ImageResolution, type LibraryRecord, type Settings } from '@contract';
import { SqliteJobStore } from '../../adapters/jobs/sqlite-job-store';
import { FsResultStaging } from '../../adapters/jobs/fs-result-staging';
import { systemClock } from '../../adapters/system-clock';
import { createXaiImagineClient } from '../../adapters/xai';
import { AppErrorException, fail } from '../../core/app-error';
import type { StagedMeta } from '../../core/jobs/result-staging';
import { estimateImageCost, imageGenerateIssues, validationError, type ImageGenerateRequest } from '../../core/xai';
import { createSpendLedger } from '../../services/ledger/spend';
import { servedOf } from '../../services/paid-work/ingest-input';
import { createModelPacing } from '../../services/paid-work/model-pacing';
import { createPaidWork } from '../../services/paid-work/paid-work';
import type { LibraryService } from '../../services/library/library-service';
import { printable, type Output } from '../context';
import { exitCodeOf } from '../exit-codes';

export interface GenerateOptions {
  n: number;
  model: string;
  aspectRatio: string;
  resolution: string;
  quality: string | undefined;
}

const quiet = { info() {}, warn() {}, error() {} };

export async function generateCommand(
  ctx: { out: Output; library: { dir: string; service: LibraryService }; dataDir: string; settings: Settings; baseUrl: string; getApiKey: () => Promise<string | null> },
  prompt: string,
  opts: GenerateOptions,
): Promise<number> {
  const { out, settings } = ctx;
  if (settings.demoMode) {
    // The app's demo simulator lives inside the app, and demo results have their own library: nothing to pay here.
    fail(validationError([{ path: 'demoMode', message: 'Demo mode is on in Imagine Studio: turn it off in Settings to generate from the command line.' }]));
  }
  // A retired model goes out as its successor, and 2.0's quality is always explicit (issue 15.2–15.3).
  const choice = resolveImageChoice(opts.model, opts.quality as ImageQuality | undefined, 'generate');
  if (choice.notice) out.progress(choice.notice);
  const req: ImageGenerateRequest = {
    prompt, model: choice.model, n: opts.n, aspect_ratio: opts.aspectRatio as ImageAspectRatio, resolution: opts.resolution as ImageResolution,
    response_format: 'b64_json', ...(choice.quality ? { quality: choice.quality } : {}),
  };
  const issues = imageGenerateIssues(req);
  if (issues.length > 0) fail(validationError(issues));

  const store = new SqliteJobStore(path.join(ctx.dataDir, 'jobs.db'));
  try {
    const spend = createSpendLedger({ store, clock: systemClock, events: { emit() {} }, budgetCapUsd: () => settings.budgetCapUsd });
    spend.assertWithinBudget('image', estimateImageCost(req).ticks);
    const api = createXaiImagineClient({ baseUrl: ctx.baseUrl, getApiKey: ctx.getApiKey, clock: systemClock, logger: quiet, retry: { maxAttempts: 1 } });
    const work = createPaidWork({
      staging: new FsResultStaging(path.join(ctx.dataDir, 'staging')), library: ctx.library.service, spend, clock: systemClock, logger: quiet,
      download: (url, o) => api.download(url, o), pacing: createModelPacing({ tier: () => settings.rateTier }),
    });
    out.progress(`Generating ${opts.n} image${opts.n === 1 ? '' : 's'} with ${choice.model}…`);
    const called = await work.callDirect('image', () => api.generateImages(req, { timeoutMs: settings.requestTimeoutSec * 1000 }), { pace: choice.model });
    if (!called.ok) throw new AppErrorException(called.failure.error);
    const result = called.value;
    const slots = await work.collect(result.items, opts.n);
    const id = crypto.randomUUID().replaceAll('-', '');
    const meta: StagedMeta = {
      jobId: id, attempt: 1, requestId: result.requestId ?? null, costTicks: result.costTicks,
      share: result.costTicks === null ? null : Math.round(result.costTicks / opts.n), prompt, model: choice.model,
      params: { model: choice.model, n: opts.n, aspect_ratio: opts.aspectRatio, resolution: opts.resolution, ...(choice.quality ? { quality: choice.quality } : {}), via: 'cli' },
      ...servedOf(result, choice.quality), aspectRatio: opts.aspectRatio === 'auto' ? null : opts.aspectRatio,
      slots: slots.map((s) => s.slot), stagedAt: systemClock.now(),
    };
    const staged = await work.stage(meta, slots);
    work.record('image', id, result.costTicks);
    const items: LibraryRecord[] = [];
    const problems: string[] = [];
    let blocked = 0;
    for (const [i, slot] of slots.entries()) {
      if (slot.slot === 'blocked') blocked++;
      if (!slot.bytes) continue;
      const filed = await work.file(meta, i, slot.bytes, staged);
      if (filed.state === 'done') items.push(filed.record);
      else problems.push(filed.reason);
      out.progress(`Saved ${items.length}/${opts.n}`);
    }
    out.result(
      { items: items.map((r) => printable(ctx.library.dir, r)), blocked, requestId: meta.requestId, costTicks: result.costTicks, problems },
      () => [...items.map((r) => printable(ctx.library.dir, r).path), ...(blocked ? [`${blocked} withheld by xAI's content policy.`] : []), ...problems],
    );
    if (problems.length > 0) return fail({ kind: 'storage', message: problems[0] as string });
    return items.length === 0 && blocked > 0 ? exitCodeOf('moderated') : 0;
  } finally {
    store.close();
  }
}
