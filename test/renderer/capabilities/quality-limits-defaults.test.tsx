/**
 * Issue 15.3–15.5 and 14.8 in the forms: "Quality" appears where 2.0 is chosen (Generate, Edit) and not for 1.0;
 * the Edit canvas takes 5 sources on 2.0, and switching to 1.0 with 5 says so and lets the user choose which to drop;
 * the viewer names the model that served; Settings reach Generate, Video and Edit live until the user touches them.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { API_GLOBAL, SETTINGS_DEFAULTS, type LibraryRecord } from '@contract';
import { createCanvasStore } from '../../../src-renderer/src/features/edit/canvas/canvas-store';
import { EditPage } from '../../../src-renderer/src/features/edit/EditPage';
import { OptionsBar } from '../../../src-renderer/src/features/generate/OptionsBar';
import { followSettings } from '../../../src-renderer/src/features/settings/form-defaults';
import { factsOf } from '../../../src-renderer/src/features/viewer/viewer-facts';
import { DEFAULT_DRAFT } from '../../../src-renderer/src/stores/jobs-slice';
import { useStudio } from '../../../src-renderer/src/stores/store';
import { DEFAULT_VIDEO_FORM } from '../../../src-renderer/src/stores/video-slice';
import { fakeSource } from '../edit/canvas-driver';
import { view } from '../fake-api';

beforeEach(() => {
  useStudio.setState((s) => ({ draft: DEFAULT_DRAFT, draftTouched: false, settingsView: null, video: { ...s.video, form: DEFAULT_VIDEO_FORM, touched: false } }));
});

function installEditApi() {
  const calls: { channel: string; input: Record<string, unknown> }[] = [];
  (window as unknown as Record<string, unknown>)[API_GLOBAL] = {
    mediaBase: '/media/',
    on: () => () => {},
    async invoke(channel: string, input: Record<string, unknown>) {
      calls.push({ channel, input });
      if (channel === 'edit:prepare-source') return { ok: true, value: fakeSource(String(input.name)) };
      if (channel === 'edit:estimate') return { ok: true, value: { ticks: 1, outputTicks: 1, inputTicks: 0, source: 'table', quality: 'medium', budgetCapUsd: null, committedTicks: 0, exceedsBudget: false } };
      return { ok: false, error: { kind: 'internal', message: channel } };
    },
  };
  return calls;
}

const png = (name: string) => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], name, { type: 'image/png' });

describe('Quality (issue 15.3)', () => {
  it('Generate shows Quality for 2.0 (Auto says it serves Low) and none for 1.0', () => {
    render(<OptionsBar />);
    expect(screen.queryByRole('radiogroup', { name: 'Quality' })).toBeNull();
    fireEvent.change(screen.getByRole('combobox', { name: 'Model' }), { target: { value: 'grok-imagine-image-2.0' } });
    const quality = screen.getByRole('radiogroup', { name: 'Quality' });
    expect(within(quality).getAllByRole('radio').map((r) => r.textContent)).toEqual(['Auto (low)', 'Low', 'Medium']);
    fireEvent.click(within(quality).getByRole('radio', { name: 'Medium' }));
    expect(useStudio.getState().draft.quality).toBe('medium');
    // 2.0 offers the wide ratios; 1.0 does not.
    expect(within(screen.getByRole('radiogroup', { name: 'Aspect ratio' })).getByRole('radio', { name: '21:9' })).toBeInTheDocument();
    fireEvent.change(screen.getByRole('combobox', { name: 'Model' }), { target: { value: 'grok-imagine-image' } });
    expect(screen.queryByRole('radiogroup', { name: 'Quality' })).toBeNull();
    expect(within(screen.getByRole('radiogroup', { name: 'Aspect ratio' })).queryByRole('radio', { name: '21:9' })).toBeNull();
  });
});

describe('Edit sources per model (issue 15.4)', () => {
  it('takes 5 on 2.0; switching to 1.0 explains and drops the ones the user picks', async () => {
    const calls = installEditApi();
    render(<EditPage store={createCanvasStore()} />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Model' }), { target: { value: 'grok-imagine-image-2.0' } });
    expect(screen.getByRole('radiogroup', { name: 'Quality' })).toBeInTheDocument();
    expect(within(screen.getByRole('radiogroup', { name: 'Quality' })).getByRole('radio', { name: 'Auto (medium)' })).toBeInTheDocument();
    await act(async () => {
      fireEvent.drop(screen.getByRole('region', { name: 'Edit canvas' }), { dataTransfer: { files: ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => png(`${n}.png`)), types: ['Files'] } });
    });
    expect(await screen.findByRole('listitem', { name: 'Source 5 of 5: e.png' })).toBeInTheDocument();
    expect(await screen.findByRole('alert')).toHaveTextContent('f.png was not added: This model edits at most 5 images at once');
    await waitFor(() => expect(calls.filter((c) => c.channel === 'edit:estimate').at(-1)?.input).toMatchObject({ sourceCount: 5, quality: 'auto', model: 'grok-imagine-image-2.0' }));

    fireEvent.change(screen.getByRole('combobox', { name: 'Model' }), { target: { value: 'grok-imagine-image' } });
    const chooser = screen.getByRole('group', { name: /Grok Imagine Image edits at most 3 images at once; there are 5/ });
    // Nothing is dropped or switched until the user confirms; the last two are preselected.
    expect(screen.getByRole('combobox', { name: 'Model' })).toHaveValue('grok-imagine-image-2.0');
    expect(within(chooser).getByRole('checkbox', { name: /Drop source 4/ })).toBeChecked();
    fireEvent.click(within(chooser).getByRole('checkbox', { name: /Drop source 4/ }));
    fireEvent.click(within(chooser).getByRole('checkbox', { name: /Drop source 1/ }));
    fireEvent.click(within(chooser).getByRole('button', { name: 'Drop 2 and use Grok Imagine Image' }));
    expect(screen.getByRole('combobox', { name: 'Model' })).toHaveValue('grok-imagine-image');
    const names = screen.getAllByRole('listitem', { name: /^Source \d of 3/ }).map((li) => li.getAttribute('aria-label'));
    expect(names).toEqual(['Source 1 of 3: b.png', 'Source 2 of 3: c.png', 'Source 3 of 3: d.png']);
    expect(screen.queryByRole('radiogroup', { name: 'Quality' })).toBeNull();
  });

  it('"Keep the current model" leaves the sources and the model as they were', async () => {
    installEditApi();
    render(<EditPage store={createCanvasStore()} />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Model' }), { target: { value: 'grok-imagine-image-2.0' } });
    await act(async () => {
      fireEvent.drop(screen.getByRole('region', { name: 'Edit canvas' }), { dataTransfer: { files: ['a', 'b', 'c', 'd'].map((n) => png(`${n}.png`)), types: ['Files'] } });
    });
    await screen.findByRole('listitem', { name: 'Source 4 of 4: d.png' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Model' }), { target: { value: 'grok-imagine-image' } });
    fireEvent.click(screen.getByRole('button', { name: 'Keep the current model' }));
    expect(screen.queryByRole('group', { name: /edits at most 3/ })).toBeNull();
    expect(screen.getByRole('combobox', { name: 'Model' })).toHaveValue('grok-imagine-image-2.0');
    expect(screen.getAllByRole('listitem', { name: /of 4/ })).toHaveLength(4);
  });
});

describe('the viewer names the model that served (issue 15.5)', () => {
  it('shows the served model first, the requested one when they differ, the quality and the bill', () => {
    const record = {
      model: 'grok-imagine-image-quality', servedModel: 'grok-imagine-image-2.0', servedQuality: 'low', billedTicks: 800_000_000, costTicks: 400_000_000,
      width: 1024, height: 1024, aspectRatio: '1:1', bytes: 1000, kind: 'image', durationMs: null, createdAt: 0, origin: 'generated', requestId: null, moderation: 'passed',
    } as unknown as LibraryRecord;
    const facts = Object.fromEntries(factsOf(record).map((f) => [f.label, f.value]));
    expect(facts).toMatchObject({ Model: 'grok-imagine-image-2.0', 'Requested model': 'grok-imagine-image-quality', Quality: 'Low', 'Billed for the request': '$0.08' });
  });
});

describe('Settings apply live to untouched forms (issue 14.8)', () => {
  it('Generate and Video follow every change until the user changes their options; the prompt does not count', () => {
    const stop = followSettings();
    try {
      act(() => useStudio.getState().setSettingsView(view({ imageModel: 'grok-imagine-image-2.0', imageAspectRatio: '5:2', imageCount: 3, imageQuality: 'medium', videoDurationSec: 10, videoAspectRatio: '9:16', videoResolution: '720p' })));
      expect(useStudio.getState().draft).toMatchObject({ model: 'grok-imagine-image-2.0', aspectRatio: '5:2', n: 3, quality: 'medium' });
      expect(useStudio.getState().video.form).toMatchObject({ duration: 10, aspectRatio: '9:16', resolution: '720p' });
      // Typing a prompt is not touching the options.
      act(() => useStudio.getState().setDraft({ text: 'a fox' }));
      act(() => useStudio.getState().setSettingsView(view({ imageModel: 'grok-imagine-image', imageAspectRatio: '5:2' })));
      // 1.0 cannot take 5:2: the form gets what the model takes, never an option it cannot send.
      expect(useStudio.getState().draft).toMatchObject({ model: 'grok-imagine-image', aspectRatio: '1:1', text: 'a fox' });
      act(() => useStudio.getState().setDraft({ n: 2 }));
      act(() => useStudio.getState().patchVideoForm({ duration: 4 }));
      act(() => useStudio.getState().setSettingsView(view({ imageCount: 7, videoDurationSec: 12 })));
      expect(useStudio.getState().draft.n).toBe(2);
      expect(useStudio.getState().video.form.duration).toBe(4);
    } finally {
      stop();
    }
  });

  it('Edit follows them too: at once when it opens, live while open, until the user changes an option on the stage', () => {
    installEditApi();
    const stop = followSettings();
    try {
      // Changed while Edit was closed: the canvas opens with it.
      act(() => useStudio.getState().setSettingsView(view({ imageModel: 'grok-imagine-image-2.0', imageCount: 3, imageQuality: 'medium' })));
      const canvas = createCanvasStore();
      render(<EditPage store={canvas} />);
      const model = screen.getByRole('combobox', { name: 'Model' });
      const radio = (group: string, name: string) => within(screen.getByRole('radiogroup', { name: group })).getByRole('radio', { name });
      expect(model).toHaveValue('grok-imagine-image-2.0');
      expect(screen.getByRole('spinbutton', { name: 'Images' })).toHaveValue(3);
      expect(radio('Quality', 'Medium')).toHaveAttribute('aria-checked', 'true');
      // Changed while Edit is open: the untouched options follow, fitted to what the model takes.
      act(() => useStudio.getState().setSettingsView(view({ imageModel: 'grok-imagine-image', imageCount: 2, imageResolution: '2k' })));
      expect(model).toHaveValue('grok-imagine-image');
      expect(screen.getByRole('spinbutton', { name: 'Images' })).toHaveValue(2);
      expect(radio('Resolution', '2k')).toHaveAttribute('aria-checked', 'true');
      expect(screen.queryByRole('radiogroup', { name: 'Quality' })).toBeNull();
      // The user picks 1k on the stage: from now on Settings leave Edit's options alone (and still reach Generate).
      fireEvent.click(radio('Resolution', '1k'));
      act(() => useStudio.getState().setSettingsView(view({ imageModel: 'grok-imagine-image-2.0', imageCount: 6, imageResolution: '2k' })));
      expect(model).toHaveValue('grok-imagine-image');
      expect(screen.getByRole('spinbutton', { name: 'Images' })).toHaveValue(2);
      expect(radio('Resolution', '1k')).toHaveAttribute('aria-checked', 'true');
      expect(canvas.getState().params).toMatchObject({ model: 'grok-imagine-image', n: 2, resolution: '1k', aspectRatio: 'auto' });
      expect(useStudio.getState().draft).toMatchObject({ model: 'grok-imagine-image-2.0', n: 6, resolution: '2k' });
    } finally {
      stop();
    }
  });

  it('both forms start from the defaults Settings starts from', () => {
    expect(DEFAULT_DRAFT).toMatchObject({
      model: SETTINGS_DEFAULTS.imageModel, n: SETTINGS_DEFAULTS.imageCount, aspectRatio: SETTINGS_DEFAULTS.imageAspectRatio,
      resolution: SETTINGS_DEFAULTS.imageResolution, quality: SETTINGS_DEFAULTS.imageQuality,
    });
    expect(DEFAULT_VIDEO_FORM).toMatchObject({
      model: SETTINGS_DEFAULTS.videoModel, duration: SETTINGS_DEFAULTS.videoDurationSec, aspectRatio: SETTINGS_DEFAULTS.videoAspectRatio,
      resolution: SETTINGS_DEFAULTS.videoResolution,
    });
  });
});
