import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LibraryMaintenance } from '@contract';
import { MaintenanceStatus } from '../../../src-renderer/src/features/library/MaintenanceStatus';
import { LibraryPanel } from '../../../src-renderer/src/features/settings/LibraryPanel';
import { initialLibraryState } from '../../../src-renderer/src/stores/library-slice';
import { useStudio } from '../../../src-renderer/src/stores/store';
import { installFakeApi, NO_KEY, view } from '../fake-api';

const status = (over: Partial<LibraryMaintenance>): LibraryMaintenance => ({
  task: 'rebuild', state: 'running', progress: 0.45, items: 9000, elapsedMs: 3000, ...over,
});
const setStatus = (maintenance: LibraryMaintenance | null) =>
  act(() => useStudio.setState((s) => ({ library: { ...s.library, maintenance } })));

beforeEach(() => useStudio.setState({ settingsView: view(), keyStatus: NO_KEY, library: { ...initialLibraryState } }));

describe('Settings → Library: Rebuild library', () => {
  it('starts a rebuild, shows its progress and rate while it runs, then what it did', async () => {
    let finish = () => {};
    const calls = installFakeApi({ 'library:rebuild': () => new Promise((r) => (finish = () => r({ items: 20000, skipped: 0 }))) });
    const user = userEvent.setup();
    render(<LibraryPanel />);
    await user.click(screen.getByRole('button', { name: 'Rebuild library' }));
    // The panel also asks desktop:capabilities (whether "Choose folder…" exists); the click sends one rebuild.
    expect(calls.map((c) => c.channel).filter((c) => c.startsWith('library:'))).toEqual(['library:rebuild']);
    setStatus(status({}));
    expect(screen.getByRole('button', { name: 'Rebuild library' })).toBeDisabled();
    expect(screen.getByRole('progressbar', { name: 'Rebuild progress' })).toHaveAttribute('value', '45');
    expect(screen.getByRole('status')).toHaveTextContent('Rebuilding… 45% · 9,000 items · 3,000 items/s');
    setStatus(status({ state: 'done', progress: 1, items: 20000, message: 'Library rebuilt: 20,000 items.' }));
    finish();
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Library rebuilt: 20,000 items.'));
    expect(screen.getByRole('button', { name: 'Rebuild library' })).toBeEnabled();
  });

  it('says why a rebuild failed', async () => {
    installFakeApi({ 'library:rebuild': () => Promise.reject({ kind: 'storage', message: 'The disk is full.' }) });
    const user = userEvent.setup();
    render(<LibraryPanel />);
    await user.click(screen.getByRole('button', { name: 'Rebuild library' }));
    await waitFor(() => expect(useStudio.getState().notices.at(-1)?.message).toBe('The library could not be rebuilt: The disk is full.'));
  });
});

describe('the Library says when a check runs', () => {
  it('shows the start-up check while it runs and nothing once it is done', () => {
    render(<MaintenanceStatus />);
    expect(screen.queryByRole('status')).toBeNull();
    setStatus(status({ task: 'check', progress: 0.3 }));
    expect(screen.getByRole('status', { name: 'Library check' })).toHaveTextContent('Checking library files… 30%');
    setStatus(status({ task: 'check', state: 'done', progress: 1 }));
    expect(screen.queryByRole('status')).toBeNull();
  });
});
