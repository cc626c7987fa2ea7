import { LibraryRecord, LineageKind } from '@contract';
import { z } from 'zod';
import type { NewItem, StoredItem } from './types';

/**
 * The sidecar `<id>.json` next to every media file: the item's immutable facts and its parent edges, enough for
 * `rebuild()` to recreate the index from the files alone. Mutable user state (favorite, trash, collections) lives
 * only in the index.
 */
export const SIDECAR_FORMAT = 'imagine-studio.library-item';

const SidecarItem = LibraryRecord.omit({
  favorite: true,
  trashedAt: true,
  missing: true,
  hasLineage: true,
  highlight: true,
});

export const Sidecar = z.object({
  format: z.literal(SIDECAR_FORMAT),
  version: z.literal(1),
  item: SidecarItem,
  parents: z.array(z.object({ kind: LineageKind, parentId: z.string().regex(/^[0-9a-f]{32}$/) })).max(100),
});
export type Sidecar = z.infer<typeof Sidecar>;
const SidecarOut = Sidecar;

export function toSidecar(entry: NewItem): Sidecar {
  // Parsing drops the index-only fields (favorite, trash, hasLineage...) whatever record type was passed in.
  return SidecarOut.parse({ format: SIDECAR_FORMAT, version: 1, item: entry.item, parents: entry.parents });
}

export function serializeSidecar(entry: NewItem): string {
  return `${JSON.stringify(toSidecar(entry), null, 2)}\n`;
}

/** Parses sidecar text; null when it is not ours or is damaged (rebuild skips it rather than failing). */
export function parseSidecar(text: string): NewItem | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = Sidecar.safeParse(json);
  if (!parsed.success) return null;
  const item: StoredItem = { ...parsed.data.item, favorite: false, trashedAt: null, missing: false };
  return { item, parents: parsed.data.parents };
}
