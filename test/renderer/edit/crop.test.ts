import { describe, expect, it } from 'vitest';
import { rotateCrop } from '../../../src-renderer/src/features/edit/canvas/actions';
import { CanvasDriver } from './canvas-driver';

const close = (a: object | null, b: object) => {
  for (const [k, v] of Object.entries(b)) expect((a as Record<string, number>)[k]).toBeCloseTo(v as number, 6);
};

describe('crop (headless)', () => {
  it('draws a crop in any direction, as one undo step', () => {
    const d = new CanvasDriver().addSources('a');
    d.crop('a', [0.8, 0.6], [0.2, 0.1]).expectGesture('idle');
    close(d.cropOf('a'), { x: 0.2, y: 0.1, width: 0.6, height: 0.5 });
    d.undo();
    expect(d.cropOf('a')).toBeNull();
    expect(d.store.getState().cropDraft).toBeNull();
  });

  it('shows the rectangle while it is drawn', () => {
    const d = new CanvasDriver().addSources('a');
    d.store.setState({ cropKey: d.keyOf('a') });
    d.machine.pointerDown({ x: 0, y: 0, cardKey: d.keyOf('a'), onCropSurface: true, crop: { x: 0.1, y: 0.1 } });
    d.machine.pointerMove({ x: 10, y: 10, crop: { x: 0.5, y: 0.4 } });
    d.expectGesture('cropping');
    close(d.store.getState().cropDraft, { x: 0.1, y: 0.1, width: 0.4, height: 0.3 });
    d.machine.cancel();
    expect(d.cropOf('a')).toBeNull();
    expect(d.store.getState().cropDraft).toBeNull();
  });

  it('ignores a click-sized crop and does not start a card drag in crop mode', () => {
    const d = new CanvasDriver().addSources('a', 'b');
    d.crop('a', [0.5, 0.5], [0.51, 0.51]);
    expect(d.cropOf('a')).toBeNull();
    d.expectNames(['a', 'b']);
  });

  it('turns the crop with the image so it covers the same pixels', () => {
    const c = { x: 0.1, y: 0.2, width: 0.3, height: 0.4 };
    close(rotateCrop(c, 90), { x: 0.4, y: 0.1, width: 0.4, height: 0.3 });
    close(rotateCrop(rotateCrop(c, 90), -90), c);
    let r = rotateCrop(c, 90);
    for (let i = 0; i < 3; i++) r = rotateCrop(r, 90);
    close(r, c);
    const d = new CanvasDriver().addSources('a').crop('a', [0.1, 0.2], [0.4, 0.6]).rotate('a');
    close(d.cropOf('a'), { x: 0.4, y: 0.1, width: 0.4, height: 0.3 });
  });
});
