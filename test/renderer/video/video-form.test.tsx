import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VideoJobView } from '@contract';
import { formFromSubmit, normalizeForm, sourceVideoReason, toSubmit } from '../../../src-renderer/src/features/video/form-model';
import { VideoJobRow } from '../../../src-renderer/src/features/video/VideoJobRow';
import { VideoPage } from '../../../src-renderer/src/features/video/VideoPage';
import { useStudio } from '../../../src-renderer/src/stores/store';
import { DEFAULT_VIDEO_FORM } from '../../../src-renderer/src/stores/video-slice';

const invoke = vi.fn();
beforeEach(() => {
  invoke.mockReset();
  invoke.mockImplementation(async (channel: string) => {
    if (channel === 'video:estimate') return { ok: true, value: { ticks: 3_000_000_000, usd: 0.3, source: 'table', issues: [] } };
    if (channel === 'video:submit') return { ok: true, value: job({ state: 'pending' }) };
    if (channel === 'video:cancel') return { ok: true, value: job({ state: 'cancelled', reason: 'You stopped waiting.' }) };
    return { ok: true, value: { ids: [], records: [], total: 0, totalCapped: false, nextCursor: null } };
  });
  (window as unknown as { api: unknown }).api = { invoke, on: () => () => {}, mediaBase: '/media/' };
  useStudio.setState((s) => ({ video: { ...s.video, jobs: [], form: DEFAULT_VIDEO_FORM, playingId: null } }));
});
afterEach(() => delete (window as unknown as { api?: unknown }).api);

function job(over: Partial<VideoJobView> = {}): VideoJobView {
  return {
    id: 'j1', mode: 'text', state: 'pending', prompt: 'a paper boat', model: 'grok-imagine-video', seconds: 6, progress: 40,
    createdAt: 1, finishedAt: null, videoRequestId: 'v', estimateTicks: 3_000_000_000, costTicks: null, reason: null, note: null,
    parentId: null, itemId: null, file: null, poster: null, durationMs: null, again: null, ...over,
  };
}

describe('video form rules', () => {
  it('builds submits per mode and names what is missing', () => {
    expect(toSubmit({ ...DEFAULT_VIDEO_FORM, prompt: '' })).toEqual({ missing: 'Write a prompt.' });
    expect(toSubmit({ ...DEFAULT_VIDEO_FORM, mode: 'image' })).toEqual({ missing: 'Choose a start image.' });
    expect(toSubmit({ ...DEFAULT_VIDEO_FORM, mode: 'extend', prompt: 'more', video: { itemId: 'a'.repeat(32), thumb: null, durationMs: 5000 } }))
      .toEqual({ submit: { mode: 'extend', prompt: 'more', model: 'grok-imagine-video', videoId: 'a'.repeat(32), extendSeconds: 6 } });
  });

  it('carries the original prompt of an accepted rewrite, and fills it back from an earlier submit', () => {
    const built = toSubmit({ ...DEFAULT_VIDEO_FORM, prompt: 'a boat, slow push-in', originalPrompt: 'a boat' });
    expect(built).toMatchObject({ submit: { mode: 'text', prompt: 'a boat, slow push-in', originalPrompt: 'a boat' } });
    expect(toSubmit({ ...DEFAULT_VIDEO_FORM, prompt: 'a boat', originalPrompt: null })).not.toHaveProperty('submit.originalPrompt');
    if (!('submit' in built)) throw new Error('expected a submit');
    expect(formFromSubmit(built.submit, DEFAULT_VIDEO_FORM)).toMatchObject({ prompt: 'a boat, slow push-in', originalPrompt: 'a boat' });
  });

  it('explains a source video that is too long, and falls back from an unavailable resolution', () => {
    const f = { ...DEFAULT_VIDEO_FORM, mode: 'edit' as const, video: { itemId: 'x', thumb: null, durationMs: 12_000 } };
    expect(sourceVideoReason(f)).toMatch(/12.0 s; edits take at most 8.7 s/);
    expect(normalizeForm({ ...DEFAULT_VIDEO_FORM, mode: 'reference', model: 'grok-imagine-video-1.5', resolution: '1080p' }).resolution).toBe('720p');
  });
});

