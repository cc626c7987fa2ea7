import type { LibraryRecord } from '@contract';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LibraryToolbar } from '../../../src-renderer/src/features/library/LibraryToolbar';
import { QUERY_LANE, runQuery } from '../../../src-renderer/src/features/library/query-commands';
import { initialLibraryState } from '../../../src-renderer/src/stores/library-slice';
import { useStudio } from '../../../src-renderer/src/stores/store';
import { installFakeApi } from '../fake-api';

const id = (n: number) => n.toString(16).padStart(32, '0');

/** The toolbar with what the Library page does on a new search text: run the query. */
function Toolbar() {
  const text = useStudio((s) => s.library.text);
  useEffect(() => void runQuery(), [text]);
  return <LibraryToolbar onToggleFilters={() => {}} filtersOpen={false} activeFilters={0} />;
}

beforeEach(() => useStudio.setState({ library: { ...initialLibraryState, status: 'ready' }, notices: [] }));

describe('search as the user types (issue 16)', () => {
  it('sends every keystroke at once in its lane and shows only the answer to the latest text', async () => {
    const held: { text: string; lane?: string; answer: (superseded?: boolean) => void }[] = [];
    const calls = installFakeApi({
      'library:query': (input: { filter: { text?: string }; lane?: string }) =>
        new Promise((resolve) => {
          const text = input.filter.text ?? '';
          const n = text.length;
          held.push({
            text,
            ...(input.lane ? { lane: input.lane } : {}),
            answer: (superseded) =>
              resolve(superseded ? { ids: [], total: 0, totalCapped: false, nextCursor: null, superseded: true } : { ids: [id(n)], total: n * 1000, totalCapped: n > 2, nextCursor: null, records: [] }),
          });
        }),
    });
    const user = userEvent.setup();
    render(<Toolbar />);
    const box = screen.getByRole('searchbox', { name: 'Search prompts' });
    // The query of the page as it opens.
    await vi.waitFor(() => expect(held).toHaveLength(1));
    held.shift()?.answer();
    await vi.waitFor(() => expect(useStudio.getState().library.ids).toEqual([id(0)]));
    calls.length = 0;
    await user.type(box, 'fox');
    // No debounce and no waiting for main: each keystroke is on its way, all in this window's lane, so main can
    // drop the ones it has not started (see library-service queryLatest).
    await vi.waitFor(() => expect(held.map((h) => h.text)).toEqual(['f', 'fo', 'fox']));
    expect(new Set(held.map((h) => h.lane))).toEqual(new Set([QUERY_LANE]));
    // Main answers the latest; the others come back superseded or late, and change nothing.
    held[2]?.answer();
    await vi.waitFor(() => expect(useStudio.getState().library.ids).toEqual([id(3)]));
    held[1]?.answer(true);
    held[0]?.answer();
    await new Promise((r) => setTimeout(r, 20));
    expect(useStudio.getState().library.ids).toEqual([id(3)]);
    expect(screen.getByRole('status', { name: 'Item count' })).toHaveTextContent('3,000+ items');
    expect(useStudio.getState().library.sort).toBe('relevance');
  });

  it('keeps the old results and their records on screen until the answer replaces both in one update', async () => {
    const record = (rid: string, prompt: string): LibraryRecord => ({
      id: rid, kind: 'image', createdAt: 0, prompt, editInstruction: null, model: null, params: {}, width: 1, height: 1,
      aspectRatio: '1:1', durationMs: null, bytes: 1, mime: 'image/jpeg', costTicks: null, requestId: null, moderation: null,
      sourceJobId: null, origin: 'generated', favorite: false, rating: 0, tags: [], trashedAt: null, missing: false,
      hasLineage: false, file: 'f', thumb: 't', preview: 'p',
    });
    let answer: () => void = () => {};
    installFakeApi({
      'library:query': (input: { filter: { text?: string } }) =>
        new Promise((resolve) => {
          const text = input.filter.text ?? '';
          answer = () => resolve({ ids: [id(text.length + 10)], total: 1, totalCapped: false, nextCursor: null, records: [record(id(text.length + 10), `a ${text}`)] });
        }),
    });
    useStudio.setState({ library: { ...initialLibraryState, status: 'ready', ids: [id(1)], records: new Map([[id(1), record(id(1), 'old')]]) } });
    const updates: { ids: readonly string[]; cached: string[] }[] = [];
    const stop = useStudio.subscribe((s) => updates.push({ ids: s.library.ids, cached: [...s.library.records.keys()] }));
    const running = runQuery();
    // While main answers: the old id and its record stay (no "Loading item" tiles, no refetch of old records).
    expect(useStudio.getState().library.records.has(id(1))).toBe(true);
    updates.length = 0;
    answer();
    await running;
    stop();
    // One update brought the new ids and the new text's records, and dropped the old text's record.
    expect(updates[0]).toEqual({ ids: [id(10)], cached: [id(10)] });
  });
});
