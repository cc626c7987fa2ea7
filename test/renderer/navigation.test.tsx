import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src-renderer/src/App';
import { useStudio } from '../../src-renderer/src/stores/store';

describe('the app shell', () => {
  beforeEach(() => useStudio.setState({ section: 'generate', status: 'ready' }));

  it('moves between sections with the arrow keys and wraps around', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByRole('tab', { name: /Generate/ }));
    await user.keyboard('{ArrowUp}');
    expect(screen.getByRole('tab', { name: /Settings/ })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Settings');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Edit');
    await user.keyboard('{End}');
    expect(screen.getByRole('tab', { name: /Settings/ })).toHaveFocus();
  });

  it('jumps to a section with Ctrl+number, moves the focus into it and announces it', async () => {
    const user = userEvent.setup();
    render(<App />);
    screen.getByRole('tab', { name: /Generate/ }).focus();
    await user.keyboard('{Control>}3{/Control}');
    expect(screen.getByRole('tabpanel')).toHaveAccessibleName(/Video/);
    expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();
    expect(screen.getByTestId('section-announcer')).toHaveTextContent('Video section');
    await user.keyboard('{Control>}5{/Control}');
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toHaveFocus();
    expect(screen.getByTestId('section-announcer')).toHaveTextContent('Settings section');
  });

  it('keeps the focus on the tabs when moving with the arrows', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.click(screen.getByRole('tab', { name: /Generate/ }));
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('tab', { name: /Edit/ })).toHaveFocus();
  });

  it('shows on each tab how much work still runs in its section', () => {
    const job = (state: string) => ({ state }) as never;
    useStudio.setState({
      section: 'settings', // the pages themselves need whole batches; the tabs only count
      batches: [{ jobs: [job('running'), job('queued'), job('succeeded')] }] as never,
      video: { ...useStudio.getState().video, jobs: [job('pending'), job('done')] },
    });
    render(<App />);
    expect(screen.getByRole('tab', { name: 'Generate' })).toHaveAccessibleDescription('2 running');
    expect(screen.getByRole('tab', { name: 'Video' })).toHaveAccessibleDescription('1 running');
    expect(screen.getByRole('tab', { name: 'Edit' })).not.toHaveAccessibleDescription(/running/);
    useStudio.setState({ batches: [], video: { ...useStudio.getState().video, jobs: [] } });
  });

  it('says plainly when main cannot be reached', () => {
    useStudio.setState({ status: 'failed', startupError: 'Imagine Studio could not reach its main process.' });
    render(<App />);
    expect(screen.getByRole('alert')).toHaveTextContent('could not reach its main process');
  });
});
