/**
 * `imagine generate PROMPT [-n N] [--model M] [--aspect-ratio R] [--resolution 1k|2k] [--quality auto|low|medium]`:
 * one image request through the app's paid-work pipeline, so it is paid work like any other: paced under the
 * model's published limit at the user's tier, budget-checked against the app's cap, its bytes staged in the app's
 * staging folder before anything else, its cost recorded in the app's ledger (jobs.db, WAL: safe beside the open
 * app), each image filed in the app's library (the open app's grid follows within a second). A crash mid-save leaves
 * the images staged, and the app files them at its next start, as it does its own.
 */
import { resolveImageChoice, type ImageAspectRatio, type ImageQuality, type ImageResolution, type LibraryRecord } from '@contract';
import { systemClock } from '../../adapters/system-clock';
import { AppErrorException, fail } from '../../core/app-error';
import type { StagedMeta } from '../../core/jobs/result-staging';
import { estimateImageCost, imageGenerateIssues, validationError, type ImageGenerateRequest } from '../../core/xai';
import { servedOf } from '../../services/paid-work/ingest-input';
import { printable } from '../context';
import { openPaidWork, type PaidCommandContext } from './paid-context';
import { exitCodeOf } from '../exit-codes';

export interface GenerateOptions {
  n: number;
  model: string;
  aspectRatio: string;
  resolution: string;
  quality: string | undefined;
}

export async function generateCommand(ctx: PaidCommandContext, prompt: string, opts: GenerateOptions): Promise<number> {
  const { out } = ctx;
  const paid = openPaidWork(ctx);
  const { work, api, settings } = paid;
  try {
    // A retired model goes out as its successor, and 2.0's quality is always explicit (issue 15.2–15.3).
    const choice = resolveImageChoice(opts.model, opts.quality as ImageQuality | undefined, 'generate');
    if (choice.notice) out.progress(choice.notice);
    const req: ImageGenerateRequest = {
      prompt, model: choice.model, n: opts.n, aspect_ratio: opts.aspectRatio as ImageAspectRatio, resolution: opts.resolution as ImageResolution,
      response_format: 'b64_json', ...(choice.quality ? { quality: choice.quality } : {}),
    };
    const issues = imageGenerateIssues(req);
    if (issues.length > 0) fail(validationError(issues));
    paid.spend.assertWithinBudget('image', estimateImageCost(req).ticks);
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
    paid.close();
  }
}
