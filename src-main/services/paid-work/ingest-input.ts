/**
 * How each kind of staged image work becomes a library item: the one place that knows, so the first filing and the
 * recovery at start file the same item with the same lineage.
 */
import type { StagedMeta } from '../../core/jobs/result-staging';
import type { IngestInput } from '../library/ingest';

/** The library ingest of one paid image (slot `index`), from the staged meta alone. */
export function ingestInputOf(meta: StagedMeta, bytes: Uint8Array, index = 0): IngestInput {
  if (meta.kind === 'edit' && meta.edit) {
    return {
      bytes, kind: 'image', origin: 'edited', prompt: meta.edit.revisedPrompts[index] ?? meta.prompt, editInstruction: meta.edit.instruction,
      model: meta.model, params: meta.params, costTicks: meta.share, requestId: meta.requestId, sourceJobId: meta.jobId,
      parents: meta.edit.parents.map((parentId) => ({ kind: 'edited-from' as const, parentId })),
    };
  }
  return {
    bytes, kind: 'image', origin: 'generated', prompt: meta.prompt, model: meta.model, params: meta.params,
    aspectRatio: meta.aspectRatio, costTicks: meta.share, requestId: meta.requestId, moderation: 'passed', sourceJobId: meta.jobId,
  };
}
