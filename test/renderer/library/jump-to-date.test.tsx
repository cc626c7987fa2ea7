import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LibraryToolbar } from '../../../src-renderer/src/features/library/LibraryToolbar';
import { monthMoment } from '../../../src-renderer/src/features/library/jump-commands';
import { initialLibraryState } from '../../../src-renderer/src/stores/library-slice';
import { useStudio } from '../../../src-renderer/src/stores/store';
import { installFakeApi } from '../fake-api';

// Every id has arrived (far-pages.test.ts: a jump past the ids paged in so far).
const ids = Array.from({ length: 1000 }, (_, i) => (i + 1).toString(16).padStart(32, '0'));
beforeEach(() => useStudio.setState({ library: { ...initialLibraryState, status: 'ready', total: 1000, ids, loaded: 1000 }, notices: [] }));

describe('Jump to date (issue 16)', () => {
  it('a month is its last moment newest first and its first moment oldest first (local time)', () => {
    expect(monthMoment('2021-03', 'newest')).toBe(new Date(2021, 3, 1).getTime() - 1);
    expect(monthMoment('2021-12', 'newest')).toBe(new Date(2022, 0, 1).getTime() - 1);
    expect(monthMoment('2021-03', 'oldest')).toBe(new Date(2021, 2, 1).getTime());
    expect(monthMoment('2021-13', 'newest')).toBeNull();
    expect(monthMoment('', 'newest')).toBeNull();
  });

  it('asks main where the month begins in this view and hands that item to the grid, nearest end when past it', async () => {
    const asked: unknown[] = [];
    let index = 420;
    installFakeApi({
      'library:position': (input: unknown) => {
        asked.push(input);
        return { index, capped: false };
      },
    });
    const user = userEvent.setup();
    render(<LibraryToolbar onToggleFilters={() => {}} filtersOpen={false} activeFilters={0} />);
    const month = screen.getByLabelText('Jump to date');
    await user.type(month, '2021-03');
    await vi.waitFor(() => expect(useStudio.getState().library.jump).toEqual({ index: 420 }));
    expect(asked.at(-1)).toEqual({ filter: { trashed: false }, sort: 'newest', at: new Date(2021, 3, 1).getTime() - 1 });
    index = 5000;
    useStudio.getState().patchLibrary({ jump: null });
    await user.clear(month);
    await user.type(month, '2019-01');
    await vi.waitFor(() => expect(useStudio.getState().library.jump).toEqual({ index: 999 }));
  });

  it('is off where dates are not in order (largest first, highest rated, best match while searching)', () => {
    installFakeApi({});
    useStudio.getState().patchLibrary({ sort: 'largest' });
    render(<LibraryToolbar onToggleFilters={() => {}} filtersOpen={false} activeFilters={0} />);
    expect(screen.getByLabelText('Jump to date')).toBeDisabled();
  });
});
