import type { LibraryRecord, OperationName, ProviderId } from '@contract';
import type { SQLInputValue } from 'node:sqlite';
import type { StoredItem } from '../../core/library/types';

/** Column order for inserts; `toParams` yields values in the same order. */
export const ITEM_COLUMNS = [
  'id', 'kind', 'created_at', 'title', 'prompt', 'edit_instruction', 'model', 'params', 'width', 'height', 'aspect_ratio',
  'duration_ms', 'bytes', 'mime', 'cost_ticks', 'request_id', 'moderation', 'source_job_id', 'origin', 'favorite',
  'rating', 'trashed_at', 'missing', 'file', 'thumb', 'preview', 'served_model', 'served_quality', 'billed_ticks',
  'provider', 'operation', 'seed', 'original_prompt',
] as const;

/** An `items` row as node:sqlite returns it. */
export interface ItemRow {
  id: string;
  kind: 'image' | 'video';
  created_at: number;
  title: string | null;
  original_prompt?: string | null;
  prompt: string;
  edit_instruction: string | null;
  model: string | null;
  params: string;
  width: number | null;
  height: number | null;
  aspect_ratio: string | null;
  duration_ms: number | null;
  bytes: number;
  mime: string;
  cost_ticks: number | null;
  request_id: string | null;
  moderation: string | null;
  source_job_id: string | null;
  origin: LibraryRecord['origin'];
  favorite: number;
  rating: number;
  trashed_at: number | null;
  missing: number;
  has_lineage: number;
  file: string;
  thumb: string | null;
  preview: string | null;
  seq: number;
  content_hash?: string | null;
  served_model?: string | null;
  served_quality?: string | null;
  billed_ticks?: number | null;
  provider?: string | null;
  operation?: string | null;
  seed?: number | null;
  thumb_px?: number | null;
}

export function toParams(i: StoredItem): SQLInputValue[] {
  return [
    i.id, i.kind, i.createdAt, i.title ?? null, i.prompt, i.editInstruction, i.model, JSON.stringify(i.params), i.width, i.height,
    i.aspectRatio, i.durationMs, i.bytes, i.mime, i.costTicks, i.requestId, i.moderation, i.sourceJobId, i.origin,
    i.favorite ? 1 : 0, i.rating, i.trashedAt, i.missing ? 1 : 0, i.file, i.thumb, i.preview,
    i.servedModel ?? null, i.servedQuality ?? null, i.billedTicks ?? null,
    i.provider ?? null, i.operation ?? null, i.seed ?? null, i.originalPrompt ?? null,
  ];
}

function parseParams(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A row as a record; `tags` come from `item_tags` (sorted), looked up by the caller. */
export function fromRow(r: ItemRow, tags: string[] = []): LibraryRecord {
  return {
    id: r.id,
    kind: r.kind,
    createdAt: r.created_at,
    ...(r.title !== null ? { title: r.title } : {}),
    prompt: r.prompt,
    ...(r.original_prompt ? { originalPrompt: r.original_prompt } : {}),
    editInstruction: r.edit_instruction,
    model: r.model,
    params: parseParams(r.params),
    width: r.width,
    height: r.height,
    aspectRatio: r.aspect_ratio,
    durationMs: r.duration_ms,
    bytes: r.bytes,
    mime: r.mime,
    costTicks: r.cost_ticks,
    requestId: r.request_id,
    moderation: r.moderation,
    sourceJobId: r.source_job_id,
    origin: r.origin,
    favorite: r.favorite === 1,
    rating: r.rating,
    tags,
    trashedAt: r.trashed_at,
    missing: r.missing === 1,
    hasLineage: r.has_lineage === 1,
    file: r.file,
    thumb: r.thumb,
    preview: r.preview,
    ...(r.thumb_px ? { thumbPx: r.thumb_px } : {}),
    // Only when known, so records of items from before hashing read exactly as they did.
    ...(r.content_hash ? { contentHash: r.content_hash } : {}),
    ...(r.served_model ? { servedModel: r.served_model } : {}),
    ...(r.served_quality ? { servedQuality: r.served_quality } : {}),
    ...(typeof r.billed_ticks === 'number' ? { billedTicks: r.billed_ticks } : {}),
    ...(r.provider ? { provider: r.provider as ProviderId } : {}),
    ...(r.operation ? { operation: r.operation as OperationName } : {}),
    ...(typeof r.seed === 'number' ? { seed: r.seed } : {}),
  };
}
