/**
 * The edit use cases: prepare a source (bytes or a library item) into the temp area, estimate, and submit an edit
 * whose results are ingested with `edited-from` links to every source. An edit is a kind of paid work: it supplies
 * its request (sources, instruction, model, quality) and its staged meta (`kind: 'edit'`, the lineage); the paid-work
 * pipeline (services/paid-work) paces and sends it (a 429 waited out and sent again), stages the bytes the moment
 * they arrive, records the spend once and files each result, and recovers it at the next start after a crash. The
 * budget hold is the edit's own (`SpendPort.hold`: committed while in flight, so a batch submitted meanwhile sees it).
 * Edits run directly rather than through the queue, which takes prompt-only requests so far.
 */
import type {
  EditEstimateView, EditResultView, EditSourceView, EditSubmitOutput, LibraryItemDetail, LibraryRecord,
  ParsedInput,
} from '@contract';
import { AppErrorException, fail } from '../../core/app-error';
import { InMemoryResultStaging, type ResultStaging, type StagedMeta } from '../../core/jobs/result-staging';
import { titleFromFileName } from '../../core/library/title';
import { keptForLater, LINK_NOT_DOWNLOADED, notKept, savingProblem } from '../../core/paid-work/words';
import type { EditSourceStore, SourceNormalizer, StoredSourceMeta } from '../../core/edit/ports';
import type { Clock, Logger } from '../../core/ports';
import {
  bytesToDataUri, estimateImageCost, findImageModel, imageEditIssues, validationError, type ImageEditRequest, type ImageItem,
  type ImagineApi,
} from '../../core/xai';
import { BUILT_IN_TABLE, MAX_PROMPT_LENGTH } from '@contract';
import { variationInstruction } from '../../core/edit/variation';
import type { CapabilitySource } from '../models/capability-service';
import { createPaidWork, type FiledSlot, type PaidWork } from '../paid-work/paid-work';
import { servedOf } from '../paid-work/ingest-input';
import { budgetRefusal, type SpendPort } from '../ledger/spend';
import { resolveImageChoice } from '@contract';
import type { IngestInput } from '../library/ingest';

/** The slice of the library this service uses. */
export interface EditLibrary {
  ingest(input: IngestInput): Promise<LibraryRecord>;
  item(id: string): LibraryItemDetail;
  /** The item's file bytes. */
  read(record: LibraryRecord): Promise<Uint8Array>;
}

export interface EditServiceDeps {
  api: ImagineApi;
  library: EditLibrary;
  normalizer: SourceNormalizer;
  sources: EditSourceStore;
  clock: Clock;
  logger: Logger;
  /** The ledger and budget shared with every paid feature. */
  spend: SpendPort;
  /** Where paid results wait until the library has them (shared with the queue). Default: in memory (tests). */
  staging?: ResultStaging;
  /** The request timeout from settings (read per call, like image batches); unset: the client's default. */
  timeoutMs?: () => number;
  newId?: () => string;
  /** The capability table in effect (prices, limits); default: the built-in table. */
  capabilities?: CapabilitySource;
  /** The paid-work pipeline shared with the queue and videos; by default one of its own on these ports. */
  work?: PaidWork;
}

/** Prepared sources older than this are swept at start. */
export const SOURCE_TTL_MS = 7 * 24 * 3600 * 1000;
const randomId = () => crypto.randomUUID().replaceAll('-', '');

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function sourceName(record: LibraryRecord): string {
  const words = (record.editInstruction ?? record.prompt).trim();
  return words ? words.slice(0, 60) : 'Library image';
}

/** Library items among the sources before the call (pasted ones become items only after the answer). */
function knownParents(loaded: { meta: StoredSourceMeta }[]): string[] {
  return [...new Set(loaded.flatMap((s) => (s.meta.libraryItemId ? [s.meta.libraryItemId] : [])))];
}

