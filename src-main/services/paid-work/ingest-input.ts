/**
 * How each kind of staged image work becomes a library item: the one place that knows, so the first filing and the
 * recovery at start file the same item with the same lineage.
 */
import type { StagedMeta } from '../../core/jobs/result-staging';
import type { ImageResult } from '../../core/xai';
import type { IngestInput } from '../library/ingest';

/**
 * Who served a response and at what quality, for the staged meta (issue 15.5): the response's `model` when it names
 * one (xai-imagine-api-updates.md §1 #3, §7 Q3), the quality that was sent (`auto` is never sent, §1 #5).
 */
export function servedOf(result: Pick<ImageResult, 'model'>, quality: string | null | undefined): Pick<StagedMeta, 'servedModel' | 'servedQuality'> {
  return { ...(result.model ? { servedModel: result.model } : {}), ...(quality ? { servedQuality: quality } : {}) };
}

/** Served model, quality and the request's whole bill on the item, and who made it how (issue 18 §7), from a staged meta. */
const served = (meta: StagedMeta): Pick<IngestInput, 'servedModel' | 'servedQuality' | 'billedTicks' | 'provider' | 'operation' | 'seed'> => ({
  servedModel: meta.servedModel ?? null, servedQuality: meta.servedQuality ?? null, billedTicks: meta.costTicks,
  provider: meta.provider ?? null, operation: meta.operation ?? (meta.kind === 'edit' ? 'edit' : 'generate'), seed: meta.seed ?? null,
});

/** The library ingest of one paid result (slot `index`), from the staged meta alone. */
export function ingestInputOf(meta: StagedMeta, bytes: Uint8Array, index = 0): IngestInput {
  if (meta.kind === 'video' && meta.video) {
    const { edited, parents } = meta.video;
    return {
      bytes, kind: 'video', origin: edited ? 'edited' : 'generated', prompt: meta.prompt, editInstruction: edited ? meta.prompt : null,
      ...(meta.originalPrompt ? { originalPrompt: meta.originalPrompt } : {}),
      model: meta.model, params: meta.params, costTicks: meta.costTicks, requestId: meta.requestId, moderation: 'passed', sourceJobId: meta.jobId,
      parents, ...served(meta), operation: meta.operation ?? null,
    };
  }
  if (meta.kind === 'edit' && meta.edit) {
    return {
      bytes, kind: 'image', origin: 'edited', prompt: meta.edit.revisedPrompts[index] ?? meta.prompt, editInstruction: meta.edit.instruction,
      model: meta.model, params: meta.params, costTicks: meta.share, requestId: meta.requestId, sourceJobId: meta.jobId, ...served(meta),
      parents: meta.edit.parents.map((parentId) => ({ kind: 'edited-from' as const, parentId })),
    };
  }
  return {
    bytes, kind: 'image', origin: 'generated', prompt: meta.prompt, model: meta.model, params: meta.params,
    ...(meta.originalPrompt ? { originalPrompt: meta.originalPrompt } : {}),
    aspectRatio: meta.aspectRatio, costTicks: meta.share, requestId: meta.requestId, moderation: 'passed', sourceJobId: meta.jobId,
    ...served(meta), ...(meta.subjectItemId ? { parents: [{ kind: 'reference-of' as const, parentId: meta.subjectItemId }] } : {}),
  };
}
