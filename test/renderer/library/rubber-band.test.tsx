import { fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tilesInRect } from '../../../src-renderer/src/features/library/grid-window';
import { LibraryGrid } from '../../../src-renderer/src/features/library/LibraryGrid';
import { initialLibraryState } from '../../../src-renderer/src/stores/library-slice';
import { useStudio } from '../../../src-renderer/src/stores/store';

const id = (n: number) => n.toString(16).padStart(32, '0');
const IDS = Array.from({ length: 20 }, (_, i) => id(i + 1));
const selected = () => [...useStudio.getState().library.selection.selected].map((s) => IDS.indexOf(s)).sort((a, b) => a - b);

describe('rubber band geometry', () => {
  // 3 columns of 100 px tiles (8 px gaps), 140 px tall, rows 148 px apart.
  const layout = { columns: 3, cell: 100, tileHeight: 140, rowHeight: 148 };

  it('returns every tile the band touches, in grid order, and nothing for a band in the gaps', () => {
    expect(tilesInRect({ left: 50, top: 50, right: 150, bottom: 200 }, layout, 20)).toEqual([0, 1, 3, 4]);
    expect(tilesInRect({ left: 101, top: 0, right: 107, bottom: 500 }, layout, 20)).toEqual([]); // the column gap
    expect(tilesInRect({ left: 0, top: 141, right: 400, bottom: 147 }, layout, 20)).toEqual([]); // the row gap
    expect(tilesInRect({ left: 0, top: 0, right: 1000, bottom: 10_000 }, layout, 7)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(tilesInRect({ left: -50, top: -50, right: -1, bottom: -1 }, layout, 20)).toEqual([]);
  });
});

describe('rubber-band selection on the grid', () => {
  beforeEach(() => {
    // jsdom has no layout: give the grid a width so it lays out 3 columns of 192 px tiles (rows 240 px apart).
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 600 });
    useStudio.setState({ library: { ...initialLibraryState, ids: IDS, total: IDS.length, status: 'ready' } });
  });
  afterEach(() => {
    delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
  });

  const drag = (grid: HTMLElement, from: [number, number], to: [number, number], mods: { shiftKey?: boolean; ctrlKey?: boolean } = {}) => {
    fireEvent.mouseDown(grid, { button: 0, buttons: 1, clientX: from[0], clientY: from[1], ...mods });
    fireEvent.mouseMove(window, { buttons: 1, clientX: (from[0] + to[0]) / 2, clientY: (from[1] + to[1]) / 2 });
    fireEvent.mouseMove(window, { buttons: 1, clientX: to[0], clientY: to[1] });
    fireEvent.mouseUp(window, { clientX: to[0], clientY: to[1] });
  };

  it('selects the tiles a drag on the background touches; Shift or Ctrl adds; a plain click clears', () => {
    const { getByRole, container } = render(<LibraryGrid onOpen={() => {}} onMenu={() => {}} />);
    const grid = getByRole('grid', { name: 'Library items' });

    // From the top-left corner across the first two columns of the first two rows.
    drag(grid, [1, 1], [250, 300]);
    expect(selected()).toEqual([0, 1, 3, 4]);
    expect(container.querySelector('.lib-band')).not.toBeVisible();

    // A new plain drag replaces the selection: the third column of rows 3 and 4.
    drag(grid, [590, 500], [420, 800]);
    expect(selected()).toEqual([8, 11]);

    // Ctrl adds, and so does Shift.
    drag(grid, [1, 1], [50, 50], { ctrlKey: true });
    expect(selected()).toEqual([0, 8, 11]);
    drag(grid, [1, 960], [50, 970], { shiftKey: true });
    expect(selected()).toEqual([0, 8, 11, 12]);

    // While dragging, tiles show the band's selection; the selection (and the bar above the grid) waits for release.
    fireEvent.mouseDown(grid, { button: 0, buttons: 1, clientX: 1, clientY: 1 });
    fireEvent.mouseMove(window, { buttons: 1, clientX: 50, clientY: 50 });
    expect([...(useStudio.getState().library.band ?? [])]).toEqual([IDS[0]]);
    expect(selected()).toEqual([0, 8, 11, 12]);
    expect(container.querySelector('.lib-band')).toBeVisible();
    fireEvent.mouseUp(window, { clientX: 50, clientY: 50 });
    expect(useStudio.getState().library.band).toBeNull();
    expect(selected()).toEqual([0]);

    // A click on the background without moving clears the selection.
    fireEvent.mouseDown(grid, { button: 0, buttons: 1, clientX: 5, clientY: 5 });
    fireEvent.mouseUp(window, { clientX: 5, clientY: 5 });
    expect(selected()).toEqual([]);
  });
});
