/**
 * Issue 16: "Jump to date" and End in a result whose ids have not paged in that far fetch the page they need
 * first — the target's page goes where it belongs (ids before it left undefined) before any page from the top —
 * and paging from the top then fills the gap without moving it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jumpToMonth } from '../../../src-renderer/src/features/library/jump-commands';
import { loadFar, loadMoreIds, loadTail, onLibraryChanged } from '../../../src-renderer/src/features/library/query-commands';
import { selectAll } from '../../../src-renderer/src/features/library/selection';
import { initialLibraryState } from '../../../src-renderer/src/stores/library-slice';
import { useStudio } from '../../../src-renderer/src/stores/store';
import { installFakeApi } from '../fake-api';

const TOTAL = 1_000_000;
const id = (n: number) => n.toString(16).padStart(32, '0');
/** Item n of the grid, newest first; n counts from 0 at the top. */
const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => id(from + i + 1));
const record = (rid: string) => ({ id: rid }) as never;

/** A library whose first 300 ids have arrived, the rest paging in 50k at a time from the top. */
beforeEach(() => {
  useStudio.setState({
    library: { ...initialLibraryState, status: 'ready', total: TOTAL, ids: ids(0, 300), shapes: ids(0, 300).map(() => 1), loaded: 300, nextCursor: 'k.1' },
    notices: [],
  });
});

type Query = { filter: Record<string, unknown>; sort: string; cursor?: string; offset?: number; limit: number; withRecords?: number; uncounted?: true };

