/**
 * The edit use cases: prepare a source (bytes or a library item) into the temp area, estimate, and submit an edit
 * whose results are ingested with `edited-from` links to every source. Runs its own call on the shared Imagine
 * client because the generation queue (jobs) takes prompt-only requests so far, but pays through the same ledger and
 * budget (`SpendPort`): an edit over the cap is refused with its estimate, its cost counts as committed while it is
 * in flight, and what xAI reports lands in the session / day / all-time totals beside the image batches.
 *
 * Paid results are written to disk before anything else: the moment the answer arrives its images go to the same
 * staging area as the queue's (`ResultStaging`, meta `kind: 'edit'`), then into the library with their `edited-from`
 * links, each staged copy dropped once filed. A crash or a full disk in between leaves them staged, and the next
 * start files them with their lineage (services/generation/staged-recovery.ts).
 */
import type {
  EditEstimateView, EditResultView, EditSourceView, EditSubmitOutput, LibraryItemDetail, LibraryRecord,
  ParsedInput,
} from '@contract';
import { AppErrorException, fail, toAppError } from '../../core/app-error';
import { billedFailure } from '../../core/jobs/billed-failure';
import { InMemoryResultStaging, type ResultStaging, type StagedImage, type StagedMeta } from '../../core/jobs/result-staging';
import { titleFromFileName } from '../../core/library/title';
import { describeStorageError } from '../../core/storage-error';
import type { EditSourceStore, SourceNormalizer, StoredSourceMeta } from '../../core/edit/ports';
import type { Clock, Logger } from '../../core/ports';
import {
  bytesToDataUri, estimateImageCost, findImageModel, imageEditIssues, validationError, type ImageEditRequest, type ImageItem,
  type ImagineApi,
} from '../../core/xai';
import { BUILT_IN_TABLE } from '@contract';
import type { CapabilitySource } from '../models/capability-service';
import { ingestInputOf, servedOf } from '../generation/run-job';
import { resolveImageChoice } from '@contract';
import { budgetRefusal, type SpendPort } from '../generation/spend';
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
}

/** Prepared sources older than this are swept at start. */
export const SOURCE_TTL_MS = 7 * 24 * 3600 * 1000;
/** Tries per edit when xAI answers 429. */
const RATE_LIMIT_ATTEMPTS = 3;
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

const keptOrNot = (problem: string, kept: boolean) =>
  kept
    ? `The edited image arrived but could not be saved: ${problem}. It is kept and will be saved the next time Imagine Studio starts.`
    : `The edited image arrived but could not be saved: ${problem}.`;

