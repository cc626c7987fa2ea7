/**
 * A minimal BMP decoder: sharp's prebuilt libvips has no BMP loader, yet screenshots on Windows still arrive as
 * .bmp. Uncompressed 24- and 32-bit images only (what Paint and most tools write); anything else is refused.
 */

/** Decoded pixels, ready for sharp's `raw` input. */
export interface RawImage {
  width: number;
  height: number;
  channels: 3 | 4;
  data: Uint8Array;
}

/** Decodes a BMP, or returns a reason it cannot. `maxPixels` guards against absurd declared sizes. */
export function decodeBmp(bytes: Uint8Array, maxPixels: number): RawImage | { reason: string } {
  if (bytes.length < 54) return { reason: 'The BMP file is truncated.' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offset = view.getUint32(10, true);
  const width = view.getInt32(18, true);
  const rawHeight = view.getInt32(22, true);
  const bpp = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  const height = Math.abs(rawHeight);
  if (width <= 0 || height <= 0) return { reason: 'The BMP file declares no pixels.' };
  if (width * height > maxPixels) return { reason: `The image is too large to open safely (${width}×${height}).` };
  if (!((bpp === 24 && compression === 0) || (bpp === 32 && (compression === 0 || compression === 3)))) {
    return { reason: 'Only uncompressed 24/32-bit BMP files can be opened: save it as PNG instead.' };
  }
  const step = bpp / 8;
  const stride = Math.ceil((width * step) / 4) * 4;
  if (offset + stride * height > bytes.length) return { reason: 'The BMP file is truncated.' };
  const channels = step === 4 ? 4 : 3;
  const data = new Uint8Array(width * height * channels);
  const bottomUp = rawHeight > 0;
  for (let y = 0; y < height; y++) {
    const row = offset + (bottomUp ? height - 1 - y : y) * stride;
    for (let x = 0; x < width; x++) {
      const src = row + x * step;
      const dst = (y * width + x) * channels;
      data[dst] = bytes[src + 2] ?? 0;
      data[dst + 1] = bytes[src + 1] ?? 0;
      data[dst + 2] = bytes[src] ?? 0;
      // Many writers leave the 4th byte zero in "32-bit" BMPs that have no alpha; treat all-zero alpha later.
      if (channels === 4) data[dst + 3] = bytes[src + 3] ?? 255;
    }
  }
  if (channels === 4 && data.every((v, i) => i % 4 !== 3 || v === 0)) for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width, height, channels, data };
}
