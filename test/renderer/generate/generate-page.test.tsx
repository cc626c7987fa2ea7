import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BatchView, JobView } from '@contract';
import { GeneratePage } from '../../../src-renderer/src/features/generate/GeneratePage';
import { onJobProgress } from '../../../src-renderer/src/features/generate/commands';
import { batchSummary, promptsOf, usd } from '../../../src-renderer/src/features/generate/format';
import { ratioBox } from '../../../src-renderer/src/features/controls/ratio-box';
import { pushHistory, stepHistory } from '../../../src-renderer/src/features/generate/prompt-history';
import { DEFAULT_DRAFT } from '../../../src-renderer/src/stores/jobs-slice';
import { useStudio } from '../../../src-renderer/src/stores/store';
import { ShortcutsHost } from '../../../src-renderer/src/features/shell/ShortcutsOverlay';
import { installFakeApi } from '../fake-api';

const CENT = 100_000_000;
const id = (n: number) => n.toString(16).padStart(32, '0');

function job(over: Partial<JobView> = {}): JobView {
  return {
    id: id(2), batchId: id(1), prompt: 'a fox', promptIndex: 0, n: 2, state: 'queued', attempts: 0, createdAt: 0, startedAt: null,
    finishedAt: null, costTicks: null, requestId: null, error: null, note: null,
    tiles: [0, 1].map((index) => ({ index, state: 'pending' as const, itemId: null, thumb: null, width: null, height: null, reason: null })),
    ...over,
  };
}
const batch = (jobs: JobView[]): BatchView => ({
  id: id(1), createdAt: 0, model: 'grok-imagine-image', aspectRatio: '16:9', resolution: '1k', n: 2, prompts: ['a fox'], estimateTicks: 4 * CENT, jobs,
});


beforeEach(() => {
  useStudio.setState({ batches: [], ledger: null, estimate: null, draft: DEFAULT_DRAFT, draftTouched: false, submitError: null });
});
afterEach(() => vi.useRealTimers());

describe('pure helpers', () => {
  it('splits batch mode into prompts, formats money and ratio boxes', () => {
    expect(promptsOf(' a \n\n b ', true)).toEqual(['a', 'b']);
    expect(promptsOf(' a \n b ', false)).toEqual(['a \n b']);
    expect(usd(8 * CENT)).toBe('$0.08');
    expect(ratioBox('16:9', 32)).toEqual({ width: 32, height: 18 });
    expect(ratioBox('9:16', 32)).toEqual({ width: 18, height: 32 });
  });

  it('walks prompt history like a shell and restores the draft', () => {
    const h = pushHistory(pushHistory(['x'], 'y'), 'x');
    expect(h).toEqual(['y', 'x']);
    expect(stepHistory(h, 2, -1, 'draft')).toEqual({ cursor: 1, text: 'x' });
    expect(stepHistory(h, 1, -1, 'draft')).toEqual({ cursor: 0, text: 'y' });
    expect(stepHistory(h, 1, 1, 'draft')).toEqual({ cursor: 2, text: 'draft' });
  });

  it('summarises a batch', () => {
    const b = batch([job({ state: 'partially-blocked', costTicks: 4 * CENT, tiles: [
      { index: 0, state: 'blocked', itemId: null, thumb: null, width: null, height: null, reason: 'policy' },
      { index: 1, state: 'done', itemId: id(9), thumb: 'thumbs/x.webp', width: 1408, height: 768, reason: null },
    ] })]);
    expect(batchSummary(b)).toMatchObject({ total: 2, done: 1, blocked: 1, active: false, costTicks: 4 * CENT });
  });
});

