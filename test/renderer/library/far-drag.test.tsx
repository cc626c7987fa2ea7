/**
 * Issue 16: the scrollbar of a 1M-item grid dragged to the middle asks for the page at that offset — from the
 * nearer end, one query — and not for the ~500k ids above it; the page is placed there and its tiles are drawn.
 */
import type { LibraryRecord } from '@contract';
import { act, fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryGrid } from '../../../src-renderer/src/features/library/LibraryGrid';
import { initialLibraryState } from '../../../src-renderer/src/stores/library-slice';
import { useStudio } from '../../../src-renderer/src/stores/store';
import { MAX_SCROLL_HEIGHT } from '../../../src-renderer/src/features/library/scroll-map';
import { installFakeApi } from '../fake-api';

const TOTAL = 1_000_000;
const id = (n: number) => n.toString(16).padStart(32, '0');
/** Grid item n (newest first, from 0) has id n + 1. */
const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => id(from + i + 1));
const record = (rid: string): LibraryRecord => ({
  id: rid, kind: 'image', createdAt: 0, prompt: `prompt ${rid}`, editInstruction: null, model: null, params: {},
  width: 3, height: 2, aspectRatio: '3:2', durationMs: null, bytes: 1, mime: 'image/jpeg', costTicks: null,
  requestId: null, moderation: null, sourceJobId: null, origin: 'generated', favorite: false, rating: 0, tags: [], trashedAt: null,
  missing: false, hasLineage: false, file: 'f', thumb: 't', preview: 'p',
});

type Query = { sort: string; cursor?: string; offset?: number; limit: number; uncounted?: true };

describe('the scrollbar dragged to the middle of a 1M grid (issue 16)', () => {
  beforeEach(() => {
    // jsdom has no layout: a 1000 × 800 grid.
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 800 });
    const head = ids(0, 2_000);
    useStudio.setState({
      library: { ...initialLibraryState, status: 'ready', total: TOTAL, ids: head, shapes: head.map(() => 1.5), loaded: 2_000, nextCursor: 'k.1.x', records: new Map(head.map((x) => [x, record(x)])) },
      notices: [],
    });
  });
  afterEach(() => {
    delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
    delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
  });

  it('asks for the page at that offset only, places it there, and draws its tiles', async () => {
    const calls = installFakeApi({
      'library:records': (q: { ids: string[] }) => ({ records: q.ids.map(record) }),
      'library:query': (q: Query) => {
        const offset = q.offset ?? 0;
        // Newest first: items offset…; oldest first: items from the end upwards.
        const page = q.sort === 'newest' ? ids(offset, q.limit) : ids(TOTAL - offset - q.limit, q.limit).reverse();
        return { ids: page, shapes: page.map(() => 1.5), total: page.length, totalCapped: false, nextCursor: 'k.2.x' };
      },
    });
    const { getByRole } = render(<LibraryGrid onOpen={() => {}} onMenu={() => {}} />);
    const grid = getByRole('grid', { name: 'Library items' });
    let top = 0;
    Object.defineProperty(grid, 'scrollTop', { configurable: true, get: () => top, set: (v: number) => (top = v) });
    // The spacer's height as Chromium would report it (jsdom lays nothing out).
    Object.defineProperty(grid, 'scrollHeight', { configurable: true, get: () => MAX_SCROLL_HEIGHT });
    // The thumb dragged to half way (the scroll height is capped and mapped onto the whole million).
    top = (MAX_SCROLL_HEIGHT - 800) / 2;
    act(() => {
      fireEvent.scroll(grid);
    });
    await act(async () => {
      await new Promise((r) => setTimeout(r, 300));
    });
    const queries = calls.filter((c) => c.channel === 'library:query').map((c) => c.input as Query);
    expect(queries).toHaveLength(1);
    const [q] = queries as [Query];
    expect(q.cursor).toBeUndefined(); // no page from the top
    expect(q.offset).toBeGreaterThan(400_000);
    const lib = useStudio.getState().library;
    expect(lib.loaded).toBe(2_000);
    expect(lib.placed).toHaveLength(1);
    const [[a, b]] = lib.placed as [[number, number]];
    expect(a).toBeGreaterThan(450_000);
    expect(b).toBeLessThan(550_000);
    expect(lib.ids[a]).toBe(id(a + 1));
    expect(lib.ids[b - 1]).toBe(id(b));
    expect(lib.ids[a - 1]).toBeUndefined();
    // The tiles in view are its items (with their records), in its range.
    await act(async () => {
      await new Promise((r) => setTimeout(r, 100));
    });
    const shown = [...grid.querySelectorAll<HTMLElement>('[role="gridcell"]')].map((t) => Number(t.dataset.index));
    expect(shown.length).toBeGreaterThan(0);
    for (const i of shown) expect(i >= a && i < b).toBe(true);
    expect(grid.querySelectorAll('.lib-tile-pending')).toHaveLength(0);
  });
});