describe('the Video screen', () => {
  it('disables 1080p with the reason, shows the estimate and submits', async () => {
    const user = userEvent.setup();
    render(<VideoPage />);
    expect(screen.getByRole('radio', { name: '1080p' })).toBeDisabled();
    expect(screen.getByText('Grok Imagine Video renders at most 720p.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Generate video' })).toBeDisabled();
    await user.type(screen.getByLabelText('Prompt'), 'a paper boat');
    await waitFor(() => expect(screen.getByRole('status', { name: 'Estimated cost' })).toHaveTextContent('about $0.30'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Model' }), 'grok-imagine-video-1.5');
    expect(screen.getByRole('radio', { name: '1080p' })).toBeEnabled();
    await user.click(screen.getByRole('radio', { name: 'Image → video' }));
    expect(screen.getByText('Image→video takes its shape from the start image.')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Text → video' }));
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await waitFor(() => expect(invoke).toHaveBeenCalledWith('video:submit', expect.objectContaining({ mode: 'text', prompt: 'a paper boat', model: 'grok-imagine-video-1.5' })));
    expect(await screen.findByRole('listitem', { name: 'Video job: a paper boat' })).toBeInTheDocument();
  });

  it('Provider MiniMax offers only MiniMax models and only what the chosen model can do, and submits to it', async () => {
    const user = userEvent.setup();
    render(<VideoPage />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Provider' }), 'minimax');
    const models = screen.getByRole('combobox', { name: 'Model' });
    const ids = [...(models as HTMLSelectElement).options].map((o) => o.value);
    expect(ids).toEqual(['MiniMax-Hailuo-2.3', 'MiniMax-Hailuo-02', 'T2V-01-Director', 'T2V-01']);
    expect(models).toHaveValue('MiniMax-Hailuo-2.3');
    // MiniMax's resolutions only (no xAI 480p), 512p disabled for Hailuo 2.3; lengths as a choice of 6 or 10 s.
    expect(screen.queryByRole('radio', { name: '480p' })).toBeNull();
    expect(screen.getByRole('radio', { name: '768p' })).toBeChecked();
    expect(screen.getByRole('radio', { name: '512p' })).toBeDisabled();
    expect([...(screen.getByRole('combobox', { name: 'Duration (seconds)' }) as HTMLSelectElement).options].map((o) => o.value)).toEqual(['6', '10']);
    await user.selectOptions(models, 'MiniMax-Hailuo-02');
    // Hailuo 02 renders 512p for image → video only (the table's per-mode fact): off for text → video.
    expect(screen.getByRole('radio', { name: '512p' })).toBeDisabled();
    await user.click(screen.getByRole('radio', { name: '1080p' }));
    expect(screen.getByText('Hailuo 02 makes 6 s videos at 1080p.')).toBeInTheDocument();
    // First + last frame only where the model pins frames (Hailuo 02), in Image → video.
    await user.click(screen.getByRole('radio', { name: 'Image → video' }));
    expect(screen.getByRole('group', { name: 'Last frame (optional)' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: '512p' })).toBeEnabled();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Model' }), 'MiniMax-Hailuo-2.3');
    expect(screen.queryByRole('group', { name: 'Last frame (optional)' })).toBeNull();
    await user.click(screen.getByRole('radio', { name: 'Text → video' }));
    await user.type(screen.getByLabelText('Prompt'), 'a lantern over a lake');
    await user.click(screen.getByRole('button', { name: 'Generate video' }));
    await waitFor(() => expect(invoke).toHaveBeenCalledWith('video:submit', expect.objectContaining({ mode: 'text', model: 'MiniMax-Hailuo-2.3', resolution: '1080p', duration: 6 })));
    // Back to xAI: its models and resolutions again.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Provider' }), 'xai');
    expect(screen.getByRole('combobox', { name: 'Model' })).toHaveValue('grok-imagine-video');
    expect(screen.queryByRole('radio', { name: '768p' })).toBeNull();
  });

  it('MiniMax without a key in main: the form says so under Provider, with the key form', async () => {
    const user = userEvent.setup();
    const base = invoke.getMockImplementation();
    invoke.mockImplementation(async (channel: string, input: { provider?: string }) => channel === 'key:status' && input.provider === 'minimax'
      ? { ok: true, value: { provider: 'minimax', configured: false, source: 'none', hint: null, state: 'not-set', message: 'No key.' } }
      : base?.(channel, input));
    render(<VideoPage />);
    expect(screen.queryByRole('region', { name: 'MiniMax key needed' })).toBeNull();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Provider' }), 'minimax');
    expect(await screen.findByRole('region', { name: 'MiniMax key needed' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add your API key' })).toBeInTheDocument();
  });

  it('a job row shows progress and stops waiting with a plain warning', async () => {
    const user = userEvent.setup();
    render(<ul><VideoJobRow job={job()} /></ul>);
    expect(screen.getByRole('progressbar', { name: 'Progress of a paper boat' })).toHaveAttribute('value', '40');
    const stop = screen.getByRole('button', { name: 'Stop waiting' });
    expect(stop).toHaveAttribute('title', expect.stringMatching(/may still finish there and be billed/));
    await user.click(stop);
    expect(invoke).toHaveBeenCalledWith('video:cancel', { id: 'j1' });
  });
});

describe('a job row’s length', () => {
  it('is the delivered length once the video is in the library (an extension: source plus the added part), else the one asked for', () => {
    const { rerender } = render(<ul><VideoJobRow job={job({ mode: 'extend', seconds: 10, state: 'pending' })} /></ul>);
    expect(screen.getByText(/· 10 s ·/)).toBeInTheDocument();
    rerender(<ul><VideoJobRow job={job({ mode: 'extend', seconds: 10, state: 'done', durationMs: 12_000, itemId: 'i', file: 'f.mp4' })} /></ul>);
    expect(screen.getByText(/· 12 s ·/)).toBeInTheDocument();
    expect(screen.queryByText(/· 10 s ·/)).toBeNull();
    rerender(<ul><VideoJobRow job={job({ state: 'done', durationMs: 6_240, itemId: 'i', file: 'f.mp4' })} /></ul>);
    expect(screen.getByText(/· 6\.2 s ·/)).toBeInTheDocument();
  });
});

describe('reuse and hand-over', () => {
  it('"Use these settings" fills the form from a finished job', async () => {
    const user = userEvent.setup();
    const again = { mode: 'extend', prompt: 'then rain', model: 'grok-imagine-video-1.5', videoId: 'c'.repeat(32), extendSeconds: 4 } as const;
    render(<ul><VideoJobRow job={job({ state: 'done', again })} /></ul>);
    await user.click(screen.getByRole('button', { name: 'Use these settings' }));
    expect(useStudio.getState().video.form).toMatchObject({ mode: 'extend', prompt: 'then rain', model: 'grok-imagine-video-1.5', extendSeconds: 4, video: { itemId: 'c'.repeat(32) } });
  });

  it('an "Animate" from the Library becomes the start image', async () => {
    const id = 'e'.repeat(32);
    invoke.mockImplementation(async (channel: string) =>
      channel === 'library:item' ? { ok: true, value: { record: { id, thumb: 'thumbs/e.webp' }, parents: [], children: [], collections: [] } }
        : { ok: true, value: { ids: [], records: [], ticks: 0, usd: 0, source: 'table', issues: [] } });
    useStudio.setState((s) => ({ library: { ...s.library, handoff: { action: 'animate', itemId: id } } }));
    render(<VideoPage />);
    await waitFor(() => expect(useStudio.getState().video.form).toMatchObject({ mode: 'image', image: { itemId: id } }));
    expect(useStudio.getState().library.handoff).toBeNull();
  });
});
