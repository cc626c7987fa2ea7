import type { LibraryRecord } from '@contract';
import { act, fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LibraryGrid } from '../../../src-renderer/src/features/library/LibraryGrid';
import { initialLibraryState } from '../../../src-renderer/src/stores/library-slice';
import { useStudio } from '../../../src-renderer/src/stores/store';
import type * as TileSource from '../../../src-renderer/src/features/library/tile-source';
import { installFakeApi } from '../fake-api';

// Every render of a tile that holds its record picks a rendition once: the count of renders, without timing.
const picks = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../../src-renderer/src/features/library/tile-source', async (original) => {
  const actual = await original<typeof TileSource>();
  return { ...actual, pickRendition: (...args: Parameters<typeof actual.pickRendition>) => ((picks.n += 1), actual.pickRendition(...args)) };
});

const id = (n: number) => n.toString(16).padStart(32, '0');
const IDS = Array.from({ length: 3000 }, (_, i) => id(i + 1));
const record = (rid: string): LibraryRecord => ({
  id: rid, kind: 'image', createdAt: 0, prompt: `prompt ${rid}`, editInstruction: null, model: null, params: {},
  width: 1, height: 1, aspectRatio: '1:1', durationMs: null, bytes: 1, mime: 'image/jpeg', costTicks: null,
  requestId: null, moderation: null, sourceJobId: null, origin: 'generated', favorite: false, rating: 0, tags: [], trashedAt: null,
  missing: false, hasLineage: false, file: 'f', thumb: 't', preview: 'p',
});

describe('scrolling the grid (issue 16: the main thread\'s work per scroll step)', () => {
  beforeEach(() => {
    // jsdom has no layout: a 600 × 800 grid, 3 square tiles of 192 px a row at tile size 180 (rows 240 px apart).
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 600 });
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 800 });
    installFakeApi({ 'library:records': () => ({ records: [] }) });
    const records = new Map(IDS.map((x) => [x, record(x)]));
    useStudio.setState({ library: { ...initialLibraryState, tileSize: 180, squareTiles: true, ids: IDS, total: IDS.length, records, status: 'ready' } });
  });
  afterEach(() => {
    delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
    delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
  });

  it('renders only the tiles that come into view; the others keep their element and are not rendered again', async () => {
    const { getByRole } = render(<LibraryGrid onOpen={() => {}} onMenu={() => {}} />);
    const grid = getByRole('grid', { name: 'Library items' });
    const tiles = () => new Map([...grid.querySelectorAll<HTMLElement>('[role="gridcell"]')].map((t) => [Number(t.dataset.index), t]));
    let top = 0;
    Object.defineProperty(grid, 'scrollTop', { configurable: true, get: () => top, set: (v: number) => (top = v) });
    for (let step = 1; step <= 6; step += 1) {
      const before = tiles();
      picks.n = 0;
      // One step: two rows down (a wheel notch or two), then the grid at rest again.
      top = step * 480;
      await act(async () => {
        fireEvent.scroll(grid);
        await new Promise((r) => setTimeout(r, 200));
      });
      const after = tiles();
      const added = [...after.keys()].filter((i) => !before.has(i));
      for (const [i, el] of after) if (before.has(i)) expect(el).toBe(before.get(i));
      expect(added.length).toBeGreaterThan(0);
      // Each new tile renders once (it is mounted); every tile that stayed renders zero times.
      expect(picks.n).toBe(added.length);
    }
  });
});
