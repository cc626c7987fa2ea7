import type { LibraryRecord } from '@contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ID_PAGE, fetchWindow, onLibraryChanged, runQuery, toQueryFilter } from '../../../src-renderer/src/features/library/query-commands';
import { initialLibraryState } from '../../../src-renderer/src/stores/library-slice';
import { useStudio } from '../../../src-renderer/src/stores/store';

const id = (n: number) => n.toString(16).padStart(32, '0');
const ALL = Array.from({ length: 300 }, (_, i) => id(i + 1));

function record(rid: string): LibraryRecord {
  return {
    id: rid, kind: 'image', createdAt: 0, prompt: `prompt ${rid}`, editInstruction: null, model: null, params: {},
    width: 1, height: 1, aspectRatio: '1:1', durationMs: null, bytes: 1, mime: 'image/jpeg', costTicks: null,
    requestId: null, moderation: null, sourceJobId: null, origin: 'generated', favorite: false, rating: 0, tags: [], trashedAt: null,
    missing: false, hasLineage: false, file: 'f', thumb: 't', preview: 'p',
  };
}

/** A fake bridge recording calls, answering like main does. */
function installApi() {
  const calls: { channel: string; input: Record<string, unknown> }[] = [];
  const api = {
    mediaBase: '/media/',
    on: () => () => {},
    invoke: vi.fn(async (channel: string, input: Record<string, unknown>) => {
      calls.push({ channel, input });
      if (channel === 'library:query') return { ok: true, value: { ids: ALL, total: ALL.length, totalCapped: false, nextCursor: null } };
      if (channel === 'library:records') {
        const ids = input.ids as string[];
        return { ok: true, value: { records: ids.map(record) } };
      }
      return { ok: true, value: { collections: [] } };
    }),
  };
  (window as unknown as { api: unknown }).api = api;
  return calls;
}

describe('window fetching', () => {
  let calls: ReturnType<typeof installApi>;
  beforeEach(() => {
    useStudio.setState({ library: { ...initialLibraryState } });
    calls = installApi();
  });
  afterEach(() => delete (window as unknown as { api?: unknown }).api);

  it('loads ordered ids first, then only the records of the visible window, never twice', async () => {
    await runQuery();
    expect(useStudio.getState().library.ids).toHaveLength(300);
    expect(calls.filter((c) => c.channel === 'library:records')).toHaveLength(0);

    await fetchWindow([0, 40]);
    await fetchWindow([20, 60]); // overlaps: only 40..60 are new
    const asked = calls.filter((c) => c.channel === 'library:records').map((c) => (c.input.ids as string[]).length);
    expect(asked).toEqual([40, 20]);
    expect(useStudio.getState().library.records.size).toBe(60);
  });

  it('sends the search text so records come back with highlights, and a new text clears the cache', async () => {
    await runQuery();
    await fetchWindow([0, 10]);
    useStudio.getState().patchLibrary({ text: 'fox' });
    await runQuery({ keepRecords: false });
    expect(useStudio.getState().library.records.size).toBe(0);
    await fetchWindow([0, 10]);
    expect(calls.at(-1)).toMatchObject({ channel: 'library:records', input: { text: 'fox' } });
  });

  it('a change event drops the changed records so the grid refetches them', async () => {
    await runQuery();
    await fetchWindow([0, 10]);
    onLibraryChanged({ reason: 'updated', ids: [ALL[0] ?? ''] });
    const { records } = useStudio.getState().library;
    expect(records.has(ALL[0] ?? '')).toBe(false);
    expect(records.has(ALL[1] ?? '')).toBe(true);
    // The refresh asks for the whole page at once (the ids under the user never shrink to a first page).
    await new Promise((r) => setTimeout(r, 100));
    const refresh = calls.filter((c) => c.channel === 'library:query').at(-1);
    expect(refresh?.input).toMatchObject({ limit: ID_PAGE });
    expect(refresh?.input.withRecords).toBeUndefined();
  });

  it('builds the contract filter from view, form filters and text', () => {
    expect(
      toQueryFilter({
        view: { kind: 'collection', id: id(9) },
        filters: { kind: 'video', favorite: true, model: '  ', from: '2026-01-02', aspectRatio: '16:9' },
        text: '  neon  ',
      }),
    ).toEqual({
      trashed: false, collectionId: id(9), kind: 'video', favorite: true, aspectRatio: '16:9', text: 'neon',
      from: new Date(2026, 0, 2).getTime(),
    });
    expect(toQueryFilter({ view: { kind: 'trash' }, filters: {}, text: '' })).toEqual({ trashed: true });
  });
});

