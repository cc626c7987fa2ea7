import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '@contract';
import { AboutPanel } from '../../../src-renderer/src/features/settings/AboutPanel';
import { UpdatePrompt } from '../../../src-renderer/src/features/updates/UpdatePrompt';
import { startUpdates } from '../../../src-renderer/src/features/updates/updates';
import { useStudio } from '../../../src-renderer/src/stores/store';
import { emitFakeEvent, installFakeApi, view } from '../fake-api';

const info = (shell: AppInfo['shell']): AppInfo => ({
  name: 'Imagine Studio', version: '0.1.0', shell, versions: {}, dataDir: '/d', libraryDir: '/d/library', platform: 'linux',
});

beforeEach(() => useStudio.setState({ settingsView: view(), notices: [], updateStatus: null, updatePromptOpen: false }));

describe('updates in the window', () => {
  it('the browser host: About shows the version and says updates come with the desktop app, with no check button', async () => {
    installFakeApi({ 'updates:status': () => ({ state: 'unavailable', reason: 'Updates come with the desktop app.' }) });
    useStudio.setState({ info: info('browser-host') });
    await startUpdates();
    render(<AboutPanel />);
    expect(screen.getByText(/Imagine Studio 0\.1\.0/)).toBeInTheDocument();
    expect(screen.getByText('Updates come with the desktop app.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Check for updates' })).toBeNull();
    expect(screen.queryByRole('checkbox', { name: 'Check for updates automatically' })).toBeNull();
  });

  it('the desktop app: Check for updates asks main; the outcome of an asked check becomes a notice', async () => {
    const calls = installFakeApi({
      'updates:status': () => ({ state: 'idle' }),
      'updates:check': () => ({ state: 'up-to-date', version: '0.1.0', checkedAt: 0, manual: true }),
    });
    useStudio.setState({ info: info('electron') });
    await startUpdates();
    const user = userEvent.setup();
    render(<AboutPanel />);
    expect(screen.getByRole('checkbox', { name: 'Check for updates automatically' })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Check for updates' }));
    expect(calls.map((c) => c.channel)).toContain('updates:check');
    expect(await screen.findByText(/Version 0\.1\.0 is the newest/)).toBeInTheDocument();
    act(() => emitFakeEvent('updates:status', { state: 'error', message: 'The update server could not be reached (offline?). Try again later.', checkedAt: 0, manual: true }));
    expect(useStudio.getState().notices.at(-1)).toMatchObject({ level: 'error', message: expect.stringMatching(/could not be reached/) });
    // An automatic check that fails stays quiet.
    const before = useStudio.getState().notices.length;
    act(() => emitFakeEvent('updates:status', { state: 'error', message: 'x', checkedAt: 0, manual: false }));
    expect(useStudio.getState().notices).toHaveLength(before);
  });

  it('a downloaded update brings a non-blocking Restart to update bar; Later closes it, restart asks main to install', async () => {
    const calls = installFakeApi({ 'updates:status': () => ({ state: 'idle' }), 'updates:install': () => ({ restarting: true }) });
    useStudio.setState({ info: info('electron') });
    await startUpdates();
    const user = userEvent.setup();
    render(<UpdatePrompt />);
    expect(screen.queryByRole('region', { name: 'Update ready' })).toBeNull();
    act(() => emitFakeEvent('updates:status', { state: 'ready', version: '0.2.0' }));
    const bar = screen.getByRole('region', { name: 'Update ready' });
    expect(bar).toHaveTextContent('Imagine Studio 0.2.0 is ready');
    await user.click(screen.getByRole('button', { name: 'Later' }));
    expect(screen.queryByRole('region', { name: 'Update ready' })).toBeNull();
    act(() => useStudio.getState().setUpdatePromptOpen(true));
    await user.click(screen.getByRole('button', { name: 'Restart to update' }));
    expect(calls.at(-1)).toEqual({ channel: 'updates:install', input: {} });
  });
});
