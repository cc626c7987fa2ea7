/**
 * Image operations of other providers on one library image (issue 18 §4): Stability AI's inpaint with a mask, erase,
 * outpaint, search-and-replace, remove background and upscale (×4: its fast upscale; ×2: the same on the source at
 * half size; creative: its asynchronous creative upscale, which the client polls). Each is a paid job of the shared pipeline, staged as an edit of its one source (`kind: 'edit'`, with
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
import type { Clock, Logger } from '../../core/ports';
import { OPERATION_WIRE } from '../../core/stability/requests';
import type { StabilityApi, StabilityImage, StabilityRequest } from '../../core/stability/types';
import { validationError } from '../../core/xai';
import type { CapabilitySource } from '../models/capability-service';
import { budgetRefusal, type SpendPort } from '../ledger/spend';
import type { PaidWork } from '../paid-work/paid-work';
import type { EditLibrary } from '../edit/edit-service';

export interface ImageOpsDeps {
  /** Stability's client at the origin in effect (the simulator in demo mode). */
  stability: () => StabilityApi;
  library: EditLibrary;
  work: PaidWork;
  spend: SpendPort;
  clock: Clock;
  logger: Logger;
  /** The source at half its width and height (for an upscale ×2). */
  halve(image: StabilityImage): Promise<StabilityImage>;
  capabilities?: CapabilitySource;
  newId?: () => string;
}

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

  async function run(input: Input): Promise<ImageOperationOutput> {
    if (input.provider !== 'stability') invalid('provider', 'Only Stability AI runs these operations so far.');
    const op = spec(input);
    const cost = estimate(input);
    if (cost.exceedsBudget) invalid('budget', budgetRefusal('edit', cost.ticks, cost));
    const { record: source, image } = await sourceOf(input.itemId);
    const req = await requestOf(input, image, source);
    const api = deps.stability();
    // Committed while in flight; Stability reports no cost, so the list price is what is recorded.
    const hold = spend.hold(op.ticks);
    // Creative upscale is asynchronous: started, then polled (at most once per 10 s) until its image is ready.
    // The result id lives only in this call; a quit while it polls loses that result (Stability bills it anyway).
    const call = () => (op.async ? api.start(req).then((started) => api.waitResult(started.id)) : api.run(req));
    const called = await work.callDirect('edit', call).finally(() => hold.release());
    if (!called.ok) throw new AppErrorException(called.failure.error);
    const asset = called.value;
    const jobId = newId();
    const label = OPERATION_LABELS[op.name];
    if (asset.filtered) {
      // A blurred image is not a result: it is shown as blocked, as xAI's withheld images are. Stability billed it [G].
      work.record('edit', jobId, op.ticks);
      fail({ kind: 'moderated', message: `Stability AI's content filter blurred the result of ${label.toLowerCase()}, so it was not saved.`, ...(asset.requestId ? { requestId: asset.requestId } : {}) });
    }
    const meta: StagedMeta = work.stamped({
      jobId, attempt: 1, requestId: asset.requestId ?? null, costTicks: op.ticks, share: op.ticks, prompt: input.prompt ?? source.prompt,
      // These endpoints have no model of their own: the item names the endpoint that made it.
      model: `stability/${OPERATION_WIRE[req.operation as keyof typeof OPERATION_WIRE].path}`, params: { provider: input.provider, operation: op.name, ...(input.scale ? { scale: input.scale } : {}), ...(input.outpaint ? { outpaint: input.outpaint } : {}), ...(input.searchPrompt ? { searchPrompt: input.searchPrompt } : {}), ...(input.maskBase64 ? { mask: true } : {}) },
      aspectRatio: null, slots: ['image'], stagedAt: clock.now(), kind: 'edit',
      provider: input.provider, operation: op.name, ...(asset.seed !== null ? { seed: asset.seed } : {}),
      edit: { instruction: input.prompt ? `${label}: ${input.prompt}` : label, parents: [source.id], revisedPrompts: [null] },
    });
    // Paid bytes first, then the spend (once), then the library with the source as parent.
    const slots = [{ slot: 'image' as const, bytes: asset.bytes, mime: asset.mime }];
    const staged = await work.stage(meta, slots);
    work.record('edit', jobId, op.ticks, meta.demo ? { demo: true } : {});
    const filed = await work.file(meta, 0, asset.bytes, staged, 'edited image');
    if (filed.state !== 'done') fail({ kind: 'storage', message: filed.kept ? keptForLater(filed.problem, 'edited image') : notKept(filed.problem, 'edited image') });
    const r = filed.record;
    deps.logger.info('image-op: done', { provider: input.provider, operation: op.name, itemId: r.id, requestId: asset.requestId });
    return {
      result: { itemId: r.id, file: r.file, thumb: r.thumb, preview: r.preview, width: r.width, height: r.height },
      sourceItemId: source.id, requestId: asset.requestId ?? null, costTicks: op.ticks, seed: asset.seed,
    };
  }

  return { run, estimate };
}

export type ImageOpsService = ReturnType<typeof createImageOpsService>;
