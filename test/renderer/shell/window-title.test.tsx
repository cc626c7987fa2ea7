import { act, render } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BatchView, LibraryRecord } from '@contract';
import { useSectionDetail, useWindowTitle } from '../../../src-renderer/src/features/shell/window-title';
import { initialLibraryState } from '../../../src-renderer/src/stores/library-slice';
import { useStudio } from '../../../src-renderer/src/stores/store';

const ITEM = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

function Probe() {
  useWindowTitle();
  return null;
}

beforeEach(() => {
  useStudio.setState({ section: 'generate', batches: [], sectionDetail: {}, library: { ...initialLibraryState, records: new Map() }, viewer: null });
});

describe('the window title', () => {
  it('names the section, and follows the user around', () => {
    render(<Probe />);
    expect(document.title).toBe('Generate — Imagine Studio');
    act(() => useStudio.getState().setSection('settings'));
    expect(document.title).toBe('Settings — Imagine Studio');
  });

  it('names what is open: the item in the viewer, else the Library\'s collection or trash', () => {
    render(<Probe />);
    const record = { id: ITEM, kind: 'image', prompt: 'a red fox crossing a frozen river at dusk, long exposure, film grain, 35 mm', editInstruction: null } as unknown as LibraryRecord;
    act(() => {
      useStudio.getState().setSection('library');
      useStudio.getState().patchLibrary({
        view: { kind: 'collection', id: 'c1' },
        collections: [{ id: 'c1', name: 'Winter animals' } as never],
      });
    });
    expect(document.title).toBe('Winter animals — Library — Imagine Studio');
    act(() => {
      useStudio.getState().patchLibrary({ records: new Map([[ITEM, record]]) });
      useStudio.getState().openViewer({ id: ITEM, from: 'library' });
    });
    expect(document.title).toBe('a red fox crossing a frozen river at dusk, long exposure, f… — Library — Imagine Studio');
    act(() => {
      useStudio.getState().closeViewer();
      useStudio.getState().patchLibrary({ view: { kind: 'trash' } });
    });
    expect(document.title).toBe('Trash — Library — Imagine Studio');
  });

  it('says how much work is running', () => {
    render(<Probe />);
    const batch = { id: 'b', jobs: [{ state: 'running' }, { state: 'queued' }, { state: 'succeeded' }] } as unknown as BatchView;
    act(() => useStudio.setState({ batches: [batch] }));
    expect(document.title).toBe('Generate (2 running) — Imagine Studio');
  });

  it("names Edit's sources while Edit shows them", () => {
    function EditProbe({ detail }: { detail: string | null }) {
      useSectionDetail('edit', detail);
      return <Probe />;
    }
    act(() => useStudio.getState().setSection('edit'));
    const view = render(<EditProbe detail="beach.jpg + 1 more" />);
    expect(document.title).toBe('beach.jpg + 1 more — Edit — Imagine Studio');
    view.rerender(<EditProbe detail={null} />);
    expect(document.title).toBe('Edit — Imagine Studio');
  });
});
