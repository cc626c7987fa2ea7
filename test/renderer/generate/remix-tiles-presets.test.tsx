import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BUILT_IN_TABLE, type BatchView, type GeneratePreset, type JobView, type LibraryRecord } from '@contract';
import { GeneratePage } from '../../../src-renderer/src/features/generate/GeneratePage';
import { remixPatch } from '../../../src-renderer/src/features/generate/remix';
import { withSuffix } from '../../../src-renderer/src/features/generate/presets';
import { DEFAULT_DRAFT } from '../../../src-renderer/src/stores/jobs-slice';
import { initialLibraryState } from '../../../src-renderer/src/stores/library-slice';
import { useStudio } from '../../../src-renderer/src/stores/store';
import { installFakeApi } from '../fake-api';

const id = (n: number) => n.toString(16).padStart(32, '0');

function record(over: Partial<LibraryRecord> = {}): LibraryRecord {
  return {
    id: id(9), kind: 'image', createdAt: 0, prompt: 'A red fox in fresh snow', editInstruction: null, model: 'grok-imagine-image-quality',
    params: { model: 'grok-imagine-image-quality', n: 3, aspect_ratio: '9:16', resolution: '2k' }, width: 768, height: 1365, aspectRatio: '9:16',
    durationMs: null, bytes: 1000, mime: 'image/png', costTicks: null, requestId: null, moderation: null, sourceJobId: null, origin: 'generated',
    favorite: false, rating: 0, tags: [], trashedAt: null, missing: false, hasLineage: false, file: 'files/x.png', thumb: 'thumbs/x.webp', preview: null, ...over,
  };
}

const doneJob: JobView = {
  id: id(2), batchId: id(1), prompt: 'a lighthouse at dusk', promptIndex: 0, n: 1, state: 'succeeded', attempts: 1, createdAt: 0, startedAt: 0,
  finishedAt: 1, costTicks: 0, requestId: null, error: null, note: null,
  tiles: [{ index: 0, state: 'done', itemId: id(7), thumb: 'thumbs/t.webp', width: 1408, height: 768, reason: null }],
};
const doneBatch: BatchView = {
  id: id(1), createdAt: 0, model: 'grok-imagine-image-quality', aspectRatio: '16:9', resolution: '2k', n: 1, prompts: ['a lighthouse at dusk'], estimateTicks: 0, jobs: [doneJob],
};


beforeEach(() => {
  useStudio.setState({
    section: 'generate', batches: [], ledger: null, estimate: null, draft: DEFAULT_DRAFT, draftTouched: false,
    submitError: null, notices: [], library: { ...initialLibraryState, records: new Map(), handoff: null },
  });
});

describe('remixPatch', () => {
  const draft = { ...DEFAULT_DRAFT, model: 'grok-imagine-image', resolution: '1k' as const };
  it('applies valid settings, maps a retired model to its successor with the one-line notice', () => {
    const r = remixPatch({ prompt: 'p', model: 'grok-imagine-image-pro', n: 2, aspectRatio: '21:9', resolution: '2k' }, BUILT_IN_TABLE, draft);
    expect(r.patch).toEqual({ text: 'p', batchMode: false, model: 'grok-imagine-image-2.0', n: 2, aspectRatio: '21:9', resolution: '2k', quality: 'low' });
    expect(r.notes).toEqual(['grok-imagine-image-pro was retired by xAI on 2 Nov 2026; using grok-imagine-image-2.0 at Low quality.']);
  });
  it('keeps the form\'s model for an unknown one, and the form\'s values where they are out of range or not offered', () => {
    const r = remixPatch({ prompt: 'p', model: 'grok-2-image-old', n: 40, aspectRatio: '21:9', resolution: '1.5k' }, BUILT_IN_TABLE, draft);
    expect(r.patch).toEqual({ text: 'p', batchMode: false });
    expect(r.notes.join(' ')).toMatch(/grok-2-image-old is not available any more; using grok-imagine-image\..*does not take 21:9.*no 1.5k resolution/);
  });
});

