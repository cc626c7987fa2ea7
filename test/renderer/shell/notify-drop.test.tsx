import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SettingsView } from '@contract';
import { DropOverlay } from '../../../src-renderer/src/features/shell/DropOverlay';
import { notifyWhenAway } from '../../../src-renderer/src/features/shell/notify';
import { useStudio } from '../../../src-renderer/src/stores/store';

function fakeNotification(permission: NotificationPermission) {
  const shown: { title: string; body?: string }[] = [];
  class FakeNotification {
    static permission = permission;
    static requestPermission = vi.fn(async () => 'granted' as NotificationPermission);
    onclick: (() => void) | null = null;
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, body: options?.body });
    }
    close() {}
  }
  vi.stubGlobal('Notification', FakeNotification);
  return { shown, FakeNotification };
}

const withNotifications = (on: boolean) =>
  useStudio.setState({ settingsView: { settings: { notifications: on } } as unknown as SettingsView });

describe('notifyWhenAway', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    useStudio.setState({ settingsView: null });
  });

  it('stays quiet while the window has the focus', () => {
    const { shown } = fakeNotification('granted');
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    expect(notifyWhenAway('Done', 'body')).toBe(false);
    expect(shown).toHaveLength(0);
  });

  it('tells the OS when the window is in the background, unless the setting is off or permission denied', () => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    const { shown } = fakeNotification('granted');
    withNotifications(true);
    expect(notifyWhenAway('Imagine Studio: video ready', '“a fox”')).toBe(true);
    expect(shown).toEqual([{ title: 'Imagine Studio: video ready', body: '“a fox”' }]);
    withNotifications(false);
    expect(notifyWhenAway('x', 'y')).toBe(false);
    withNotifications(true);
    fakeNotification('denied');
    expect(notifyWhenAway('x', 'y')).toBe(false);
  });

  it('asks for permission the first time, then shows', async () => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    const { shown, FakeNotification } = fakeNotification('default');
    expect(notifyWhenAway('Edit finished', '2 images ready.')).toBe(true);
    await vi.waitFor(() => expect(shown).toHaveLength(1));
    expect(FakeNotification.requestPermission).toHaveBeenCalledOnce();
  });
});

const image = (name: string) => new File([new Uint8Array([137, 80, 78, 71])], name, { type: 'image/png' });
const transfer = (files: File[]) => ({ types: ['Files'], files, dropEffect: 'none' });

describe('dropping files anywhere', () => {
  beforeEach(() => useStudio.setState({ section: 'generate', editDrop: null, notices: [] }));

  it('shows the two choices while files are dragged over, and sends "Edit these" to the Edit screen', async () => {
    const user = userEvent.setup();
    render(<DropOverlay />);
    fireEvent.dragOver(document.body, { dataTransfer: transfer([]) });
    expect(screen.getByTestId('drop-overlay')).toBeInTheDocument();
    const files = [image('a.png'), new File(['x'], 'notes.txt', { type: 'text/plain' })];
    fireEvent.drop(document.body, { dataTransfer: transfer(files) });
    expect(screen.getByRole('dialog', { name: 'What should happen to 1 image?' })).toBeInTheDocument();
    expect(useStudio.getState().notices.at(-1)?.message).toMatch(/left out notes\.txt/);
    await user.click(screen.getByRole('button', { name: /Edit these/ }));
    expect(useStudio.getState().section).toBe('edit');
    expect(useStudio.getState().editDrop?.map((f) => f.name)).toEqual(['a.png']);
    expect(screen.queryByTestId('drop-overlay')).toBeNull();
  });

  it('leaves drops to a screen that handles them itself, and sends a stray drop on Edit to its canvas', () => {
    render(
      <div
        data-testid="zone"
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => e.preventDefault()}
      />,
    );
    render(<DropOverlay />);
    fireEvent.dragOver(screen.getByTestId('zone'), { dataTransfer: transfer([]) });
    expect(screen.queryByTestId('drop-overlay')).toBeNull();
    act(() => useStudio.setState({ section: 'edit' }));
    fireEvent.dragOver(document.body, { dataTransfer: transfer([]) });
    expect(screen.queryByTestId('drop-overlay')).toBeNull();
    fireEvent.drop(document.body, { dataTransfer: transfer([image('b.png')]) });
    expect(useStudio.getState().editDrop?.map((f) => f.name)).toEqual(['b.png']);
  });

  it('Esc cancels the choice', async () => {
    const user = userEvent.setup();
    render(<DropOverlay />);
    fireEvent.drop(document.body, { dataTransfer: transfer([image('c.png')]) });
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('drop-overlay')).toBeNull();
    expect(useStudio.getState().section).toBe('generate');
  });
});
