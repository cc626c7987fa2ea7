/**
 * Image operations of other providers on one library image (issue 18 §4): Stability AI's inpaint with a mask, erase,
 * outpaint, search-and-replace, remove background and upscale (×4: its fast upscale; ×2: the same on the source at
 * half size; creative: its asynchronous creative upscale, journaled and polled: ./creative-upscale.ts). Each is a paid job of the shared pipeline, staged as an edit of its one source (`kind: 'edit'`, with
 * provider, operation and seed), so the budget hold, the call, staging, the spend recorded once, filing with an
 * `edited-from` link and recovery after a crash are the edits' own (services/paid-work, edit-recovery). This file
 * supplies only what is particular: the request, built by the provider's adapter, and the answer → one item.
 */
import {
  BUILT_IN_TABLE, OPERATION_LABELS, findOperation, type ImageOperationEstimate, type ImageOperationOutput, type LibraryRecord, type OperationName,
  type ParsedInput,
} from '@contract';
import { AppErrorException, fail } from '../../core/app-error';
import type { StagedMeta } from '../../core/jobs/result-staging';
import { keptForLater, notKept } from '../../core/paid-work/words';
import type { Clock, EventSink, Logger } from '../../core/ports';
import { InMemoryJournal, isFinal } from '../../core/jobs/journal';
import type { ImageOpJournal, StoredImageOpJob } from '../../core/jobs/image-op-job';
import { mayHaveBeenBilled } from '../../core/paid-work/billed-failure';
import { DEFAULT_POLL_TIMING } from '../../core/video/plan';
import { OPERATION_WIRE } from '../../core/stability/requests';
import type { StabilityApi, StabilityAsset, StabilityImage, StabilityRequest } from '../../core/stability/types';
import { validationError } from '../../core/xai';
import type { CapabilitySource } from '../models/capability-service';
import { budgetRefusal, type SpendLedger, type SpendPort } from '../ledger/spend';
import type { PaidWork } from '../paid-work/paid-work';
import type { EditLibrary } from '../edit/edit-service';
import { createFollower, writeJob, type JournalLoop } from '../paid-work/journal-runner';
import { CREATIVE_POLL_MS, creativeSteps, creativeWords } from './creative-upscale';

export interface ImageOpsDeps {
  /** Stability's client at the origin in effect (the simulator in demo mode). */
  stability: () => StabilityApi;
  library: EditLibrary;
  work: PaidWork;
  /** With `addCommitted` (the shared ledger's), creative upscales still collecting count against the budget. */
  spend: SpendPort & Partial<Pick<SpendLedger, 'addCommitted'>>;
  clock: Clock;
  logger: Logger;
  /** The source at half its width and height (for an upscale ×2). */
  halve(image: StabilityImage): Promise<StabilityImage>;
  capabilities?: CapabilitySource;
  newId?: () => string;
  /** The journal of creative upscales (their generation ids); default: in memory (tests of other things). */
  journal?: ImageOpJournal;
  /** The library item a job already filed (for recovery after a crash); default: none found. */
  findBySourceJob?(jobId: string, since: number): LibraryRecord | undefined;
  /** Tells the renderer when a resumed job (one no call waits for) ends. */
  events?: EventSink;
  /** Delay between polls of a creative upscale (default Stability's 10 s). */
  pollMs?: number;
}

/** Errors with no answer from Stability: if the start call may have reached it, the job is lost, not failed. */
const UNANSWERED = new Set(['network', 'timeout', 'internal']);

type Input = ParsedInput<'edit:operation'>;
const randomId = () => crypto.randomUUID().replaceAll('-', '');
const SOURCE_MIMES = new Set(['image/png', 'image/jpeg', 'image/webp']);

/** The capability table's operation behind a request (an upscale is the fast one). */
const operationOf = (input: Pick<Input, 'operation'>): OperationName => (input.operation === 'upscale' ? 'upscale-fast' : input.operation);

/** The creative upscale's prompt for a source without one (an import): asks for detail, changes nothing else. */
const CREATIVE_FALLBACK = 'A sharp, detailed, high-resolution version of this image';

