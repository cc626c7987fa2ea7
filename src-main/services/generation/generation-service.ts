/**
 * Generate: prompts × n to image batches through a persistent queue. The queue lives in the JobStore (SQLite), so it
 * survives restarts; the scheduler decides when each request runs (paced per model, adaptive to 429s), and each
 * request is a kind of paid work (run-job.ts on services/paid-work). The ledger (services/ledger), presets and prompt
 * history (services/presets) and models (services/models) are services of their own beside it.
 */
import type { BatchView, CompareRequest, CostEstimateView, JobRequest } from '@contract';
import { fail } from '../../core/app-error';
import type { JobStore } from '../../core/jobs/job-store';
import { InMemoryResultStaging, type ResultStaging } from '../../core/jobs/result-staging';
import { cleanPrompts, planBatch, pendingTile, splitCount } from '../../core/jobs/plan';
import { RETRYABLE_STATES, isTerminal, jobView, type StoredJob } from '../../core/jobs/types';
import type { Clock, EventSink, Logger } from '../../core/ports';
import { createScheduler, type BackoffPolicy } from '../../core/scheduler/scheduler';
import { validationError, type ImagineApi, type Issue } from '../../core/xai';
import { estimateGenerateCost, generateIssues, imageProviderOf, imagesPerRequest } from '../../core/providers/image-generate';
import { createProviderImages } from './provider-images';
import type { ProviderClients } from '../providers/provider-clients';
import { budgetRefusal, createSpendLedger, type SpendLedger } from '../ledger/spend';
import type { CapabilitySource } from '../models/capability-service';
import { BUILT_IN_TABLE, KEY_PROVIDERS, findOperation, resolveImageChoice, type ImageQuality, type ProviderId } from '@contract';
import { moveRetired } from '../../core/models/retirements';
import { runJob, type RunContext } from './run-job';
import { imageRecovery } from './image-recovery';
import { editRecovery } from '../edit/edit-recovery';
import { createPaidWork, type PaidWork } from '../paid-work/paid-work';
import type { ModelPacing } from '../paid-work/model-pacing';
import { createQueueControl } from './queue-control';
import { recoverStaged, type RecoveryKind } from '../paid-work/recovery';
import type { LibraryIngest } from '../paid-work/library-ingest';
import { createPromptHistory, type PromptHistory } from '../presets/prompt-history';

/** The settings generation reads, live (a change applies to the next request). */
export interface GenerationSettings {
  concurrency: number;
  budgetCapUsd: number | null;
  requestTimeoutSec: number;
}

/** Ports of the generation service. */
export interface GenerationDeps {
  api: ImagineApi;
  store: JobStore;
  library: LibraryIngest;
  /** Where paid images wait until the library has them (`<dataDir>/staging`). Default: in memory (tests). */
  staging?: ResultStaging;
  clock: Clock;
  events: EventSink;
  logger: Logger;
  settings: () => GenerationSettings;
  newId?: () => string;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** The one ledger and budget of all paid work; by default one of its own on `store`. */
  spend?: SpendLedger;
  /** Demo mode on (the simulator answers): costs are simulated and staged results marked demo. Default: never. */
  demo?: () => boolean;
  /** The prompt history a submit adds to (services/presets); by default one of its own on `store`. */
  history?: PromptHistory;
  /** The capability table in effect (prices, limits); default: the built-in table. */
  capabilities?: CapabilitySource;
  /** Start-up recovery of paid results staged by other kinds of work (video: its journal, open before the queue starts). */
  recovery?: { video?: RecoveryKind };
  /** The paid-work pipeline shared with edits and videos; by default one of its own on these ports. */
  work?: PaidWork;
  /** Pacing to the published per-model limits, for the default pipeline (`work` brings its own). Default: unpaced. */
  pacing?: ModelPacing;
  /** Stability AI's and MiniMax's clients, for batches of their models; without them only xAI's models run. */
  providers?: ProviderClients;
  /** A library image as a `data:` URL, for MiniMax's subject reference (read when the request is sent). */
  subjectImage?: (itemId: string) => Promise<string>;
  /** Whether main holds a key for a provider (its keychain account, or demo mode); default: assumed. */
  keyReady?: (provider: ProviderId) => Promise<boolean>;
}