describe('Remix from the Library', () => {
  it('fills prompt, model, n, aspect ratio and resolution from the item on mount', async () => {
    const calls = installFakeApi({ 'library:item': () => ({ record: record(), parents: [], children: [], collections: [] }), 'presets:list': () => ({ presets: [] }) });
    useStudio.getState().handOffLibraryItem({ action: 'remix', itemId: id(9) });
    render(<GeneratePage />);
    await waitFor(() => expect(screen.getByLabelText('Prompt')).toHaveValue('A red fox in fresh snow'));
    expect(calls.find((c) => c.channel === 'library:item')?.input).toEqual({ id: id(9) });
    expect(screen.getByRole('combobox', { name: /^Model/ })).toHaveValue('grok-imagine-image-2.0');
    expect(screen.getByRole('spinbutton', { name: 'Images per prompt' })).toHaveValue(3);
    expect(screen.getByRole('radio', { name: '9:16' })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('radio', { name: '2k' })).toHaveAttribute('aria-checked', 'true');
    expect(useStudio.getState().library.handoff).toBeNull();
    expect(useStudio.getState().notices.at(-1)?.message).toMatch(/grok-imagine-image-quality was retired by xAI on 2 Nov 2026/);
  });

  it('takes a hand-off that arrives while Generate is open; an edit gives only its prompt, with a notice', async () => {
    installFakeApi({
      'library:item': () => ({ record: record({ origin: 'edited', prompt: 'make it winter', params: { sources: 1 }, model: 'grok-imagine-image' }), parents: [], children: [], collections: [] }),
      'presets:list': () => ({ presets: [] }),
    });
    render(<GeneratePage />);
    act(() => useStudio.getState().handOffLibraryItem({ action: 'remix', itemId: id(9) }));
    await waitFor(() => expect(screen.getByLabelText('Prompt')).toHaveValue('make it winter'));
    expect(useStudio.getState().draft).toMatchObject({ n: DEFAULT_DRAFT.n, aspectRatio: DEFAULT_DRAFT.aspectRatio });
    expect(useStudio.getState().notices.at(-1)?.message).toMatch(/only the prompt of an edit was reused/);
  });

  it('an unknown model falls back with a notice', async () => {
    installFakeApi({
      'library:item': () => ({ record: record({ params: { model: 'grok-0-retired', n: 1, aspect_ratio: '1:1', resolution: '1k' } }), parents: [], children: [], collections: [] }),
      'presets:list': () => ({ presets: [] }),
    });
    useStudio.getState().handOffLibraryItem({ action: 'remix', itemId: id(9) });
    render(<GeneratePage />);
    await waitFor(() => expect(useStudio.getState().notices.at(-1)?.message).toMatch(/grok-0-retired is not available/));
    expect(useStudio.getState().draft.model).toBe('grok-imagine-image');
  });
});

describe('actions on a done tile', () => {
  const setup = () => {
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: vi.fn(async () => undefined) } });
    const calls = installFakeApi({
      'library:records': () => ({ records: [record({ id: id(7), prompt: 'a lighthouse at dusk' })] }),
      'library:favorite': (input) => ({ count: (input as { ids: string[] }).ids.length }),
      'presets:list': () => ({ presets: [] }),
    });
    useStudio.setState({ batches: [doneBatch] });
    render(<GeneratePage />);
    const tile = screen.getByRole('listitem', { name: 'Image 1: Done' });
    fireEvent.pointerEnter(tile);
    return { calls, tile };
  };

  it('offers Favorite (a toggle), Remix, Edit and Animate as buttons, and More actions', async () => {
    const { calls, tile } = setup();
    const tools = within(tile).getByRole('group', { name: 'Tile actions' });
    const fav = within(tools).getByRole('button', { name: 'Favorite' });
    await waitFor(() => expect(calls.some((c) => c.channel === 'library:records')).toBe(true));
    expect(fav).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(fav);
    expect(fav).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() => expect(calls.find((c) => c.channel === 'library:favorite')?.input).toEqual({ ids: [id(7)], favorite: true }));

    fireEvent.click(within(tools).getByRole('button', { name: 'Remix' }));
    expect(useStudio.getState().draft).toMatchObject({ text: 'a lighthouse at dusk', model: 'grok-imagine-image-2.0', aspectRatio: '16:9', resolution: '2k', n: 1 });

    fireEvent.click(within(tools).getByRole('button', { name: 'Animate' }));
    expect(useStudio.getState().section).toBe('video');
    expect(useStudio.getState().library.handoff).toEqual({ action: 'animate', itemId: id(7) });
    act(() => useStudio.setState({ section: 'generate' }));
    fireEvent.click(within(tools).getByRole('button', { name: 'Edit' }));
    expect(useStudio.getState().section).toBe('edit');
    expect(useStudio.getState().library.handoff).toEqual({ action: 'edit', itemId: id(7) });
  });

  it('right-click opens a menu with every action; keyboard moves through it; Copy prompt and Open in viewer work', async () => {
    const { tile } = setup();
    fireEvent.contextMenu(tile, { clientX: 50, clientY: 60 });
    const menu = screen.getByRole('menu', { name: 'Image actions menu' });
    const names = [...menu.querySelectorAll('[role^="menuitem"]')].map((el) => el.textContent?.slice(1).trim());
    expect(names.slice(0, 6)).toEqual(['Open in viewer', 'Favorite', 'Remix', 'Edit', 'Animate', 'Copy prompt']);
    expect(document.activeElement).toHaveTextContent('Open in viewer');
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement).toHaveTextContent('Favorite');
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();

    fireEvent.keyDown(tile, { key: 'F10', shiftKey: true });
    fireEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: /Copy prompt/ }));
    await waitFor(() => expect(navigator.clipboard.writeText).toHaveBeenCalledWith('a lighthouse at dusk'));

    fireEvent.click(within(tile).getByRole('button', { name: 'More actions' }));
    fireEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: /Open in viewer/ }));
    expect(useStudio.getState().section).toBe('generate'); // the viewer opens over the board
    expect(useStudio.getState().viewer?.id).toBe(id(7));
  });
});