describe('pages far down the grid (issue 16)', () => {
  it('Jump to date: the page that starts at the month comes first, placed at its index with its records, then the jump', async () => {
    const at = new Date(2021, 3, 1).getTime() - 1;
    const calls = installFakeApi({
      'library:position': () => ({ index: 343_000, capped: false }),
      'library:query': (q: Query) => {
        const page = ids(343_000, 40);
        return { ids: page, shapes: page.map(() => 1.5), total: page.length, totalCapped: false, nextCursor: null, records: page.slice(0, q.withRecords).map(record) };
      },
    });
    await jumpToMonth('2021-03');
    const queries = calls.filter((c) => c.channel === 'library:query').map((c) => c.input as Query);
    // One query, no page from the top before it: the same view from the month's last moment on, not counted.
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatchObject({ filter: { trashed: false, to: at + 1 }, sort: 'newest', uncounted: true });
    expect(queries[0]?.cursor).toBeUndefined();
    const lib = useStudio.getState().library;
    expect(lib.jump).toEqual({ index: 343_000 });
    expect(lib.ids[343_000]).toBe(id(343_001));
    expect(lib.ids[342_999]).toBeUndefined();
    expect(lib.shapes[343_000]).toBe(1.5);
    expect(lib.records.has(id(343_001))).toBe(true);
    expect(lib.loaded).toBe(300); // paging from the top goes on from where it was
    // A gap is never selected.
    expect(selectAll(lib.ids).selected.size).toBe(340);
  });

  it('Jump to date within the ids already there asks for no page', async () => {
    const calls = installFakeApi({ 'library:position': () => ({ index: 120, capped: false }) });
    await jumpToMonth('2021-03');
    expect(calls.map((c) => c.channel)).toEqual(['library:position']);
    expect(useStudio.getState().library.jump).toEqual({ index: 120 });
  });

  it('End: the last page is the view in the other order, reversed, at the end; the pages from the top then fill the gap', async () => {
    const tail = ids(TOTAL - 432, 432);
    const calls = installFakeApi({
      'library:query': (q: Query) => {
        if (q.cursor) return { ids: ids(300, 50_000), shapes: [], total: TOTAL, totalCapped: false, nextCursor: 'k.2' };
        const page = [...tail].reverse().slice(0, q.limit);
        return { ids: page, shapes: page.map(() => 1), total: page.length, totalCapped: false, nextCursor: 'k.x', records: page.slice(0, q.withRecords).map(record) };
      },
    });
    await loadTail();
    const first = calls[0]?.input as Query;
    expect(first).toMatchObject({ sort: 'oldest', uncounted: true });
    let lib = useStudio.getState().library;
    expect(lib.ids).toHaveLength(TOTAL);
    expect(lib.ids[TOTAL - 1]).toBe(id(TOTAL));
    expect(lib.ids[TOTAL - first.limit]).toBe(id(TOTAL - first.limit + 1));
    expect(lib.records.has(id(TOTAL))).toBe(true);
    expect(lib.ids[TOTAL - first.limit - 1]).toBeUndefined();

    // The next page from the top lands after the first 300, the end stays where it is.
    await loadMoreIds();
    lib = useStudio.getState().library;
    expect(lib.loaded).toBe(50_300);
    expect(lib.ids[300]).toBe(id(301));
    expect(lib.ids[50_300]).toBeUndefined();
    expect(lib.ids[TOTAL - 1]).toBe(id(TOTAL));
    expect(lib.ids).toHaveLength(TOTAL);
  });

  it('a view far down (the scrollbar dragged to 90%) asks for its page by offset from the nearer end, reversed into place', async () => {
    const calls = installFakeApi({
      'library:query': (q: Query) => {
        const page = ids(TOTAL - (q.offset ?? 0) - q.limit, q.limit).reverse();
        return { ids: page, shapes: page.map(() => 2), total: page.length, totalCapped: false, nextCursor: 'k.3' };
      },
    });
    await loadFar([900_000, 900_300]);
    expect(calls).toHaveLength(1);
    const q = calls[0]?.input as Query;
    expect(q).toMatchObject({ sort: 'oldest' });
    expect(q.cursor).toBeUndefined();
    const lib = useStudio.getState().library;
    const [[a, b]] = lib.placed as [[number, number]];
    expect(a).toBeLessThanOrEqual(900_000);
    expect(b).toBeGreaterThanOrEqual(900_300);
    expect(q.offset).toBe(TOTAL - b);
    for (const i of [a, 900_000, 900_299, b - 1]) expect(lib.ids[i]).toBe(id(i + 1));
    expect(lib.shapes[900_000]).toBe(2);
    expect(lib.loaded).toBe(300);
  });

  it('End in an order with no reverse (largest first) asks for the last page by offset', async () => {
    const calls = installFakeApi({
      'library:query': (q: Query) => {
        const page = ids(q.offset ?? 0, q.limit);
        return { ids: page, shapes: page.map(() => 1), total: page.length, totalCapped: false, nextCursor: null };
      },
    });
    useStudio.getState().patchLibrary({ sort: 'largest' });
    await loadFar([TOTAL - 200, TOTAL]);
    expect(calls).toHaveLength(1);
    const q = calls[0]?.input as Query;
    expect(q).toMatchObject({ sort: 'largest', offset: TOTAL - q.limit });
    expect(useStudio.getState().library.ids[TOTAL - 1]).toBe(id(TOTAL));
  });

  it('an item added on top moves the placed end page down with the ids, so it stays at the end', async () => {
    const tail = ids(TOTAL - 432, 432);
    const fresh = 'f'.repeat(32);
    installFakeApi({
      'library:collections': () => ({ collections: [] }),
      'library:query': (q: Query & { ids?: string[] }) => {
        if (q.ids) return { ids: q.ids, shapes: q.ids.map(() => 1), total: q.ids.length, totalCapped: false, nextCursor: null, records: [] };
        const page = [...tail].reverse().slice(0, q.limit);
        return { ids: page, shapes: page.map(() => 1), total: page.length, totalCapped: false, nextCursor: null, records: [] };
      },
    });
    await loadTail();
    const [[a, b]] = useStudio.getState().library.placed as [[number, number]];
    expect(b).toBe(TOTAL);
    vi.useFakeTimers();
    try {
      onLibraryChanged({ reason: 'added', ids: [fresh] });
      await vi.runOnlyPendingTimersAsync(); // the burst of additions is placed on a short timer
    } finally {
      vi.useRealTimers();
    }
    const lib = useStudio.getState().library;
    expect(lib.ids[0]).toBe(fresh);
    expect(lib.total).toBe(TOTAL + 1);
    expect(lib.loaded).toBe(301);
    expect(lib.placed).toEqual([[a + 1, b + 1]]);
    expect(lib.ids[TOTAL]).toBe(id(TOTAL));
    expect(lib.ids[a + 1]).toBe(id(a + 1));
  });

  it('End leaves a capped search count, or an order with no reverse, to the pages from the top', async () => {
    const calls = installFakeApi({});
    useStudio.getState().patchLibrary({ totalCapped: true, text: 'fox' });
    await loadTail();
    useStudio.getState().patchLibrary({ totalCapped: false, sort: 'largest' });
    await loadTail();
    expect(calls).toHaveLength(0);
  });
});
