import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { API_GLOBAL, type EditSourceView } from '@contract';
import { createCanvasStore } from '../../../src-renderer/src/features/edit/canvas/canvas-store';
import { EditPage } from '../../../src-renderer/src/features/edit/EditPage';
import { fakeSource } from './canvas-driver';

type Handler = (input: Record<string, unknown>) => unknown;

function installApi(overrides: Record<string, Handler> = {}) {
  const calls: { channel: string; input: Record<string, unknown> }[] = [];
  let results = 0;
  const handlers: Record<string, Handler> = {
    'edit:estimate': (i) => ({ ticks: 200_000_000 * Number(i.n) + 20_000_000 * Number(i.sourceCount), outputTicks: 200_000_000 * Number(i.n), inputTicks: 20_000_000 * Number(i.sourceCount), source: 'table' }),
    'edit:prepare-source': (i): EditSourceView => {
      if (i.name === 'notes.png') throw { kind: 'validation', message: 'notes.png: This is a text file, not an image.', issues: [] };
      return fakeSource(String(i.name ?? `item ${String(i.itemId).slice(0, 4)}`));
    },
    'edit:submit': () => {
      results += 1;
      return { results: [{ itemId: results.toString(16).padStart(32, 'e'), file: `media/r${results}.png`, thumb: null, preview: null, width: 64, height: 48 }], blocked: 0, requestId: 'r', costTicks: 1, sourceItemIds: [] };
    },
    ...overrides,
  };
  (window as unknown as Record<string, unknown>)[API_GLOBAL] = {
    mediaBase: '/media/',
    on: () => () => {},
    async invoke(channel: string, input: Record<string, unknown>) {
      calls.push({ channel, input });
      try {
        return { ok: true, value: await handlers[channel]?.(input) };
      } catch (error) {
        return { ok: false, error };
      }
    },
  };
  return calls;
}

const png = (name: string) => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], name, { type: 'image/png' });

async function drop(files: File[]) {
  await act(async () => {
    fireEvent.drop(screen.getByRole('region', { name: 'Edit canvas' }), { dataTransfer: { files, types: ['Files'] } });
  });
}