const invalid = (path: string, message: string): never => fail(validationError([{ path, message }]));

/** The PNG mask from the renderer: a PNG signature, else refused (never sent on as something else). */
function maskOf(base64: string | undefined): StabilityImage | undefined {
  if (base64 === undefined) return undefined;
  const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!png.every((b, i) => bytes[i] === b)) invalid('maskBase64', 'The mask is not a PNG image.');
  return { bytes, mime: 'image/png' };
}

export function createImageOpsService(deps: ImageOpsDeps) {
  const { library, work, spend, clock } = deps;
  const newId = deps.newId ?? randomId;
  const table = () => deps.capabilities?.current() ?? BUILT_IN_TABLE;
  const journal = deps.journal ?? new InMemoryJournal<StoredImageOpJob>();
  /** Jobs a `run` call is waiting for (it answers the renderer itself); the others are announced when they end. */
  const waiting = new Set<string>();
  const loop: JournalLoop<StoredImageOpJob> = {
    // After a failed poll the loop waits from Stability's own interval (10 s) upward, never less.
    store: journal, clock, logger: deps.logger, timing: { ...DEFAULT_POLL_TIMING, intervalMs: deps.pollMs ?? CREATIVE_POLL_MS },
    publish(job) {
      if (!isFinal(job.state) || waiting.has(job.id)) return;
      const done = job.state === 'done';
      deps.events?.emit('edit:operation-settled', {
        operation: job.operation, sourceItemId: job.sourceItemId, state: job.state as Exclude<typeof job.state, 'submitting' | 'pending' | 'downloading'>,
        itemId: done ? job.itemId : null, message: done ? `${OPERATION_LABELS[job.operation]} finished; the result is in your library.` : (job.reason ?? ''),
      });
    },
  };
  const follower = createFollower(loop, creativeSteps({
    ...loop, store: journal, stability: deps.stability, work, findBySourceJob: deps.findBySourceJob ?? (() => undefined),
    ...(deps.pollMs !== undefined ? { pollMs: deps.pollMs } : {}),
  }));
  // Creative upscales still collecting count against the budget at their list price until they end.
  const removeCommitted = spend.addCommitted?.(() => journal.unfinished().reduce((sum, j) => sum + j.estimateTicks, 0)) ?? (() => {});

  function spec(input: Pick<Input, 'provider' | 'operation'>) {
    const op = findOperation(input.provider, operationOf(input), table());
    if (!op || op.ticks === undefined) {
      return invalid('operation', `${table().providers[input.provider].name} does not offer ${OPERATION_LABELS[operationOf(input)].toLowerCase()}.`);
    }
    return { ...op, ticks: op.ticks };
  }

  function estimate(input: ParsedInput<'edit:operation-estimate'>): ImageOperationEstimate {
    const op = spec(input);
    const credits = Math.round(op.ticks / 1_000_000) / 100;
    return { ticks: op.ticks, priceText: input.provider === 'stability' ? `${credits} credits` : '', ...spend.check(op.ticks) };
  }

  /** The provider's request for this operation on `image`, checked before anything is sent. */
  async function requestOf(input: Input, image: StabilityImage, source: LibraryRecord): Promise<StabilityRequest> {
    const mask = maskOf(input.maskBase64);
    const prompt = input.prompt?.trim() || undefined;
    switch (input.operation) {
      case 'inpaint':
        if (!prompt) return invalid('prompt', 'Say what to paint into the masked area.');
        if (!mask) return invalid('maskBase64', 'Paint a mask over the area to repaint first.');
        return { operation: 'inpaint', image, mask, prompt };
      case 'erase':
        if (!mask) return invalid('maskBase64', 'Paint a mask over what to erase first.');
        return { operation: 'erase', image, mask };
      case 'outpaint':
        if (!input.outpaint) return invalid('outpaint', 'Choose at least one side to extend.');
        return { operation: 'outpaint', image, ...input.outpaint, ...(prompt ? { prompt } : {}) };
      case 'search-replace':
        if (!prompt) return invalid('prompt', 'Say what to put in its place.');
        if (!input.searchPrompt) return invalid('searchPrompt', 'Say what to find.');
        return { operation: 'search-replace', image, prompt, searchPrompt: input.searchPrompt };
      case 'remove-background':
        return { operation: 'remove-background', image, outputFormat: 'png' };
      case 'upscale':
        return { operation: 'upscale-fast', image: (input.scale ?? 4) === 2 ? await deps.halve(image) : image };
      case 'upscale-creative':
        // Stability requires a prompt; one click has none, so the source's own prompt describes what to sharpen.
        return { operation: 'upscale-creative', image, prompt: prompt ?? (source.prompt.trim().slice(0, 10_000) || CREATIVE_FALLBACK) };
    }
  }

  async function sourceOf(itemId: string): Promise<{ record: LibraryRecord; image: StabilityImage }> {
    const { record } = library.item(itemId);
    if (record.kind !== 'image') invalid('itemId', 'Only images can be changed this way.');
    if (record.missing) fail({ kind: 'not-found', message: 'This item\'s file is missing from the library folder.' });
    if (!SOURCE_MIMES.has(record.mime)) invalid('itemId', 'Stability AI takes PNG, JPEG or WebP images; convert this one first.');
    return { record, image: { bytes: await library.read(record), mime: record.mime as StabilityImage['mime'] } };
  }

  /** What the result is filed with, from the request alone (an async result's request id and seed come later). */
  function metaOf(jobId: string, input: Input, op: { name: OperationName; ticks: number }, req: StabilityRequest, source: LibraryRecord, asset?: StabilityAsset): StagedMeta {
    const label = OPERATION_LABELS[op.name];
    return work.stamped({
      jobId, attempt: 1, requestId: asset?.requestId ?? null, costTicks: op.ticks, share: op.ticks, prompt: input.prompt ?? source.prompt,
      // These endpoints have no model of their own: the item names the endpoint that made it.
      model: `stability/${OPERATION_WIRE[req.operation as keyof typeof OPERATION_WIRE].path}`, params: { provider: input.provider, operation: op.name, ...(input.scale ? { scale: input.scale } : {}), ...(input.outpaint ? { outpaint: input.outpaint } : {}), ...(input.searchPrompt ? { searchPrompt: input.searchPrompt } : {}), ...(input.maskBase64 ? { mask: true } : {}) },
      aspectRatio: null, slots: ['image'], stagedAt: clock.now(), kind: 'edit',
      provider: input.provider, operation: op.name, ...(asset && asset.seed !== null ? { seed: asset.seed } : {}),
      edit: { instruction: input.prompt ? `${label}: ${input.prompt}` : label, parents: [source.id], revisedPrompts: [null] },
    });
  }

  const output = (r: LibraryRecord, sourceId: string, requestId: string | null, ticks: number, seed: number | null): ImageOperationOutput => ({
    result: { itemId: r.id, file: r.file, thumb: r.thumb, preview: r.preview, width: r.width, height: r.height },
    sourceItemId: sourceId, requestId, costTicks: ticks, seed,
  });

  /**
   * An asynchronous operation (creative upscale): journaled before the start call, its generation id written the
   * moment it arrives, then followed by the shared journal loop; this call waits for the job's end and answers it.
   */
  async function runJournaled(input: Input, op: { name: OperationName; ticks: number }, req: StabilityRequest, source: LibraryRecord): Promise<ImageOperationOutput> {
    const now = clock.now();
    const id = newId();
    journal.insert({
      id, state: 'submitting', createdAt: now, updatedAt: now, finishedAt: null, reason: null, note: null, provider: 'stability',
      operation: 'upscale-creative', sourceItemId: source.id, remoteId: null, startRequestId: null, estimateTicks: op.ticks, polls: 0,
      meta: metaOf(id, input, op, req, source), ingestAt: null, itemId: null, seed: null,
    });
    waiting.add(id);
    try {
      const called = await work.callDirect('edit', () => deps.stability().start(req), { provider: 'Stability AI' });
      if (!called.ok) {
        const e = called.failure.error;
        const billed = mayHaveBeenBilled(e);
        const reason = billed ? e.message : creativeWords.startFailed(e.message);
        writeJob(loop, id, { state: billed && UNANSWERED.has(e.kind) ? 'lost' : 'failed', reason });
        throw new AppErrorException(billed ? { ...e, message: reason } : e);
      }
      // The id is the only handle on a result Stability bills: durable before anything else happens.
      journal.update(id, { remoteId: called.value.id, startRequestId: called.value.requestId ?? null });
      writeJob(loop, id, { state: 'pending' });
      await follower.follow(id);
    } finally {
      waiting.delete(id);
    }
    const job = journal.get(id);
    if (!job || !isFinal(job.state)) fail({ kind: 'cancelled', message: creativeWords.stopped });
    if (job.state === 'done' && job.itemId) {
      deps.logger.info('image-op: done', { provider: 'stability', operation: op.name, itemId: job.itemId, id });
      return output(library.item(job.itemId).record, source.id, job.meta.requestId, op.ticks, job.seed);
    }
    const message = job.reason ?? creativeWords.failed('no result');
    return job.state === 'blocked' ? fail({ kind: 'moderated', message }) : fail({ kind: 'api', status: 0, message, code: job.state });
  }

  async function run(input: Input): Promise<ImageOperationOutput> {
    if (input.provider !== 'stability') invalid('provider', 'Only Stability AI runs these operations so far.');
    const op = spec(input);
    const cost = estimate(input);
    if (cost.exceedsBudget) invalid('budget', budgetRefusal('edit', cost.ticks, cost));
    const { record: source, image } = await sourceOf(input.itemId);
    const req = await requestOf(input, image, source);
    if (op.async) return runJournaled(input, op, req, source);
    const api = deps.stability();
    // Committed while in flight; Stability reports no cost, so the list price is what is recorded.
    const hold = spend.hold(op.ticks);
    const called = await work.callDirect('edit', () => api.run(req), { provider: 'Stability AI' }).finally(() => hold.release());
    if (!called.ok) throw new AppErrorException(called.failure.error);
    const asset = called.value;
    const jobId = newId();
    if (asset.filtered) {
      // A blurred image is not a result: it is shown as blocked, as xAI's withheld images are. Stability billed it [G].
      work.record('edit', jobId, op.ticks);
      fail({ kind: 'moderated', message: `Stability AI's content filter blurred the result of ${OPERATION_LABELS[op.name].toLowerCase()}, so it was not saved.`, ...(asset.requestId ? { requestId: asset.requestId } : {}) });
    }
    const meta = metaOf(jobId, input, op, req, source, asset);
    // Paid bytes first, then the spend (once), then the library with the source as parent.
    const slots = [{ slot: 'image' as const, bytes: asset.bytes, mime: asset.mime }];
    const staged = await work.stage(meta, slots);
    work.record('edit', jobId, op.ticks, meta.demo ? { demo: true } : {});
    const filed = await work.file(meta, 0, asset.bytes, staged, 'edited image');
    if (filed.state !== 'done') fail({ kind: 'storage', message: filed.kept ? keptForLater(filed.problem, 'edited image') : notKept(filed.problem, 'edited image') });
    deps.logger.info('image-op: done', { provider: input.provider, operation: op.name, itemId: filed.record.id, requestId: asset.requestId });
    return output(filed.record, source.id, asset.requestId ?? null, op.ticks, asset.seed);
  }

  return {
    run,
    estimate,
    /** Resumes every creative upscale a quit or a crash left collecting (call once at start, after staged recovery). */
    resume: () => follower.resume(),
    /** Creative upscales still collecting that no open call waits for (resumed after a quit or a crash). */
    collecting: () =>
      journal.unfinished().filter((j) => !waiting.has(j.id)).map((j) => ({ operation: j.operation, sourceItemId: j.sourceItemId, startedAt: j.createdAt })),
    /** Creative upscales still collecting (a library switch waits for these). */
    busyCount: () => journal.unfinished().length,
    /** Stops following (jobs stay in the journal and resume next start) and closes the journal. */
    async dispose(): Promise<void> {
      removeCommitted();
      await follower.stopAll();
      journal.close();
    },
  };
}

export type ImageOpsService = ReturnType<typeof createImageOpsService>;