describe('record cache', () => {
  it('keeps at most RECORD_CACHE_LIMIT records, dropping the least recently fetched', async () => {
    const { RECORD_CACHE_LIMIT } = await import('../../../src-renderer/src/stores/library-slice');
    useStudio.setState({ library: { ...initialLibraryState } });
    const many = Array.from({ length: RECORD_CACHE_LIMIT + 10 }, (_, i) => record(id(i + 1)));
    useStudio.getState().mergeLibraryRecords(many.slice(0, 20));
    useStudio.getState().mergeLibraryRecords(many.slice(20));
    useStudio.getState().mergeLibraryRecords(many.slice(0, 1)); // fetched again: now the most recent
    const { records } = useStudio.getState().library;
    expect(records.size).toBe(RECORD_CACHE_LIMIT);
    expect(records.has(id(1))).toBe(true);
    expect(records.has(id(2))).toBe(false);
  });
});

describe('first page', () => {
  it('a new query asks for a small first page with its records, then pages the rest in before pruning the selection', async () => {
    const { firstPageSize } = await import('../../../src-renderer/src/features/library/query-commands');
    const { ids: FIRST_PAGE, records: FIRST_RECORDS } = firstPageSize(initialLibraryState.tileSize);
    await new Promise((r) => setTimeout(r, 100)); // let the change-event refresh an earlier test scheduled go by
    const many = Array.from({ length: FIRST_PAGE + 500 }, (_, i) => id(i + 1));
    const calls: Record<string, unknown>[] = [];
    const seen: number[] = [];
    (window as unknown as { api: unknown }).api = {
      mediaBase: '/media/',
      on: () => () => {},
      invoke: vi.fn(async (channel: string, input: Record<string, unknown>) => {
        if (channel !== 'library:query') return { ok: true, value: { records: [] } };
        calls.push(input);
        seen.push(useStudio.getState().library.ids.length);
        const start = input.cursor ? Number(input.cursor) : 0;
        const ids = many.slice(start, start + (input.limit as number));
        const end = start + ids.length;
        const records = input.withRecords ? ids.slice(0, input.withRecords as number).map(record) : undefined;
        return { ok: true, value: { ids, total: many.length, totalCapped: false, nextCursor: end < many.length ? String(end) : null, ...(records ? { records } : {}) } };
      }),
    };
    const last = many[many.length - 1] ?? '';
    useStudio.setState({ library: { ...initialLibraryState, selection: { selected: new Set([last, 'gone']), anchor: last } } });
    await runQuery();
    expect(calls[0]).toMatchObject({ limit: FIRST_PAGE, withRecords: FIRST_RECORDS });
    expect(calls[1]).toMatchObject({ cursor: String(FIRST_PAGE) });
    expect(seen).toEqual([0, FIRST_PAGE]); // the grid had the first page while the rest was on its way
    const lib = useStudio.getState().library;
    expect(lib.ids).toHaveLength(many.length);
    expect(lib.records.size).toBe(FIRST_RECORDS);
    expect([...lib.selection.selected]).toEqual([last]); // kept: it is in the second page
    delete (window as unknown as { api?: unknown }).api;
  });
});
