import { describe, expect, it } from 'vitest';
import { classifySource, cropRect, fitWithin, refusalFor } from '../../../src-main/core/edit/source-rules';

const text = (s: string) => new TextEncoder().encode(s);

describe('source rules', () => {
  it.each([
    [new Uint8Array(), 'empty'],
    [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]), 'png'],
    [new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 'jpeg'],
    [text('RIFF\0\0\0\0WEBPVP8 '), 'webp'],
    [text('GIF89a'), 'gif'],
    [text('BM6\0\0\0'), 'bmp'],
    [text('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'svg'],
    [text('\uFEFF  <?xml version="1.0"?><!-- x --><svg width="1"/>'), 'svg'],
    [text('just some notes, saved as photo.png'), 'text'],
    [text('<!DOCTYPE html><html><body>hi</body></html>'), 'html'],
    [text('\0\0\0\x18ftypisom\0\0\0\0isommp41'), 'video'],
    [text('II*\0\x08\0\0\0'), 'tiff'],
    [new Uint8Array([0, 1, 2, 3, 250, 251]), 'binary'],
  ])('classifies %#', (bytes, kind) => {
    expect(classifySource(bytes)).toBe(kind);
  });

  it('refuses empty, SVG and text before any decoder runs', () => {
    expect(refusalFor('empty')).toMatch(/empty/);
    expect(refusalFor('svg')).toMatch(/SVG/);
    expect(refusalFor('text')).toMatch(/not an image or video: it is a text file/);
    expect(refusalFor('html')).toMatch(/not an image or video: it is a web page/);
    expect(refusalFor('video')).toMatch(/Video screen/);
    expect(refusalFor('png')).toBeNull();
    // Unknown bytes go to the decoder, which knows formats the sniffer does not, and is refused there.
    expect(refusalFor('binary')).toBeNull();
  });

  it.each([
    [4096, 100, null],
    [8192, 4096, { width: 4096, height: 2048 }],
    [100, 20_000, { width: 20, height: 4096 }],
  ])('fits %i×%i within 4096', (w, h, out) => {
    expect(fitWithin(w, h)).toEqual(out);
  });

  it('turns a fractional crop into a clamped pixel rectangle', () => {
    expect(cropRect({ x: 0.25, y: 0.5, width: 0.5, height: 0.5 }, 200, 100)).toEqual({ left: 50, top: 50, width: 100, height: 50 });
    expect(cropRect({ x: 0.99, y: 0.99, width: 1, height: 1 }, 10, 10)).toEqual({ left: 9, top: 9, width: 1, height: 1 });
  });
});
