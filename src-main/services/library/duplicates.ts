import type { DuplicateReport, LibraryRecord } from '@contract';
import type { LibraryStore } from '../../core/library/library-store';
import { groupCopies } from '../../core/library/near-duplicates';
import { nextTurn } from './background';
import type { PerceptualHashQueue } from './hash-queue';

/** Groups returned at most (the largest first); the rest waits until these are dealt with. */
const MAX_GROUPS = 300;

/** The one to keep by default: best rated, then a favorite, then most pixels, then largest file, then oldest. */
function best(records: readonly LibraryRecord[]): LibraryRecord | undefined {
  const score = (r: LibraryRecord) => [r.rating, r.favorite ? 1 : 0, (r.width ?? 0) * (r.height ?? 0), r.bytes, -r.createdAt];
  return [...records].sort((a, b) => {
    const [sa, sb] = [score(a), score(b)];
    for (let i = 0; i < sa.length; i += 1) if ((sa[i] ?? 0) !== (sb[i] ?? 0)) return (sb[i] ?? 0) - (sa[i] ?? 0);
    return 0;
  })[0];
}

/**
 * "Find duplicates": groups of exact copies (same content hash) and near copies (perceptual hashes within a few
 * bits) among the images outside the trash, each with a suggested one to keep. Computed on demand, off the event
 * loop's critical path (the grouping yields every few thousand images), and kept until the library or the hashes
 * change.
 */
export function createDuplicateFinder(deps: { store: LibraryStore; hashes: PerceptualHashQueue }) {
  let cached: { key: string; report: Promise<DuplicateReport> } | null = null;
  let libraryVersion = 0;

  async function compute(): Promise<DuplicateReport> {
    const { store, hashes } = deps;
    const items = store.hashedImages();
    const groups = await groupCopies(items, { pause: nextTurn });
    groups.sort((a, b) => (a.kind === b.kind ? b.ids.length - a.ids.length : a.kind === 'exact' ? -1 : 1));
    const shown = groups.slice(0, MAX_GROUPS).flatMap((g) => {
      const records = store.records(g.ids);
      const keep = best(records);
      return keep && records.length > 1 ? [{ kind: g.kind, ids: records.map((r) => r.id), keep: keep.id }] : [];
    });
    return { groups: shown, images: items.length, pending: hashes.pending(), truncated: groups.length > MAX_GROUPS };
  }

  return {
    invalidate(): void {
      libraryVersion += 1;
    },
    report(): Promise<DuplicateReport> {
      deps.hashes.kick();
      const key = `${libraryVersion}:${deps.hashes.version}`;
      if (cached?.key !== key) cached = { key, report: compute() };
      return cached.report;
    },
  };
}