export function createEditService(deps: EditServiceDeps) {
  const { api, library, normalizer, sources, clock, spend } = deps;
  const newId = deps.newId ?? randomId;
  const work = deps.work ?? createPaidWork({
    staging: deps.staging ?? new InMemoryResultStaging(), library, spend, clock, logger: deps.logger, demo: () => spend.isDemo(),
    download: (url, o) => api.download(url, o),
  });
  const table = () => deps.capabilities?.current() ?? BUILT_IN_TABLE;

  async function readInput(input: ParsedInput<'edit:prepare-source'>): Promise<{ bytes: Uint8Array; name: string; itemId: string | null }> {
    if (input.itemId) {
      const { record } = library.item(input.itemId);
      if (record.kind !== 'image') fail({ kind: 'validation', message: 'Only images can be edited here.', issues: [] });
      if (record.missing) fail({ kind: 'not-found', message: 'This item\'s file is missing from the library folder.' });
      return { bytes: await library.read(record), name: sourceName(record), itemId: record.id };
    }
    return { bytes: new Uint8Array(Buffer.from(input.bytesBase64 ?? '', 'base64')), name: input.name ?? 'Pasted image', itemId: null };
  }

  async function prepare(input: ParsedInput<'edit:prepare-source'>): Promise<EditSourceView> {
    const { bytes, name, itemId } = await readInput(input);
    const result = await normalizer.normalize(bytes);
    if (!result.ok) fail({ kind: 'validation', message: `${name}: ${result.reason}`, issues: [{ path: 'source', message: result.reason }] });
    const meta: StoredSourceMeta = {
      id: newId(), name, mime: result.mime, width: result.width, height: result.height, bytes: result.bytes.length,
      libraryItemId: itemId, notices: result.notices, createdAt: clock.now(),
    };
    await sources.put(meta, result.bytes);
    return { ...meta, thumbDataUrl: `data:image/webp;base64,${toBase64(result.thumb)}` };
  }

  async function loadSources(refs: ParsedInput<'edit:submit'>['sources']) {
    return Promise.all(refs.map(async (ref) => {
      const found = await sources.get(ref.id);
      if (!found) fail({ kind: 'not-found', message: 'A source image is no longer available: add it again.' });
      const sent = await normalizer.transform(found.bytes, found.meta.mime, { rotate: ref.rotate, crop: ref.crop });
      return { ...found, sent };
    }));
  }

  /** Sources from outside the library become library items, so the results' lineage has a parent to point at. */
  async function ensureInLibrary(loaded: Awaited<ReturnType<typeof loadSources>>): Promise<string[]> {
    const ids: string[] = [];
    for (const s of loaded) {
      let id = s.meta.libraryItemId;
      if (!id) {
        const record = await library.ingest({
          bytes: s.bytes, kind: 'image', origin: 'imported', title: titleFromFileName(s.meta.name), prompt: '', params: { name: s.meta.name },
        });
        id = record.id;
        await sources.setLibraryItem(s.meta.id, id);
      }
      ids.push(id);
    }
    return ids;
  }

  async function submit(asked: ParsedInput<'edit:submit'>): Promise<EditSubmitOutput> {
    // A retired model goes out as its successor, and 2.0's quality is always explicit (issue 15.2–15.3).
    const choice = resolveImageChoice(asked.model, asked.quality, 'edit', table());
    const { quality: _chosen, ...rest } = asked;
    const input = { ...rest, model: choice.model, ...(choice.quality ? { quality: choice.quality } : {}) };
    const caps = findImageModel(input.model, table());
    if (!caps?.maxEditSources) fail({ kind: 'validation', message: `${input.model} cannot edit images.`, issues: [{ path: 'model', message: 'Not an edit model.' }] });
    if (input.sources.length > caps.maxEditSources) {
      const message = `${caps.name} edits at most ${caps.maxEditSources} images at once; remove ${input.sources.length - caps.maxEditSources} to send this edit.`;
      fail(validationError([{ path: 'sources', message }]));
    }
    const cost = estimate({ sourceCount: input.sources.length, model: input.model, n: input.n, resolution: input.resolution, ...(input.quality ? { quality: input.quality } : {}) });
    if (cost.exceedsBudget) fail(validationError([{ path: 'budget', message: budgetRefusal('edit', cost.ticks, cost) }]));
    const loaded = await loadSources(input.sources);
    const images = loaded.map((s) => ({ url: bytesToDataUri(s.sent.bytes, s.sent.mime) }));
    const req: ImageEditRequest = {
      model: input.model, prompt: input.prompt, n: input.n, resolution: input.resolution, response_format: 'b64_json',
      ...(input.quality ? { quality: input.quality } : {}),
      ...(images.length === 1 ? { image: images[0] } : { images }),
      ...(images.length > 1 && input.aspectRatio ? { aspect_ratio: input.aspectRatio } : {}),
    };
    const issues = imageEditIssues(req, table());
    if (issues.length > 0) fail(validationError(issues));
    // Committed while in flight, so a batch submitted meanwhile sees it; replaced by the reported cost once known.
    const hold = spend.hold(cost.ticks);
    const called = await work.callDirect('edit', () => (deps.timeoutMs ? api.editImages(req, { timeoutMs: deps.timeoutMs() }) : api.editImages(req)), { pace: input.model })
      .finally(() => hold.release());
    if (!called.ok) {
      // A timeout, a broken connection, a 5xx or an unreadable answer carry the billed-failure words (never resent).
      throw new AppErrorException(called.failure.error);
    }
    const answer = called.value;
    const editId = newId();
    const slots = (await work.collect(answer.items, answer.items.length)).filter((s) => s.slot === 'image');
    const ok = answer.items.filter((i): i is Extract<ImageItem, { ok: true }> => i.ok);
    // The reported cost covers the whole request: spread it over the outputs so library totals add up once.
    const share = answer.costTicks === null || ok.length === 0 ? null : Math.round(answer.costTicks / ok.length);
    const meta: StagedMeta = work.stamped({
      jobId: editId, attempt: 1, requestId: answer.requestId ?? null, costTicks: answer.costTicks, share, prompt: input.prompt,
      model: input.model, params: { ...req, image: undefined, images: undefined, sources: loaded.length }, aspectRatio: null,
      ...servedOf(answer, input.quality),
      slots: ok.map(() => 'image' as const), stagedAt: clock.now(), kind: 'edit',
      edit: { instruction: input.prompt, parents: knownParents(loaded), revisedPrompts: ok.map((i) => i.revisedPrompt ?? null) },
    });
    // Paid bytes first: to disk the moment they arrive, before the ledger, the sources' import or the library.
    const staged = await work.stage(meta, slots);
    work.record('edit', editId, answer.costTicks, { estimate: cost.ticks, ...(meta.demo ? { demo: true } : {}) });
    let sourceItemIds: string[];
    try {
      sourceItemIds = await ensureInLibrary(loaded);
    } catch (err) {
      // The pasted sources could not be imported (a full disk, say): the paid images are staged all the same.
      const problem = savingProblem(err);
      return fail({ kind: 'storage', message: staged ? keptForLater(problem, 'edited image') : notKept(problem, 'edited image') });
    }
    const parents = [...new Set(sourceItemIds)];
    if (staged && meta.edit && parents.length !== meta.edit.parents.length) {
      // Pasted sources became library items just now: the staged meta learns their ids, so a recovery links them too.
      meta.edit.parents = parents;
      await work.staging.rewriteMeta(meta).catch((err: unknown) => deps.logger.warn('edit: could not update a staged meta', { editId, error: String(err) }));
    }
    if (meta.edit) meta.edit.parents = parents;
    const results: EditResultView[] = [];
    const problems: FiledSlot[] = [];
    for (const [index, { bytes }] of slots.entries()) {
      const filed = bytes ? await work.file(meta, index, bytes, staged, 'edited image') : null;
      if (filed?.state === 'done') {
        const r = filed.record;
        results.push({ itemId: r.id, file: r.file, thumb: r.thumb, preview: r.preview, width: r.width, height: r.height });
      } else problems.push(filed ?? { state: 'failed', problem: LINK_NOT_DOWNLOADED, kept: false, storage: false, reason: LINK_NOT_DOWNLOADED });
    }
    const first = problems[0];
    if (first?.state === 'failed') {
      const saved = results.length > 0 ? ` ${results.length} of ${slots.length} were saved.` : '';
      const kept = problems.every((p) => p.state === 'failed' && p.kept);
      fail({ kind: 'storage', message: `${kept ? first.reason : notKept(first.problem, 'edited image')}${saved}` });
    }
    return {
      results, blocked: answer.items.length - ok.length, requestId: answer.requestId ?? null, costTicks: answer.costTicks, sourceItemIds,
      ...(choice.notice ? { notice: choice.notice } : {}),
    };
  }

  function estimate(input: ParsedInput<'edit:estimate'>): EditEstimateView {
    const placeholder = { url: 'data:image/png;base64,' };
    const choice = resolveImageChoice(input.model, input.quality, 'edit', table());
    const est = estimateImageCost({
      model: choice.model, n: input.n, resolution: input.resolution, prompt: '', images: Array.from({ length: input.sourceCount }, () => placeholder),
      ...(choice.quality ? { quality: choice.quality } : {}),
    }, table());
    const inputTicks = est.inputTicks ?? 0;
    return {
      ticks: est.ticks, inputTicks, outputTicks: est.ticks - inputTicks, source: est.source, ...(est.quality ? { quality: est.quality } : {}),
      ...spend.check(est.ticks),
    };
  }

  /** "Vary (subtle|strong)": the image as the one source, an instruction asking for a variation (core/edit/variation). */
  async function vary(input: ParsedInput<'edit:vary'>): Promise<EditSubmitOutput> {
    const { record } = library.item(input.itemId);
    if (record.kind !== 'image') fail(validationError([{ path: 'itemId', message: 'Only images can be varied.' }]));
    const source = await prepare({ itemId: record.id });
    const limit = findImageModel(input.model, table())?.promptLimit ?? MAX_PROMPT_LENGTH;
    const { itemId: _item, strength, ...params } = input;
    return submit({ ...params, sources: [{ id: source.id, rotate: 0, crop: null }], prompt: variationInstruction(strength, record.prompt, limit) });
  }

  return { prepare, submit, estimate, vary, sweep: () => sources.sweep(clock.now() - SOURCE_TTL_MS) };
}

export type EditService = ReturnType<typeof createEditService>;