/** A request the last process left in flight, in words naming the provider it was with (`who`: its display name). */
export const interruptedMessage = (who: string): string =>
  `Imagine Studio stopped while this request was with ${who}. ${who} may have generated and billed it, but the images never arrived. Retry to generate them again.`;
export const INTERRUPTED_MESSAGE = interruptedMessage('xAI');

const randomId = () => crypto.randomUUID().replaceAll('-', '');

export function createGenerationService(deps: GenerationDeps) {
  const { store, clock, events, logger } = deps;
  const newId = deps.newId ?? randomId;
  const demo = deps.demo ?? (() => false);
  const spend = deps.spend ?? createSpendLedger({ store, clock, events, budgetCapUsd: () => deps.settings().budgetCapUsd, demo });
  const history = deps.history ?? createPromptHistory({ store, clock });
  const table = () => deps.capabilities?.current() ?? BUILT_IN_TABLE;
  /** The display name of the provider whose model a batch names (xAI for a batch not found). */
  const providerNameOf = (batchId: string | undefined): string =>
    table().providers[imageProviderOf(batchId === undefined ? undefined : store.getBatchMeta(batchId)?.model, table())].name;
  const notes = new Map<string, string>();
  const active = new Set<Promise<unknown>>();
  let disposing = false;
  const staging = deps.staging ?? new InMemoryResultStaging();
  /** While staged results from the last run are being filed, new work waits (it would stage beside them). */
  let recovering: Promise<void> | null = null;
  const enqueue = (id: string) => {
    if (recovering) void recovering.then(() => scheduler.enqueue(id));
    else scheduler.enqueue(id);
  };

  const emitJob = (job: StoredJob) => events.emit('jobs:progress', { job: jobView(job, notes.get(job.id) ?? null) });

  function maybeSettled(batchId: string): void {
    // A count first: loading a batch of hundreds of jobs after each one finishes was most of the queue's overhead.
    if (store.unfinishedJobs(batchId) > 0) return;
    const found = store.getBatch(batchId);
    if (!found || !found.jobs.every((j) => isTerminal(j.state))) return;
    const tiles = found.jobs.flatMap((j) => j.tiles);
    const count = (s: string) => tiles.filter((t) => t.state === s).length;
    events.emit('jobs:settled', {
      batchId, images: tiles.length, done: count('done'), blocked: count('blocked'),
      failed: tiles.length - count('done') - count('blocked'), costTicks: found.jobs.reduce((s, j) => s + (j.costTicks ?? 0), 0),
    });
  }

  const work = deps.work ?? createPaidWork({
    staging, library: deps.library, spend, clock, logger, demo, download: (url, o) => deps.api.download(url, o),
    ...(deps.random ? { random: deps.random } : {}), ...(deps.backoff ? { backoff: deps.backoff } : {}),
    ...(deps.pacing ? { pacing: deps.pacing } : {}),
  });
  const ctx: RunContext = {
    api: createProviderImages({
      xai: deps.api, ...(deps.providers ? { clients: deps.providers } : {}), ...(deps.subjectImage ? { subjectImage: deps.subjectImage } : {}), table,
    }), work, store, clock,
    timeoutMs: () => deps.settings().requestTimeoutSec * 1000,
    changed(job) {
      emitJob(job);
      if (isTerminal(job.state)) maybeSettled(job.batchId);
    },
    disposing: () => disposing,
  };

  const pacing = work.pacing;
  const scheduler = createScheduler({
    clock,
    // Each request waits for its model's token (the published requests/second at the user's tier).
    ...(pacing ? { pace: { pacer: pacing.pacer, key: (id: string) => {
      const job = store.getJob(id);
      const model = job && store.getBatchMeta(job.batchId)?.model;
      return model ? pacing.keyOf(model) : undefined;
    } } } : {}),
    concurrency: () => deps.settings().concurrency,
    ...(deps.random ? { random: deps.random } : {}),
    ...(deps.backoff ? { policy: deps.backoff } : {}),
    execute(id, signal, release) {
      const job = store.getJob(id);
      const batch = job && store.getBatchMeta(job.batchId);
      if (!job || !batch || job.state !== 'queued') return Promise.resolve({ kind: 'done' as const });
      notes.delete(id);
      const run = runJob(ctx, batch, job, signal, release);
      active.add(run);
      runningIds.add(id);
      queue.changed();
      return run.finally(() => {
        active.delete(run);
        runningIds.delete(id);
      });
    },
    observer: {
      onRequeued(id, delayMs) {
        runningIds.delete(id);
        const job = store.getJob(id);
        // The provider that said so: the one whose model the batch names.
        const who = providerNameOf(job?.batchId);
        notes.set(id, `Rate limited by ${who}; trying again in ${Math.max(1, Math.ceil(delayMs / 1000))} s.`);
        if (job) emitJob(job);
      },
    },
  });

  /** Requests the scheduler started and that are not finished (for the queue's view). */
  const runningIds = new Set<string>();
  const queue = createQueueControl({ store, scheduler: () => scheduler, events, running: () => [...runningIds] });
  // The user's pause outlives restarts: nothing starts until they resume.
  scheduler.setPaused(store.queuePaused());

  /** Ticks still to be spent by queued and running jobs, at list price. */
  function pendingTicks(): number {
    let sum = 0;
    for (const { batch, jobs } of store.listBatches()) {
      const quality = batch.quality as ImageQuality | undefined;
      const per = estimateGenerateCost({ prompt: 'x', model: batch.model, n: 1, resolution: batch.resolution as never, ...(quality ? { quality } : {}) }, table()).ticks;
      for (const j of jobs) if (j.state === 'queued' || j.state === 'running') sum += per * j.n;
    }
    return sum;
  }

  // Queued and running image requests count against the budget of every paid feature.
  const removeCommitted = spend.addCommitted(pendingTicks);

  /** The request as it goes out: a retired model moved to its successor, the quality explicit (issue 15.2–15.3). */
  function resolved(request: JobRequest): { request: JobRequest; notice: string | null } {
    const choice = resolveImageChoice(request.model, request.quality, 'generate', table());
    const { quality: _chosen, ...rest } = request;
    return { request: { ...rest, model: choice.model, ...(choice.quality ? { quality: choice.quality } : {}) }, notice: choice.notice };
  }

  function estimate(input: JobRequest): CostEstimateView {
    const { request } = resolved(input);
    const prompts = cleanPrompts(request.prompts);
    const images = prompts.length * request.n;
    const one = estimateGenerateCost({
      prompt: 'x', model: request.model, n: 1, resolution: request.resolution, ...(request.quality ? { quality: request.quality } : {}),
    }, table());
    const ticks = one.ticks * images;
    return {
      images, requests: prompts.length * splitCount(request.n, imagesPerRequest(request.model, table())).length, perImageTicks: one.ticks, ticks, source: one.source,
      ...(one.quality ? { quality: one.quality } : {}), ...spend.check(ticks),
    };
  }

  function validate(request: JobRequest, prompts: string[]): void {
    if (prompts.length === 0) fail(validationError([{ path: 'prompts', message: 'Write a prompt first.' }]));
    const issues: Issue[] = [];
    prompts.forEach((prompt, i) => {
      const req = {
        prompt, model: request.model, n: request.n, aspect_ratio: request.aspectRatio, resolution: request.resolution,
        ...(request.quality ? { quality: request.quality } : {}),
      };
      for (const issue of generateIssues(req, table())) {
        const path = issue.path === 'prompt' ? `prompts.${i}` : issue.path;
        if (!issues.some((x) => x.path === path && x.message === issue.message)) {
          issues.push({ path, message: prompts.length > 1 && issue.path === 'prompt' ? `Line ${i + 1}: ${issue.message}` : issue.message });
        }
      }
    });
    if (request.subjectItemId) issues.push(...subjectIssues(request.model, request.subjectItemId));
    if (issues.length > 0) fail(validationError(issues));
  }

  /** A subject reference only for a model whose provider lists `subject-image` for it, and only a library image. */
  function subjectIssues(model: string, itemId: string): Issue[] {
    const provider = imageProviderOf(model, table());
    if (!findOperation(provider, 'subject-image', table())?.models.includes(model)) {
      return [{ path: 'subjectItemId', message: `${model} takes no subject reference.` }];
    }
    const record = deps.library.records?.([itemId])[0];
    if (!record || record.kind !== 'image' || record.missing) {
      return [{ path: 'subjectItemId', message: 'The subject reference must be an image in the library.' }];
    }
    return [];
  }

  function submit(input: JobRequest): BatchView {
    const { request, notice } = resolved(input);
    const prompts = cleanPrompts(request.prompts);
    validate(request, prompts);
    const cost = estimate(request);
    if (cost.exceedsBudget) fail(validationError([{ path: 'budget', message: budgetRefusal('image', cost.ticks, cost) }]));
    const { batch, jobs } = planBatch({ request, prompts, estimateTicks: cost.ticks, now: clock.now(), newId, perRequest: imagesPerRequest(request.model, table()) });
    store.insertBatch(batch, jobs);
    history.remember(prompts);
    for (const j of jobs) enqueue(j.id);
    queue.changed();
    logger.info('generation: batch queued', { batchId: batch.id, prompts: prompts.length, n: request.n, requests: jobs.length });
    return { ...view(batch.id), ...(notice ? { notice } : {}) };
  }

  function view(batchId: string): BatchView {
    const found = store.getBatch(batchId) ?? fail({ kind: 'not-found', message: 'This batch is no longer on the board.' });
    return { ...found.batch, jobs: found.jobs.map((j) => jobView(j, notes.get(j.id) ?? null)) } as BatchView;
  }

  function targets(t: { jobId?: string | undefined; batchId?: string | undefined }): StoredJob[] {
    if (t.jobId) return [store.getJob(t.jobId) ?? fail({ kind: 'not-found', message: 'This request is no longer on the board.' })];
    return (store.getBatch(t.batchId ?? '') ?? fail({ kind: 'not-found', message: 'This batch is no longer on the board.' })).jobs;
  }

  function cancel(t: { jobId?: string | undefined; batchId?: string | undefined }): number {
    let count = 0;
    for (const job of targets(t)) {
      if (job.state === 'queued') {
        scheduler.cancel(job.id);
        Object.assign(job, { state: 'cancelled', finishedAt: clock.now(), error: { kind: 'cancelled', message: 'Cancelled before it was sent; nothing was billed.' } });
        job.tiles = job.tiles.map((x) => (x.state === 'pending' ? { ...x, state: 'cancelled', reason: 'Cancelled.' } : x));
        store.updateJob(job);
        ctx.changed(job);
        count++;
      } else if (job.state === 'running' && scheduler.cancel(job.id)) count++;
    }
    return count;
  }

  /** A retry goes out with the current model: a batch naming a retired one moves to its successor first (issue 15.2). */
  function retireBatchModel(batchId: string): void {
    const batch = store.getBatchMeta(batchId);
    const moved = batch && moveRetired(batch, table());
    if (!moved) return;
    store.setBatchModel(batchId, moved.model, moved.quality === 'auto' ? 'low' : moved.quality);
    events.emit('app:notice', { level: 'info', message: moved.notice });
  }

  function retry(t: { jobId?: string | undefined; batchId?: string | undefined }): number {
    let count = 0;
    for (const job of targets(t)) {
      if (!RETRYABLE_STATES.includes(job.state)) continue;
      retireBatchModel(job.batchId);
      // A fresh request for all of this job's images; any already saved from the last attempt stay in the library.
      Object.assign(job, { state: 'queued', startedAt: null, finishedAt: null, error: null, costTicks: null, requestId: null });
      job.tiles = job.tiles.map((x) => pendingTile(x.index));
      store.updateJob(job);
      emitJob(job);
      enqueue(job.id);
      count++;
    }
    return count;
  }

  function clearFinished(): number {
    const done = store.listBatches().filter((b) => b.jobs.every((j) => isTerminal(j.state))).map((b) => b.batch.id);
    return store.deleteBatches(done);
  }

  /** One prompt to 2–4 combinations: every batch validated and the total held against the budget before any is queued. */
  function compare(input: CompareRequest): { batches: BatchView[] } {
    const group = newId();
    const requests: JobRequest[] = input.combinations.map((c, index) => ({
      prompts: [input.prompt], n: input.n, aspectRatio: input.aspectRatio, model: c.model, resolution: c.resolution,
      ...(c.quality ? { quality: c.quality } : {}), ...(input.originalPrompt ? { originalPrompt: input.originalPrompt } : {}),
      group: { id: group, index },
    }));
    for (const r of requests) validate(resolved(r).request, cleanPrompts(r.prompts));
    const total = requests.reduce((s, r) => s + estimate(r).ticks, 0);
    const verdict = spend.check(total);
    if (verdict.exceedsBudget) fail(validationError([{ path: 'budget', message: budgetRefusal('image', total, verdict) }]));
    return { batches: requests.map((r) => submit(r)) };
  }

  /**
   * Refuses, before anything is queued, work for a provider whose key main does not hold (read from that provider's
   * keychain account; demo mode has its own): the form says so inline and offers to add it.
   */
  async function requireKeys(models: readonly string[]): Promise<void> {
    for (const provider of new Set(models.map((m) => imageProviderOf(m, table())))) {
      if (!deps.keyReady || (await deps.keyReady(provider))) continue;
      const { label } = KEY_PROVIDERS[provider];
      fail(validationError([{ path: 'key', message: `No ${label} API key is set. Add your API key for ${label} to generate with its models.` }]));
    }
  }

  return {
    submit,
    compare,
    requireKeys,
    estimate,
    cancel: (t: { jobId?: string | undefined; batchId?: string | undefined }) => {
      const n = cancel(t);
      queue.changed();
      return n;
    },
    /** Pause, resume and reorder (issue 19). */
    queue,
    retry: (t: { jobId?: string | undefined; batchId?: string | undefined }) => {
      const n = retry(t);
      queue.changed();
      return n;
    },
    clearFinished,
    list: () => ({ batches: store.listBatches().map((b) => view(b.batch.id)), ledger: spend.ledger() }),
    ledger: () => spend.ledger(),
    /** The shared ledger and budget, for the other paid features (edit, video). */
    spend: spend as SpendLedger,
    /** The prompt history a submit adds to (its own handlers are services/presets). */
    history,
    /**
     * Marks work the last process left in flight as interrupted, files the images it had staged (which completes
     * those jobs again), then resumes the queue. Resolves once the queue is running; never rejects.
     */
    start(): Promise<void> {
      const interrupted = store.markInterrupted((job) => interruptedMessage(providerNameOf(job.batchId)), clock.now());
      if (interrupted.length > 0) logger.warn('generation: requests interrupted by the last shutdown', { count: interrupted.length });
      const queued = store.queuedJobIds();
      const library = deps.library;
      const run = recoverStaged({
        staging: work.staging, library, logger, demo,
        kinds: {
          image: imageRecovery({ store, clock, changed: ctx.changed, spent: (job, ticks) => work.record('image', job.id, ticks) }),
          edit: editRecovery({
            spent: (ref, ticks, simulated) => work.record('edit', ref, ticks, { demo: simulated, once: true }),
            ...(library.records ? { records: (ids) => library.records?.(ids) ?? [] } : {}),
          }),
          ...deps.recovery,
        },
      }).then(() => {
        recovering = null;
        if (!disposing) for (const id of queued) scheduler.enqueue(id);
      });
      recovering = run;
      active.add(run);
      void run.finally(() => active.delete(run));
      return run;
    },
    idle: async () => {
      await recovering;
      await scheduler.idle();
    },
    /** Requests queued or in flight (a library switch waits for these). */
    busyCount: () => store.queuedJobIds().length + active.size,
    snapshot: () => scheduler.snapshot(),
    /** Stops the queue; requests in flight stay `running` in the store and read as interrupted at the next start. */
    async dispose(): Promise<void> {
      disposing = true;
      removeCommitted();
      scheduler.dispose();
      await Promise.allSettled([...active]);
    },
  };
}

export type GenerationService = ReturnType<typeof createGenerationService>;