export function createEditService(deps: EditServiceDeps) {
  const { api, library, normalizer, sources, clock, spend } = deps;
  const newId = deps.newId ?? randomId;
  const staging = deps.staging ?? new InMemoryResultStaging();
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

  /**
   * The shared client makes one attempt (the generation scheduler owns its 429 handling), so an edit waits out a
   * rate limit itself: a 429 was not billed, so trying again is safe. Other failures are not retried, since a
   * network error after sending may already have been billed.
   */
  async function sendEdit(req: ImageEditRequest) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await (deps.timeoutMs ? api.editImages(req, { timeoutMs: deps.timeoutMs() }) : api.editImages(req));
      } catch (err) {
        const e = toAppError(err);
        if (e.kind !== 'rate-limited' || attempt >= RATE_LIMIT_ATTEMPTS) throw err;
        deps.logger.warn('edit: rate limited, retrying', { attempt });
        await clock.sleep(Math.min(e.retryAfterMs ?? 2000, 30_000));
      }
    }
  }

  async function itemBytes(item: Extract<ImageItem, { ok: true }>): Promise<Uint8Array> {
    if (item.bytes) return item.bytes;
    if (item.url) return (await api.download(item.url, { maxBytes: 64 * 1024 * 1024 })).bytes;
    return fail({ kind: 'api', status: 200, code: 'bad-response', message: 'xAI sent an image without data.' });
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
    let answer;
    try {
      answer = await sendEdit(req);
    } catch (err) {
      // A timeout, a broken connection, a 5xx or an unreadable answer may have been billed: say so (never resent).
      throw new AppErrorException(billedFailure(toAppError(err), 'edit'));
    } finally {
      hold.release();
    }
    const editId = newId();
    const ok = answer.items.filter((i): i is Extract<ImageItem, { ok: true }> => i.ok);
    // The reported cost covers the whole request: spread it over the outputs so library totals add up once.
    const share = answer.costTicks === null || ok.length === 0 ? null : Math.round(answer.costTicks / ok.length);
    const meta: StagedMeta = {
      jobId: editId, attempt: 1, requestId: answer.requestId ?? null, costTicks: answer.costTicks, share, prompt: input.prompt,
      model: input.model, params: { ...req, image: undefined, images: undefined, sources: loaded.length }, aspectRatio: null,
      ...servedOf(answer, input.quality),
      slots: ok.map(() => 'image' as const), stagedAt: clock.now(), kind: 'edit',
      edit: { instruction: input.prompt, parents: knownParents(loaded), revisedPrompts: ok.map((i) => i.revisedPrompt ?? null) },
      ...(spend.isDemo() ? { demo: true } : {}),
    };
    // Paid bytes first: to disk the moment they arrive, before the ledger, the sources' import or the library.
    const bytes = await Promise.all(ok.map((item) => itemBytes(item)));
    const staged = await stage(meta, bytes.map((b, index) => ({ index, bytes: b, mime: ok[index]?.mime ?? 'image/jpeg' })));
    if (answer.costTicks !== null) spend.record({ kind: 'edit', ref: editId, ticks: answer.costTicks, ...(meta.demo ? { demo: true } : {}) });
    let sourceItemIds: string[];
    try {
      sourceItemIds = await ensureInLibrary(loaded);
    } catch (err) {
      // The pasted sources could not be imported (a full disk, say): the paid images are staged all the same.
      return fail({ kind: 'storage', message: keptOrNot(describeStorageError(err) ?? toAppError(err).message, staged) });
    }
    const parents = [...new Set(sourceItemIds)];
    if (staged && meta.edit && parents.length !== meta.edit.parents.length) {
      // Pasted sources became library items just now: the staged meta learns their ids, so a recovery links them too.
      meta.edit.parents = parents;
      await staging.rewriteMeta(meta).catch((err: unknown) => deps.logger.warn('edit: could not update a staged meta', { editId, error: String(err) }));
    }
    if (meta.edit) meta.edit.parents = parents;
    const results: EditResultView[] = [];
    const problems: string[] = [];
    for (const [index, data] of bytes.entries()) {
      try {
        const record = await library.ingest(ingestInputOf(meta, data, index));
        if (staged) await staging.remove(editId, 1, index).catch(() => {});
        results.push({ itemId: record.id, file: record.file, thumb: record.thumb, preview: record.preview, width: record.width, height: record.height });
      } catch (err) {
        const refused = toAppError(err).kind === 'validation';
        if (staged && refused) await staging.remove(editId, 1, index).catch(() => {});
        problems.push(describeStorageError(err) ?? toAppError(err).message);
        if (!staged || refused) deps.logger.error('edit: a paid result could not be saved', { editId, problem: problems.at(-1) });
      }
    }
    if (problems.length > 0) {
      const kept = staged && results.length + problems.length === bytes.length;
      const saved = results.length > 0 ? ` ${results.length} of ${bytes.length} were saved.` : '';
      fail({ kind: 'storage', message: `${keptOrNot(problems[0] as string, kept)}${saved}` });
    }
    return {
      results, blocked: answer.items.length - ok.length, requestId: answer.requestId ?? null, costTicks: answer.costTicks, sourceItemIds,
      ...(choice.notice ? { notice: choice.notice } : {}),
    };
  }

  /** Stages the paid images; false (logged) when the staging area cannot take them: the library may still. */
  async function stage(meta: StagedMeta, images: StagedImage[]): Promise<boolean> {
    if (images.length === 0) return false;
    try {
      await staging.put({ meta, images });
      deps.logger.info('edit: result staged', { editId: meta.jobId, requestId: meta.requestId, images: images.length });
      return true;
    } catch (err) {
      deps.logger.error('edit: could not stage a paid result', { editId: meta.jobId, problem: describeStorageError(err) ?? String(err) });
      return false;
    }
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

  return { prepare, submit, estimate, sweep: () => sources.sweep(clock.now() - SOURCE_TTL_MS) };
}

export type EditService = ReturnType<typeof createEditService>;
