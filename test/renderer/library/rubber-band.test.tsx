import { fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryGrid } from '../../../src-renderer/src/features/library/LibraryGrid';
import { initialLibraryState } from '../../../src-renderer/src/stores/library-slice';
import { useStudio } from '../../../src-renderer/src/stores/store';

const id = (n: number) => n.toString(16).padStart(32, '0');
const IDS = Array.from({ length: 20 }, (_, i) => id(i + 1));
const selected = () => [...useStudio.getState().library.selection.selected].map((s) => IDS.indexOf(s)).sort((a, b) => a - b);

describe('rubber-band selection on the grid', () => {
  beforeEach(() => {
    // jsdom has no layout: give the grid a width so it lays out 3 columns of 192 px tiles (rows 240 px apart) at a
    // tile size of 180 (named here: the geometry below is this one's, whatever the default is).
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 600 });
    useStudio.setState({ library: { ...initialLibraryState, tileSize: 180, ids: IDS, total: IDS.length, status: 'ready' } });
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
