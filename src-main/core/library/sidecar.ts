import { LibraryRecord, LineageKind, Rating } from '@contract';
import { z } from 'zod';
import { MAX_TAGS_PER_ITEM, normalizeTag } from './search-query';
import type { NewItem, StoredItem } from './types';

/**
 * The sidecar `<id>.json` next to every media file: the item's facts, its parent edges and (since version 2) the
 * user's state — favorite, trash and collection ids, and since version 3 rating and tags — enough for `rebuild()` to recreate the index from the files
 * alone. The index stays the authority: sidecars follow it (rewritten in the background after a change), and
 * collection names live in `collections.json` at the library root so a rename does not touch every member.
 */
export const SIDECAR_FORMAT = 'imagine-studio.library-item';

const Id = z.string().regex(/^[0-9a-f]{32}$/);

const SidecarItem = LibraryRecord.omit({
  // Renditions are derived data (remade from the media file), and so is the rule that made them.
  thumbPx: true,
  favorite: true,
  rating: true,
  tags: true,
  trashedAt: true,
  missing: true,
  hasLineage: true,
  highlight: true,
});

const UserState = z.object({
  favorite: z.boolean(),
  trashedAt: z.number().int().nullable(),
  collections: z.array(Id).max(10_000),
  /** Since version 3 (absent before: unrated, untagged). */
  rating: Rating.default(0),
  tags: z.array(z.string().max(200)).max(MAX_TAGS_PER_ITEM).default([]),
});
export type UserState = z.infer<typeof UserState>;

export const Sidecar = z.object({
  format: z.literal(SIDECAR_FORMAT),
  version: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  item: SidecarItem,
  parents: z.array(z.object({ kind: LineageKind, parentId: Id })).max(100),
  /** Absent in version 1 sidecars (read as: not a favorite, not trashed, in no collection). */
  state: UserState.optional(),
});
export type Sidecar = z.infer<typeof Sidecar>;

/** An item as its sidecar describes it: what to insert, plus the collections it belongs to. */
export type SidecarEntry = NewItem & { collections: string[] };

export function toSidecar(entry: NewItem, collections: readonly string[] = []): Sidecar {
  // Parsing drops the index-only fields (missing, hasLineage...) whatever record type was passed in.
  const { favorite, trashedAt, rating, tags } = entry.item;
  const state = { favorite, trashedAt, collections: [...collections], rating, tags: [...tags] };
  return Sidecar.parse({ format: SIDECAR_FORMAT, version: 3, item: entry.item, parents: entry.parents, state });
}

export function serializeSidecar(entry: NewItem, collections: readonly string[] = []): string {
  return `${JSON.stringify(toSidecar(entry, collections), null, 2)}\n`;
}

/** Parses sidecar text; null when it is not ours or is damaged (rebuild skips it rather than failing). */
export function parseSidecar(text: string): SidecarEntry | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = Sidecar.safeParse(json);
  if (!parsed.success) return null;
  const state = parsed.data.state ?? { favorite: false, trashedAt: null, collections: [], rating: 0, tags: [] };
  const tags = [...new Set(state.tags.map(normalizeTag).filter(Boolean))].sort();
  const { favorite, trashedAt, rating } = state;
  const item: StoredItem = { ...parsed.data.item, favorite, trashedAt, rating, tags, missing: false };
  return { item, parents: parsed.data.parents, collections: state.collections };
}

/** `collections.json` at the library root: every collection's id, name and creation time. */
export const COLLECTIONS_FILE = 'collections.json';
const CollectionsFile = z.object({
  format: z.literal('imagine-studio.collections'),
  version: z.literal(1),
  collections: z.array(z.object({ id: Id, name: z.string().min(1).max(120), createdAt: z.number().int() })),
});
export type CollectionMeta = z.infer<typeof CollectionsFile>['collections'][number];

export function serializeCollections(collections: readonly CollectionMeta[]): string {
  const list = collections.map(({ id, name, createdAt }) => ({ id, name, createdAt }));
  return `${JSON.stringify({ format: 'imagine-studio.collections', version: 1, collections: list }, null, 2)}\n`;
}

/** Parses `collections.json`; an empty list when it is missing or damaged. */
export function parseCollections(text: string | null): CollectionMeta[] {
  if (text === null) return [];
  try {
    const parsed = CollectionsFile.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.collections : [];
  } catch {
    return [];
  }
}
