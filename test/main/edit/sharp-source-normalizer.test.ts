import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createSharpSourceNormalizer } from '../../../src-main/adapters/edit/sharp-source-normalizer';
import type { NormalizedSource, RefusedSource } from '../../../src-main/core/edit/ports';
import { MAX_SOURCE_BYTES } from '../../../src-main/core/edit/source-rules';
import { bmp24, bombPng, jpegOf, noisyJpeg, noisyPng, pngOf, solid } from './source-files';

// The wall-clock limit is not what these tests are about (a test of its own below covers refusals); a loaded CI
// machine can take over the default limit to re-encode a 2000² noisy PNG, so the limit here is generous.
const normalizer = createSharpSourceNormalizer({ timeLimitMs: 120_000 });
const ok = async (bytes: Uint8Array) => {
  const r = await normalizer.normalize(bytes);
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r as NormalizedSource;
};
const refusal = async (bytes: Uint8Array) => {
  const r = await normalizer.normalize(bytes);
  expect(r.ok).toBe(false);
  return (r as RefusedSource).reason;
};

describe('edit sources: accepted as they are', () => {
  it.each([
    ['PNG', () => pngOf(), 'image/png'],
    ['JPEG', () => jpegOf(), 'image/jpeg'],
    ['WebP', () => solid(64, 48).webp().toBuffer(), 'image/webp'],
  ])('%s passes byte for byte, with a thumbnail', async (_name, make, mime) => {
    const bytes = await make();
    const r = await ok(bytes);
    expect(r.mime).toBe(mime);
    expect(Buffer.compare(Buffer.from(r.bytes), bytes)).toBe(0);
    expect([r.width, r.height]).toEqual([64, 48]);
    expect(r.notices).toEqual([]);
    expect((await sharp(r.thumb).metadata()).format).toBe('webp');
  });
});

describe('edit sources: converted or shrunk, with a notice', () => {
  it.each([
    ['GIF', () => solid(40, 30).gif().toBuffer(), /Converted from GIF to PNG/],
    ['TIFF', () => solid(40, 30).tiff().toBuffer(), /Converted from TIFF to PNG/],
    ['AVIF', () => solid(40, 30).avif().toBuffer(), /Converted from AVIF to PNG/],
    ['BMP', () => Promise.resolve(bmp24(40, 30)), /Converted from BMP to PNG/],
  ])('%s becomes PNG', async (_name, make, notice) => {
    const r = await ok(await make());
    expect(r.mime).toBe('image/png');
    expect([r.width, r.height]).toEqual([40, 30]);
    expect(r.notices.join(' ')).toMatch(notice);
  });

  it('decodes a bottom-up BMP the right way up', async () => {
    const r = await ok(bmp24(8, 4));
    const { data } = await sharp(r.bytes).raw().toBuffer({ resolveWithObject: true });
    expect([data[0], data[1], data[2]]).toEqual([255, 0, 0]);
  });

  it('uses the first frame of an animated GIF and says so', async () => {
    const frame = (c: string) => solid(20, 20, c).png().toBuffer();
    const anim = await sharp([await frame('#f00'), await frame('#0f0'), await frame('#00f')], { join: { animated: true } }).gif().toBuffer();
    const r = await ok(anim);
    expect([r.width, r.height]).toEqual([20, 20]);
    expect(r.notices.join(' ')).toMatch(/first frame/);
  });

  it('downscales absurd dimensions to 4096 on the long side', async () => {
    const r = await ok(await solid(9000, 1200).png().toBuffer());
    expect(r.width).toBe(4096);
    expect(r.height).toBe(546);
    expect(r.notices.join(' ')).toMatch(/Downscaled from 9000×1200 to 4096×546/);
  });

  it('re-encodes a PNG over 10 MiB until it fits, and says how large it was', async () => {
    const big = await noisyPng(2000, 2000);
    expect(big.length).toBeGreaterThan(MAX_SOURCE_BYTES);
    const r = await ok(big);
    expect(r.bytes.length).toBeLessThanOrEqual(MAX_SOURCE_BYTES);
    expect(r.mime).toBe('image/jpeg');
    expect(r.notices.join(' ')).toMatch(/over xAI's 10 MiB limit: re-encoded as JPEG/);
  }, 60_000);

  it('turns a phone photo upright from its orientation tag', async () => {
    const tagged = await solid(60, 40).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const r = await ok(tagged);
    expect([r.width, r.height]).toEqual([40, 60]);
    expect(r.notices.join(' ')).toMatch(/upright/);
  });
});

describe('edit sources: refused with the reason', () => {
  it('refuses an empty file', async () => {
    expect(await refusal(new Uint8Array())).toMatch(/empty/);
  });
  it('refuses a text file renamed to .png', async () => {
    expect(await refusal(new TextEncoder().encode('hello, this is not a picture\n'.repeat(20)))).toMatch(/text file/);
  });
  it('refuses SVG, even with an XML prolog', async () => {
    const svg = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>';
    expect(await refusal(new TextEncoder().encode(svg))).toMatch(/SVG/);
  });
  it('refuses random bytes', async () => {
    const junk = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    expect(await refusal(junk)).toMatch(/not an image/);
  });
  it('refuses a truncated JPEG', async () => {
    const full = await noisyJpeg(400, 300);
    expect(await refusal(full.subarray(0, Math.floor(full.length / 2)))).toMatch(/truncated or corrupt/);
  });
  it('refuses a truncated PNG', async () => {
    const full = await noisyPng(300, 200);
    expect(await refusal(full.subarray(0, Math.floor(full.length / 2)))).toMatch(/truncated or corrupt/);
  });
  it('refuses a decompression bomb by its declared size, without decoding it', async () => {
    const started = Date.now();
    expect(await refusal(bombPng(100_000, 100_000))).toMatch(/100000×100000 pixels \(10,000 megapixels\), over the 120-megapixel limit: too large/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
  it('refuses a BMP that declares an absurd size', async () => {
    const b = bmp24(4, 4);
    b.writeInt32LE(200_000, 18);
    b.writeInt32LE(200_000, 22);
    expect(await refusal(b)).toMatch(/too large/);
  });
  it('gives up after its time limit instead of hanging', async () => {
    const slow = createSharpSourceNormalizer({ timeLimitMs: 1 });
    const r = await slow.normalize(await noisyPng(1500, 1500));
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/took too long/) as unknown });
  });
});

describe('edit sources: rotate and crop before sending', () => {
  it('rotates a quarter turn and crops by fractions', async () => {
    const src = await pngOf(80, 40);
    const turned = await normalizer.transform(src, 'image/png', { rotate: 90, crop: null });
    expect(await sharp(turned.bytes).metadata()).toMatchObject({ width: 40, height: 80, format: 'png' });
    const cropped = await normalizer.transform(src, 'image/png', { rotate: 0, crop: { x: 0.5, y: 0, width: 0.5, height: 0.5 } });
    expect(await sharp(cropped.bytes).metadata()).toMatchObject({ width: 40, height: 20 });
  });
  it('sends an untouched source as the same bytes', async () => {
    const src = await jpegOf();
    expect((await normalizer.transform(src, 'image/jpeg', { rotate: 0, crop: null })).bytes).toBe(src);
  });
});
