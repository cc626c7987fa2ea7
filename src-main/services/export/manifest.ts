import type { LibraryItemDetail, LibraryRecord } from '@contract';
import { ticksToUsd } from '../../core/xai/cost';

/** One item in `metadata.json`: everything needed to know what it is and to make it again. */
export interface ManifestItem {
  file: string;
  id: string;
  kind: LibraryRecord['kind'];
  origin: LibraryRecord['origin'];
  createdAt: string;
  prompt: string;
  editInstruction: string | null;
  model: string | null;
  params: Record<string, unknown>;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  costTicks: number | null;
  costUsd: number | null;
  requestId: string | null;
  moderation: string | null;
  /** Lineage edges; `file` names the other end when it is in the same zip. */
  parents: { kind: string; id: string; file: string | null }[];
  children: { kind: string; id: string; file: string | null }[];
}

/** The zip's `metadata.json`: the receipts of every item, readable without Imagine Studio. */
export interface Manifest {
  app: 'Imagine Studio';
  version: 1;
  exportedAt: string;
  format: string;
  items: ManifestItem[];
}

/** Builds the manifest once every file name is known, so lineage can point at files inside the same zip. */
export function buildManifest(
  entries: readonly { file: string; detail: LibraryItemDetail }[],
  options: { exportedAt: number; format: string },
): Manifest {
  const fileOf = new Map(entries.map((e) => [e.detail.record.id, e.file]));
  const edge = (l: LibraryItemDetail['parents'][number]) => ({ kind: l.kind, id: l.record.id, file: fileOf.get(l.record.id) ?? null });
  return {
    app: 'Imagine Studio',
    version: 1,
    exportedAt: new Date(options.exportedAt).toISOString(),
    format: options.format,
    items: entries.map(({ file, detail: { record: r, parents, children } }) => ({
      file,
      id: r.id,
      kind: r.kind,
      origin: r.origin,
      createdAt: new Date(r.createdAt).toISOString(),
      prompt: r.prompt,
      editInstruction: r.editInstruction,
      model: r.model,
      params: r.params,
      width: r.width,
      height: r.height,
      durationMs: r.durationMs,
      costTicks: r.costTicks,
      costUsd: r.costTicks === null ? null : ticksToUsd(r.costTicks),
      requestId: r.requestId,
      moderation: r.moderation,
      parents: parents.map(edge),
      children: children.map(edge),
    })),
  };
}
