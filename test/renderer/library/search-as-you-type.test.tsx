import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LibraryToolbar } from '../../../src-renderer/src/features/library/LibraryToolbar';
import { runQuery } from '../../../src-renderer/src/features/library/query-commands';
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
  it('searches on the keystroke itself, sends only the latest text while main is busy, and shows only its answer', async () => {
    const held: { text: string; answer: () => void }[] = [];
    const calls = installFakeApi({
      'library:query': (input: { filter: { text?: string } }) =>
        new Promise((resolve) => {
          const text = input.filter.text ?? '';
          const n = text.length;
          held.push({ text, answer: () => resolve({ ids: [id(n)], total: n * 1000, totalCapped: n > 2, nextCursor: null, records: [] }) });
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
    await user.type(box, 'f');
    // No debounce: the first letter is on its way before any timer could fire.
    await vi.waitFor(() => expect(held.map((h) => h.text)).toEqual(['f']));
    await user.type(box, 'ox');
    // Two keystrokes while main answers "f": nothing more is sent yet.
    expect(calls.filter((c) => c.channel === 'library:query')).toHaveLength(1);
    held[0]?.answer();
    // Then one query, for the text as it is now; the answer to "f" is dropped.
    await vi.waitFor(() => expect(held.map((h) => h.text)).toEqual(['f', 'fox']));
    expect(useStudio.getState().library.ids).toEqual([id(0)]);
    held[1]?.answer();
    await vi.waitFor(() => expect(useStudio.getState().library.ids).toEqual([id(3)]));
    expect(screen.getByRole('status', { name: 'Item count' })).toHaveTextContent('3,000+ items');
    expect(useStudio.getState().library.sort).toBe('relevance');
  });
});
