import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { PromptBox } from '../../../src-renderer/src/features/generate/PromptBox';
import { LEGACY_KEY, migrateLocalHistory } from '../../../src-renderer/src/features/generate/prompt-history';

/** Main's prompt history, most recent first, answered through a stand-in window.api. */
function fakeHistory(prompts: string[]) {
  const calls: { channel: string; input: Record<string, unknown> }[] = [];
  (window as unknown as { api: unknown }).api = {
    mediaBase: '/media/',
    on: () => () => {},
    invoke: async (channel: string, input: Record<string, unknown>) => {
      calls.push({ channel, input });
      if (channel === 'prompts:history') {
        const q = String(input.query ?? '').toLowerCase();
        const found = prompts.filter((p) => p.toLowerCase().includes(q)).slice(0, Number(input.limit ?? 50));
        return { ok: true, value: { prompts: found.map((text, i) => ({ text, lastUsedAt: 100 - i, uses: 1 })) } };
      }
      if (channel === 'prompts:remember') return { ok: true, value: { count: (input.prompts as string[]).length } };
      return { ok: false, error: { kind: 'internal', message: 'no' } };
    },
  };
  return calls;
}

function Harness({ batchMode = false, initial = '' }: { batchMode?: boolean; initial?: string }) {
  // The page keeps the text in its store; a local state stands in for it.
  const [value, setValue] = useState(initial);
  return <PromptBox value={value} batchMode={batchMode} maxLength={1024} onChange={setValue} />;
}

beforeEach(() => localStorage.clear());

describe('prompt history from main', () => {
  it('Up/Down walks main\'s history (newest first) and restores the draft', async () => {
    const calls = fakeHistory(['a fox in the snow', 'a lighthouse at dusk']);
    render(<Harness initial="draft" />);
    const box = screen.getByLabelText('Prompt');
    await waitFor(() => expect(calls.some((c) => c.channel === 'prompts:history')).toBe(true));
    await act(async () => {});
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    expect(box).toHaveValue('a fox in the snow');
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    expect(box).toHaveValue('a lighthouse at dusk');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(box).toHaveValue('draft');
  });

  it('Ctrl+R opens a search that asks main, Up/Down choose, Enter puts the match in the prompt', async () => {
    const calls = fakeHistory(['a red fox', 'a lighthouse in fog', 'a Lighthouse at dusk']);
    render(<Harness />);
    const box = screen.getByLabelText('Prompt');
    fireEvent.keyDown(box, { key: 'r', ctrlKey: true });
    const search = screen.getByRole('combobox', { name: 'Search prompt history' });
    expect(search).toHaveFocus();
    fireEvent.change(search, { target: { value: 'LIGHTHOUSE' } });
    const list = await screen.findByRole('listbox', { name: 'Earlier prompts' });
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(2));
    expect(calls.at(-1)).toMatchObject({ channel: 'prompts:history', input: { query: 'LIGHTHOUSE' } });
    expect(within(list).getAllByRole('option')[0]).toHaveAttribute('aria-selected', 'true');
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(within(list).getAllByRole('option')[1]).toHaveAttribute('aria-selected', 'true');
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(box).toHaveValue('a Lighthouse at dusk');
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
  });

  it('the History button opens the search; in batch mode a pick adds a line; Esc closes', async () => {
    fakeHistory(['one more']);
    render(<Harness batchMode initial={'first\n'} />);
    fireEvent.click(screen.getByRole('button', { name: 'History (Ctrl+R)' }));
    fireEvent.click(await screen.findByRole('option', { name: 'one more' }));
    expect(screen.getByLabelText('Prompts (one per line)')).toHaveValue('first\none more');
    fireEvent.click(screen.getByRole('button', { name: 'History (Ctrl+R)' }));
    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'zzz' } });
    expect(await screen.findByText('No earlier prompt contains that.')).toBeInTheDocument();
    fireEvent.keyDown(screen.getByRole('combobox'), { key: 'Escape' });
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
  });

  it('hands the old localStorage history to main once, then removes it', async () => {
    const calls = fakeHistory([]);
    localStorage.setItem(LEGACY_KEY, JSON.stringify(['old one', 'old two', 3]));
    expect(await migrateLocalHistory()).toBe(2);
    expect(calls).toEqual([{ channel: 'prompts:remember', input: { prompts: ['old one', 'old two'] } }]);
    expect(localStorage.getItem(LEGACY_KEY)).toBeNull();
    expect(await migrateLocalHistory()).toBe(0);
    expect(calls).toHaveLength(1);
  });
});
