import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { JobView, LibraryRecord } from '@contract';
import { JobTile } from '../../../src-renderer/src/features/generate/JobTile';
import { initialLibraryState } from '../../../src-renderer/src/stores/library-slice';
import { useStudio } from '../../../src-renderer/src/stores/store';

const id = (n: number) => n.toString(16).padStart(32, '0');
const ITEM = id(7);

function record(over: Partial<LibraryRecord> = {}): LibraryRecord {
  return {
    id: ITEM, kind: 'image', createdAt: 0, prompt: 'a lighthouse', editInstruction: null, model: 'grok-imagine-image', params: {},
    width: 1024, height: 1024, aspectRatio: '1:1', durationMs: null, bytes: 1000, mime: 'image/png', costTicks: null, requestId: null,
    moderation: null, sourceJobId: null, origin: 'generated', favorite: false, rating: 0, tags: [], trashedAt: null, missing: false, hasLineage: false,
    file: 'files/x.png', thumb: 'thumbs/x.webp', preview: null, ...over,
  };
}

const job: JobView = {
  id: id(2), batchId: id(1), prompt: 'a lighthouse', promptIndex: 0, n: 1, state: 'succeeded', attempts: 1, createdAt: 0, startedAt: 0,
  finishedAt: 1, costTicks: 0, requestId: null, error: null, note: null,
  tiles: [{ index: 0, state: 'done', itemId: ITEM, thumb: 'thumbs/t.webp', width: 1024, height: 1024, reason: null }],
};

/** A stand-in for window.api: `library:records` answers the current stored record; events are emitted by hand. */
function fakeApi() {
  const state = { favorite: false, asked: 0 };
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  (window as unknown as { api: unknown }).api = {
    mediaBase: '/media/',
    on: (event: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    invoke: async (channel: string) => {
      if (channel === 'library:records') {
        state.asked += 1;
        return { ok: true, value: { records: [record({ favorite: state.favorite })] } };
      }
      return { ok: false, error: { kind: 'internal', message: `no ${channel}` } };
    },
  };
  const emit = (payload: unknown) => act(() => listeners.get('library:changed')?.forEach((l) => l(payload)));
  return { state, emit };
}

const star = () => within(screen.getByRole('group', { name: 'Tile actions' })).getByRole('button', { name: 'Favorite' });
const renderTile = () => render(<ul><JobTile tile={job.tiles[0]!} job={job} aspect="1:1" now={0} onRetry={() => {}} /></ul>);

beforeEach(() => {
  useStudio.setState({ notices: [], library: { ...initialLibraryState, records: new Map(), handoff: null } });
});

describe('a Generate tile follows library:changed for its item', () => {
  it('refetches its record when an event names its id, without the Library having it loaded', async () => {
    const api = fakeApi();
    renderTile();
    expect(star()).toHaveAttribute('aria-pressed', 'false');
    api.state.favorite = true;
    api.emit({ reason: 'updated', ids: [ITEM] });
    await waitFor(() => expect(star()).toHaveAttribute('aria-pressed', 'true'));
    api.state.favorite = false;
    api.emit({ reason: 'updated', ids: [ITEM] });
    await waitFor(() => expect(star()).toHaveAttribute('aria-pressed', 'false'));
  });

  it('ignores events about other items', async () => {
    const api = fakeApi();
    renderTile();
    api.state.favorite = true;
    api.emit({ reason: 'updated', ids: [id(8)] });
    await act(async () => {});
    expect(api.state.asked).toBe(0);
    expect(star()).toHaveAttribute('aria-pressed', 'false');
  });

  it('refetches on an event without ids once it has shown the record', async () => {
    const api = fakeApi();
    renderTile();
    // Not loaded yet: an event without ids (a rebuild) does not make every tile ask.
    api.emit({ reason: 'rebuilt' });
    await act(async () => {});
    expect(api.state.asked).toBe(0);
    fireEvent.pointerEnter(screen.getByRole('listitem'));
    await waitFor(() => expect(api.state.asked).toBe(1));
    api.state.favorite = true;
    api.emit({ reason: 'rebuilt' });
    await waitFor(() => expect(star()).toHaveAttribute('aria-pressed', 'true'));
    expect(api.state.asked).toBe(2);
  });
});