describe('GeneratePage', () => {
  it('submits with Ctrl+Enter, shows the batch at once and fills tiles from progress events', async () => {
    const calls = installFakeApi({
      'jobs:estimate': () => ({ images: 2, requests: 1, perImageTicks: 2 * CENT, ticks: 4 * CENT, source: 'table', budgetCapUsd: null, committedTicks: 0, exceedsBudget: false }),
      'jobs:submit': () => batch([job()]),
    });
    render(<GeneratePage />);
    const box = screen.getByLabelText('Prompt');
    fireEvent.change(box, { target: { value: 'a fox' } });
    expect(screen.getByText(/^5 \/ 1024/)).toHaveTextContent('5 / 1024 characters');
    expect(await screen.findByTestId('cost-estimate')).toHaveTextContent('$0.04');
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    const grid = await screen.findByRole('region', { name: 'Batch: a fox' });
    expect(within(grid).getAllByRole('listitem')).toHaveLength(2);
    expect(calls.find((c) => c.channel === 'jobs:submit')?.input).toMatchObject({ prompts: ['a fox'], n: 1, quality: 'auto' });
    act(() => onJobProgress({ job: job({ state: 'failed', error: { kind: 'api', message: 'xAI had a server error' },
      tiles: job().tiles.map((t) => ({ ...t, state: 'failed' as const, reason: 'xAI had a server error' })) }) }));
    expect(within(grid).getAllByText('xAI had a server error')).toHaveLength(2);
    expect(within(grid).getAllByRole('button', { name: 'Retry' })).toHaveLength(2);
  });

  it('never says "Write a prompt" about a filled form, nor keeps the old cost for a cleared one (issue 14.12)', async () => {
    installFakeApi({
      'jobs:estimate': () => ({ images: 1, requests: 1, perImageTicks: 2 * CENT, ticks: 2 * CENT, source: 'table', budgetCapUsd: null, committedTicks: 0, exceedsBudget: false }),
    });
    render(<GeneratePage />);
    expect(screen.getByText('Write a prompt to see the cost.')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Prompt'), { target: { value: 'a fox' } });
    // At once, before the estimate's debounce and round trip.
    expect(screen.queryByText('Write a prompt to see the cost.')).toBeNull();
    expect(screen.getByText('Working out the cost…')).toBeInTheDocument();
    expect(await screen.findByTestId('cost-estimate')).toHaveTextContent('$0.02');
    fireEvent.change(screen.getByLabelText('Prompt'), { target: { value: '  ' } });
    expect(screen.getByText('Write a prompt to see the cost.')).toBeInTheDocument();
    expect(screen.queryByTestId('cost-estimate')).toBeNull();
  });

  it('shows a budget refusal from main, and the shortcuts overlay on ?', async () => {
    installFakeApi({ 'jobs:estimate': () => ({ images: 4, requests: 1, perImageTicks: 2 * CENT, ticks: 8 * CENT, source: 'table', budgetCapUsd: 0.05, committedTicks: 0, exceedsBudget: true }) });
    (window as unknown as { api: { invoke: unknown } }).api.invoke = async (channel: string) =>
      channel === 'jobs:submit'
        ? { ok: false, error: { kind: 'validation', message: 'This batch would cost about $0.08 … over your budget cap of $0.05.', issues: [] } }
        : { ok: true, value: { images: 4, requests: 1, perImageTicks: 2 * CENT, ticks: 8 * CENT, source: 'table', budgetCapUsd: 0.05, committedTicks: 0, exceedsBudget: true } };
    render(<><GeneratePage /><ShortcutsHost /></>);
    fireEvent.change(screen.getByLabelText('Prompt'), { target: { value: 'pricey' } });
    expect(await screen.findByText(/Over budget/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('budget cap of $0.05');
    fireEvent.keyDown(window, { key: '?' });
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
  });

  it('offers the model\'s aspect ratios as radios: 21:9 and 5:2 only on 2.0', () => {
    installFakeApi({});
    render(<GeneratePage />);
    const group = screen.getByRole('radiogroup', { name: 'Aspect ratio' });
    expect(within(group).getAllByRole('radio')).toHaveLength(14);
    expect(within(group).queryByRole('radio', { name: '21:9' })).toBeNull();
    fireEvent.click(within(group).getByRole('radio', { name: /16:9/ }));
    expect(useStudio.getState().draft.aspectRatio).toBe('16:9');
    expect(within(group).getByRole('radio', { name: /auto/ })).toBeInTheDocument();
    fireEvent.change(screen.getByRole('combobox', { name: 'Model' }), { target: { value: 'grok-imagine-image-2.0' } });
    expect(within(group).getAllByRole('radio')).toHaveLength(16);
    fireEvent.click(within(group).getByRole('radio', { name: '5:2' }));
    // Back to 1.0: a ratio it does not take moves to 1:1, and the user is told.
    fireEvent.change(screen.getByRole('combobox', { name: 'Model' }), { target: { value: 'grok-imagine-image' } });
    expect(useStudio.getState().draft.aspectRatio).toBe('1:1');
    expect(useStudio.getState().notices.at(-1)?.message).toMatch(/does not take 5:2; using 1:1/);
  });
});
