/**
 * The perceptual-hash back-fill walks the whole library at every start (4,096 rows a step): each step waits for the
 * library's pause first, which gives way to browsing (issue 16: at 1M items the walk is seconds of the main thread).
 */
import { describe, expect, it } from 'vitest';
import { PerceptualHashQueue } from '../../../src-main/services/library/hash-queue';

describe('perceptual-hash back-fill walk', () => {
  it('reads no window of the library until the pause lets it, and stops when stopped during a pause', async () => {
    const windows: (string | null)[] = [];
    const store = {
      unhashedWindow(cursor: string | null) {
        windows.push(cursor);
        return { images: [], next: cursor === null ? '100' : null };
      },
    };
    let release: () => void = () => {};
    const pauses: number[] = [];
    const queue = new PerceptualHashQueue({
      store: store as never,
      files: {} as never,
      media: {} as never,
      gate: { quiet: async () => {} } as never,
      logger: { info() {}, warn() {}, error() {} },
      pause: () => new Promise<void>((r) => {
        pauses.push(windows.length);
        release = r;
      }),
    });
    queue.kick();
    await new Promise((r) => setTimeout(r, 10));
    expect(pauses).toEqual([0]);
    expect(windows).toEqual([]); // held at the pause
    release();
    await new Promise((r) => setTimeout(r, 10));
    expect(windows).toEqual([null]); // one window, then the next pause
    expect(pauses).toEqual([0, 1]);
    const stopping = queue.stop();
    release();
    await stopping;
    await new Promise((r) => setTimeout(r, 10));
    expect(windows).toEqual([null]);
  });
});