describe('presets', () => {
  const preset: GeneratePreset = {
    id: id(5), name: 'Cinematic wide', model: 'grok-imagine-image-2.0', n: 2, aspectRatio: '21:9', resolution: '2k',
    promptSuffix: ', cinematic light', createdAt: 1, updatedAt: 1,
  };

  it('adds a suffix once per prompt line', () => {
    expect(withSuffix('a fox', ', film', false)).toBe('a fox, film');
    expect(withSuffix('a fox, film', ', film', false)).toBe('a fox, film');
    expect(withSuffix('a\n\nb', ', film', true)).toBe('a, film\n\nb, film');
    expect(withSuffix('', ', film', false)).toBe(', film');
  });

  it('picks a preset, saves the form under a name, renames and deletes', async () => {
    let list = [preset];
    const calls = installFakeApi({
      'presets:list': () => ({ presets: list }),
      'presets:save': (input) => {
        const p = { ...preset, id: id(6), createdAt: 2, updatedAt: 2, ...(input as object) } as GeneratePreset;
        list = [...list.filter((x) => x.id !== p.id), p];
        return p;
      },
      'presets:delete': (input) => {
        list = list.filter((x) => x.id !== (input as { id: string }).id);
        return { count: 1 };
      },
    });
    useStudio.getState().setDraft({ text: 'a harbour at night' });
    render(<GeneratePage />);
    const group = screen.getByRole('group', { name: 'Presets' });
    const select = within(group).getByRole('combobox', { name: 'Preset' });
    await within(select).findByRole('option', { name: /Cinematic wide/ });
    fireEvent.change(select, { target: { value: id(5) } });
    expect(useStudio.getState().draft).toMatchObject({ model: 'grok-imagine-image-2.0', n: 2, aspectRatio: '21:9', resolution: '2k', text: 'a harbour at night, cinematic light' });

    fireEvent.click(screen.getByRole('radio', { name: '1:1' }));
    expect(within(group).getByText('changed since picked')).toBeInTheDocument();
    fireEvent.click(within(group).getByRole('button', { name: 'Save as preset…' }));
    fireEvent.change(within(group).getByRole('textbox', { name: 'Preset name' }), { target: { value: 'Square film' } });
    fireEvent.change(within(group).getByRole('textbox', { name: /Prompt suffix/ }), { target: { value: ', 35mm' } });
    fireEvent.keyDown(within(group).getByRole('textbox', { name: 'Preset name' }), { key: 'Enter' });
    await waitFor(() => expect(calls.find((c) => c.channel === 'presets:save')?.input).toEqual({
      name: 'Square film', promptSuffix: ', 35mm', model: 'grok-imagine-image-2.0', n: 2, aspectRatio: '1:1', resolution: '2k', quality: 'auto',
    }));
    await within(select).findByRole('option', { name: /Square film/ });
    expect(select).toHaveValue(id(6));

    fireEvent.click(within(group).getByRole('button', { name: 'Rename…' }));
    const rename = within(group).getByRole('textbox', { name: /New name/ });
    expect(rename).toHaveValue('Square film');
    fireEvent.change(rename, { target: { value: 'Square 35' } });
    fireEvent.click(within(group).getByRole('button', { name: 'Rename' }));
    await within(select).findByRole('option', { name: /Square 35/ });
    expect(calls.filter((c) => c.channel === 'presets:save').at(-1)?.input).toMatchObject({ id: id(6), name: 'Square 35', aspectRatio: '1:1' });

    fireEvent.click(within(group).getByRole('button', { name: 'Delete' }));
    fireEvent.click(within(group).getByRole('button', { name: 'Delete preset' }));
    await waitFor(() => expect(within(select).queryByRole('option', { name: /Square 35/ })).toBeNull());
    expect(calls.find((c) => c.channel === 'presets:delete')?.input).toEqual({ id: id(6) });
    expect(select).toHaveValue('');
  });
});