describe('Edit page', () => {
  it('takes dropped files as cards, refuses a bad one with its reason, and adapts the aspect-ratio control', async () => {
    const calls = installApi();
    render(<EditPage store={createCanvasStore()} />);
    await drop([png('cat.png')]);
    expect(await screen.findByRole('listitem', { name: 'Source 1 of 1: cat.png' })).toBeInTheDocument();
    expect(screen.getByText(/keeps the source's aspect ratio/)).toBeInTheDocument();
    await drop([png('sofa.png'), png('notes.png')]);
    expect(await screen.findByRole('alert')).toHaveTextContent('notes.png was not added: This is a text file, not an image.');
    expect(await screen.findByRole('radiogroup', { name: 'Aspect ratio' })).toBeInTheDocument();
    expect(calls.filter((c) => c.channel === 'edit:prepare-source').map((c) => c.input.name)).toEqual(['cat.png', 'sofa.png', 'notes.png']);
    await waitFor(() => expect(screen.getByLabelText('Estimated cost')).toHaveTextContent('About $0.024: 1 × output ($0.020) + 2 input images ($0.004)'));
  });

  it('inserts tags from chips and warns about a tag with no source', async () => {
    installApi();
    const user = userEvent.setup();
    render(<EditPage store={createCanvasStore()} />);
    await drop([png('cat.png')]);
    await screen.findByRole('listitem', { name: /cat\.png/ });
    const box = screen.getByRole('textbox', { name: 'Edit instruction' });
    await user.type(box, 'put ');
    await user.click(screen.getByRole('button', { name: 'Insert <IMAGE_0> (cat.png)' }));
    // The chip puts the focus and caret back on the next frame: type only after, or the caret jumps mid-typing.
    await waitFor(() => expect(box).toHaveFocus());
    await user.type(box, 'on <IMAGE_1>');
    expect(box).toHaveValue('put <IMAGE_0> on <IMAGE_1>');
    expect(screen.getByText(/names <IMAGE_1>, but the canvas has only 1 source/)).toBeInTheDocument();
    expect(screen.getByText(/no mask tool/i)).toBeInTheDocument();
  });

  it('edits, edits again, and goes back to step 1 to branch', async () => {
    const calls = installApi();
    const user = userEvent.setup();
    render(<EditPage store={createCanvasStore()} />);
    await drop([png('cat.png')]);
    await screen.findByRole('listitem', { name: /cat\.png/ });
    await user.type(screen.getByRole('textbox', { name: 'Edit instruction' }), 'make it winter');
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    const results = await screen.findByRole('region', { name: 'Results' });
    expect(await within(results).findByRole('img', { name: 'Edit result 1 of step 1' })).toBeInTheDocument();
    await user.click(within(results).getByRole('button', { name: 'Edit again' }));
    expect(await screen.findByRole('listitem', { name: /^Source 1 of 1: item e{4}/ })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    const steps = await screen.findByRole('navigation', { name: 'Edit steps' });
    await waitFor(() => expect(calls.filter((c) => c.channel === 'edit:submit')).toHaveLength(2));
    expect(await within(steps).findByRole('button', { name: /Step 2 \(from step 1\)/ })).toHaveAttribute('aria-current', 'step');
    await user.click(within(steps).getByRole('button', { name: /Step 1/ }));
    expect(await screen.findByRole('listitem', { name: 'Source 1 of 1: cat.png' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    expect(await within(steps).findByRole('button', { name: /Step 3 \(from step 1\)/ })).toBeInTheDocument();
    const submits = calls.filter((c) => c.channel === 'edit:submit');
    expect(submits).toHaveLength(3);
    expect(submits[0]?.input).not.toHaveProperty('aspectRatio');
  });
});

describe('Edit page: other ways in', () => {
  it('takes a pasted image and a picked file', async () => {
    const calls = installApi();
    const user = userEvent.setup();
    render(<EditPage store={createCanvasStore()} />);
    await act(async () => {
      const paste = new Event('paste', { bubbles: true, cancelable: true });
      Object.defineProperty(paste, 'clipboardData', { value: { files: [png('clipboard.png')] } });
      window.dispatchEvent(paste);
    });
    expect(await screen.findByRole('listitem', { name: 'Source 1 of 1: clipboard.png' })).toBeInTheDocument();
    await user.upload(screen.getByLabelText('Choose images to edit'), png('picked.png'));
    expect(await screen.findByRole('listitem', { name: 'Source 2 of 2: picked.png' })).toBeInTheDocument();
    expect(calls.filter((c) => c.channel === 'edit:prepare-source')).toHaveLength(2);
  });

  it('uses the library handoff once, by item id', async () => {
    const calls = installApi();
    const { useStudio } = await import('../../../src-renderer/src/stores/store');
    act(() => useStudio.getState().handOffLibraryItem({ action: 'edit', itemId: 'ab'.repeat(16) }));
    render(<EditPage store={createCanvasStore()} />);
    expect(await screen.findByRole('listitem', { name: /^Source 1 of 1: item abab/ })).toBeInTheDocument();
    expect(calls.filter((c) => c.channel === 'edit:prepare-source').map((c) => c.input)).toEqual([{ itemId: 'ab'.repeat(16) }]);
    expect(useStudio.getState().library.handoff).toBeNull();
  });

  it('Delete removes the selected card, Ctrl+Z brings it back, but not while typing in the prompt', async () => {
    installApi();
    const user = userEvent.setup();
    render(<EditPage store={createCanvasStore()} />);
    await drop([png('a.png'), png('b.png')]);
    await screen.findByRole('listitem', { name: 'Source 2 of 2: b.png' });
    await user.click(screen.getByRole('textbox', { name: 'Edit instruction' }));
    await user.keyboard('{Delete}');
    expect(screen.getAllByRole('listitem', { name: /^Source / })).toHaveLength(2);
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('{Delete}');
    expect(screen.getAllByRole('listitem', { name: /^Source / })).toHaveLength(1);
    await user.keyboard('{Control>}z{/Control}');
    expect(screen.getAllByRole('listitem', { name: /^Source / })).toHaveLength(2);
  });
});
