import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionBanner, RESTART_HINT_MS } from '../../../src-renderer/src/features/shell/ConnectionBanner';
import { useReconnect } from '../../../src-renderer/src/features/shell/connection';

/** MutationObserver callbacks are microtasks: let them run inside act. */
async function setBridge(state: 'connected' | 'disconnected' | 'signed-out') {
  await act(async () => {
    document.documentElement.dataset.bridge = state;
    await Promise.resolve();
  });
}

function Probe({ rehydrate }: { rehydrate: () => Promise<void> }) {
  return <p>state: {useReconnect(rehydrate)}</p>;
}

describe('the connection banner', () => {
  afterEach(() => {
    delete document.documentElement.dataset.bridge;
    vi.useRealTimers();
  });

  it('shows while the host is away and hides when it is back', async () => {
    await setBridge('connected');
    render(<ConnectionBanner />);
    expect(screen.queryByText(/Reconnecting to Imagine Studio/)).toBeNull();
    await setBridge('disconnected');
    expect(screen.getByRole('status')).toHaveTextContent('Reconnecting to Imagine Studio…');
    await setBridge('connected');
    expect(screen.queryByText(/Reconnecting to Imagine Studio/)).toBeNull();
  });

  it('after a while, says what to do when the host was restarted', async () => {
    vi.useFakeTimers();
    render(<ConnectionBanner />);
    await setBridge('disconnected');
    expect(screen.getByRole('status')).not.toHaveTextContent('open the address it printed');
    act(() => vi.advanceTimersByTime(RESTART_HINT_MS + 10));
    expect(screen.getByRole('status')).toHaveTextContent('open the address it printed');
  });

  it('rehydrates once per reconnect, never on the first connection', async () => {
    const rehydrate = vi.fn(async () => {});
    await setBridge('connected');
    render(<Probe rehydrate={rehydrate} />);
    expect(rehydrate).not.toHaveBeenCalled();
    await setBridge('disconnected');
    expect(screen.getByText('state: disconnected')).toBeInTheDocument();
    await setBridge('connected');
    expect(rehydrate).toHaveBeenCalledTimes(1);
    await setBridge('disconnected');
    await setBridge('connected');
    expect(rehydrate).toHaveBeenCalledTimes(2);
  });

  it('counts the desktop app (no bridge attribute) as connected', () => {
    render(<Probe rehydrate={async () => {}} />);
    expect(screen.getByText('state: connected')).toBeInTheDocument();
  });
});

describe('a tab that is signed out', () => {
  afterEach(() => {
    delete document.documentElement.dataset.bridge;
  });

  it('says which address to open, and rehydrates once signed in again', async () => {
    const rehydrate = vi.fn(async () => {});
    await setBridge('connected');
    render(<><ConnectionBanner /><Probe rehydrate={rehydrate} /></>);
    await setBridge('signed-out');
    expect(screen.getByText('state: signed-out')).toBeInTheDocument();
    expect(screen.getAllByRole('status')[0]).toHaveTextContent('not signed in to Imagine Studio');
    expect(screen.getAllByRole('status')[0]).toHaveTextContent('host-token');
    await setBridge('connected');
    expect(rehydrate).toHaveBeenCalledTimes(1);
  });
});
