import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../src-renderer/src/App';
import { isTyping, registerShortcuts, shortcutGroups } from '../../../src-renderer/src/features/shell/shortcuts';
import { ShortcutsHost } from '../../../src-renderer/src/features/shell/ShortcutsOverlay';
import { useStudio } from '../../../src-renderer/src/stores/store';

describe('the shortcuts registry', () => {
  it('lists groups in order, replaces a group by id, and removes it again', () => {
    const off = registerShortcuts({ id: 'test-a', title: 'Test A', order: 99, shortcuts: [{ keys: 'X', action: 'Do x' }] });
    expect(shortcutGroups().at(-1)?.id).toBe('test-a');
    expect(shortcutGroups()[0]?.id).toBe('app');
    const offB = registerShortcuts({ id: 'test-a', title: 'Test A2', order: 99, shortcuts: [] });
    expect(shortcutGroups().filter((g) => g.id === 'test-a')).toHaveLength(1);
    off(); // a stale remover does not remove the replacement
    expect(shortcutGroups().some((g) => g.title === 'Test A2')).toBe(true);
    offB();
    expect(shortcutGroups().some((g) => g.id === 'test-a')).toBe(false);
  });

  it('knows a text field from a checkbox', () => {
    const text = document.createElement('input');
    const box = document.createElement('input');
    box.type = 'checkbox';
    expect(isTyping(text)).toBe(true);
    expect(isTyping(box)).toBe(false);
    expect(isTyping(document.createElement('textarea'))).toBe(true);
    expect(isTyping(document.body)).toBe(false);
  });
});

describe('the shortcuts overlay', () => {
  beforeEach(() => useStudio.setState({ section: 'generate', status: 'ready', shortcutsOpen: false }));

  it('opens on ? and on Ctrl+/, lists every screen, closes on Esc and gives the focus back', async () => {
    const user = userEvent.setup();
    render(<App />);
    const tab = screen.getByRole('tab', { name: /Library/ });
    tab.focus();
    await user.keyboard('?');
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const title of ['Anywhere', 'Generate', 'Edit', 'Library']) {
      expect(within(dialog).getByRole('heading', { name: title })).toBeInTheDocument();
    }
    expect(within(dialog).getByText('Search prompt history')).toBeInTheDocument();
    expect(within(dialog).getByText('Move the selection to the trash')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: /Close/ })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
    expect(tab).toHaveFocus();
    await user.keyboard('{Control>}/{/Control}');
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
    await user.keyboard('{Control>}/{/Control}');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
  });

  it('leaves ? alone in a text field, but Ctrl+/ works there too', () => {
    render(
      <>
        <input aria-label="Prompt" />
        <ShortcutsHost />
      </>,
    );
    const field = screen.getByLabelText('Prompt');
    fireEvent.keyDown(field, { key: '?' });
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.keyDown(field, { key: '/', ctrlKey: true });
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
    act(() => useStudio.getState().setShortcutsOpen(false));
  });
});
