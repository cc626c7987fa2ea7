import exifr from 'exifr';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTiffOrientation } from '../../../src-main/core/library/exif-orientation';
import { buildXmp, embedXmp, readXmp, stripMetadata } from '../../../src-main/core/library/xmp';
import { tempDir } from './fixtures';
import { openLibrary } from './service-harness';

/** The upright picture: 64×48, red top-left quadrant, green top-right, blue bottom half. */
const W = 64;
const H = 48;
const RED = [220, 20, 20];
const GREEN = [20, 200, 20];
const BLUE = [20, 20, 220];
const upright = (x: number, y: number) => (y >= H / 2 ? BLUE : x < W / 2 ? RED : GREEN);

/** Where EXIF orientation `n` shows stored pixel (sx, sy) of a `ws`×`hs` image (TIFF 6.0 / EXIF 2.3 table). */
function shown(n: number, sx: number, sy: number, ws: number, hs: number): [number, number] {
  const map: Record<number, [number, number]> = {
    1: [sx, sy], 2: [ws - 1 - sx, sy], 3: [ws - 1 - sx, hs - 1 - sy], 4: [sx, hs - 1 - sy],
    5: [sy, sx], 6: [hs - 1 - sy, sx], 7: [hs - 1 - sy, ws - 1 - sx], 8: [sy, ws - 1 - sx],
  };
  return map[n] ?? [sx, sy];
}

/** A JPEG whose stored pixels are turned so that orientation `n` shows the upright picture, tagged with `n`. */
async function phoneJpeg(n: number, format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
  const [ws, hs] = n >= 5 ? [H, W] : [W, H];
  const raw = Buffer.alloc(ws * hs * 3);
  for (let sy = 0; sy < hs; sy += 1) {
    for (let sx = 0; sx < ws; sx += 1) raw.set(upright(...shown(n, sx, sy, ws, hs)), (sy * ws + sx) * 3);
  }
  const image = sharp(raw, { raw: { width: ws, height: hs, channels: 3 } });
  return (format === 'png' ? image.png() : image.jpeg({ quality: 95 })).withMetadata({ orientation: n }).toBuffer();
}

/** Asserts that a file, shown the way viewers show it (orientation applied), is the upright picture. */
async function expectUpright(file: string | Buffer, scale = 1) {
  const { data, info } = await sharp(file).autoOrient().raw().toBuffer({ resolveWithObject: true });
  expect([info.width, info.height]).toEqual([W * scale, H * scale]);
  for (const [x, y] of [[W / 4, H / 4], [(3 * W) / 4, H / 4], [W / 4, (3 * H) / 4], [(3 * W) / 4, (3 * H) / 4]] as const) {
    const at = (Math.floor(y * scale) * info.width + Math.floor(x * scale)) * info.channels;
    const px = [...data.subarray(at, at + 3)];
    upright(x, y).forEach((v, i) => expect(Math.abs((px[i] ?? 0) - v)).toBeLessThan(40));
  }
}

const orientationOf = async (file: string | Buffer) => (await sharp(file).metadata()).orientation ?? 1;

describe('EXIF orientation', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => cleanup());

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('orientation %i: stored with its tag, renditions and exports upright', async (n) => {
    const lib = openLibrary(path.join(dir, 'lib'));
    const original = await phoneJpeg(n);
    expect(await orientationOf(original)).toBe(n);
    const { imported } = await lib.service.importFiles({ kind: 'bytes', name: 'phone.jpg', base64: original.toString('base64') });
    await lib.service.idle();
    const [record] = lib.service.records(imported);
    // Upright dimensions: the grid lays the tile out as it is shown.
    expect(record).toMatchObject({ width: W, height: H, aspectRatio: '4:3' });
    const stored = path.join(dir, 'lib', record!.file);
    expect(await orientationOf(stored)).toBe(n);
    expect(readXmp(await readFile(stored))?.prompt).toBe('');
    await expectUpright(stored);
    // Renditions have the turn applied to their pixels (WebP carries no orientation of ours).
    for (const rel of [record!.thumb!, record!.preview!]) {
      expect(await orientationOf(path.join(dir, 'lib', rel))).toBe(1);
      await expectUpright(path.join(dir, 'lib', rel));
    }
    const out = path.join(dir, `out-${n}`);
    await mkdir(out);
    for (const format of ['original', 'jpeg', 'png', 'webp'] as const) {
      for (const metadata of ['keep', 'strip'] as const) {
        const [file] = (await lib.service.exportItems({ ids: imported, targetDir: out, format, metadata })).files;
        await expectUpright(file!.path);
      }
    }
    await lib.close();
  });

  it.each([3, 6, 8])('PNG with eXIf orientation %i: stored with its tag, thumbnail and stripped export upright', async (n) => {
    const lib = openLibrary(path.join(dir, 'lib'));
    const original = await phoneJpeg(n, 'png');
    const { imported } = await lib.service.importFiles({ kind: 'bytes', name: 'shot.png', base64: original.toString('base64') });
    await lib.service.idle();
    const [record] = lib.service.records(imported);
    expect(record).toMatchObject({ width: W, height: H, mime: 'image/png' });
    expect(await orientationOf(path.join(dir, 'lib', record!.file))).toBe(n);
    await expectUpright(path.join(dir, 'lib', record!.thumb!));
    const out = path.join(dir, 'out');
    await mkdir(out);
    const [stripped] = (await lib.service.exportItems({ ids: imported, targetDir: out, format: 'original', metadata: 'strip' })).files;
    expect(readXmp(await readFile(stripped!.path))).toBeNull();
    await expectUpright(stripped!.path);
    await lib.close();
  });

  it('embedding XMP keeps the EXIF segment byte for byte; stripping keeps only the orientation', async () => {
    const original = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#888' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Make: 'PhoneCo', Model: 'P1' } })
      .toBuffer();
    const before = await exifr.parse(original, { tiff: true, xmp: false } as never);
    expect(before).toMatchObject({ Make: 'PhoneCo', Orientation: expect.anything() });
    const xmp = buildXmp({
      id: 'a'.repeat(32), kind: 'image', createdAt: 0, prompt: 'p', editInstruction: null, model: null, params: {},
      width: 40, height: 30, aspectRatio: null, durationMs: null, bytes: 0, mime: 'image/jpeg', costTicks: null,
      requestId: null, moderation: null, sourceJobId: null, origin: 'imported', favorite: false, rating: 0, tags: [], trashedAt: null,
      missing: false, file: 'x', thumb: null, preview: null,
    } as never);
    const embedded = embedXmp(original, xmp)!;
    expect(await orientationOf(Buffer.from(embedded))).toBe(6);
    expect(await exifr.parse(Buffer.from(embedded), { tiff: true, xmp: false } as never)).toEqual(before);
    expect(readXmp(embedded)?.prompt).toBe('p');
    // Embedding again replaces our packet instead of adding a second one.
    const twice = embedXmp(embedded, xmp)!;
    expect(twice.length).toBe(embedded.length);
    const stripped = Buffer.from(stripMetadata(embedded)!);
    expect(await orientationOf(stripped)).toBe(6);
    expect(readXmp(stripped)).toBeNull();
    expect(await exifr.parse(stripped, { tiff: true, xmp: true } as never)).toEqual({ Orientation: expect.anything() });
    // No orientation to keep: nothing EXIF is left at all.
    const plain = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).jpeg().toBuffer();
    expect(await exifr.parse(Buffer.from(stripMetadata(embedXmp(plain, xmp)!)!), { tiff: true, xmp: true } as never)).toBeUndefined();
  });

  it('reads the orientation from either byte order and ignores malformed blocks', () => {
    const le = Uint8Array.from([0x49, 0x49, 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0]);
    expect(readTiffOrientation(le)).toBe(8);
    expect(readTiffOrientation(le.subarray(0, 12))).toBeNull();
    expect(readTiffOrientation(Uint8Array.from([0x49, 0x49, 42, 0, 250, 0, 0, 0]))).toBeNull();
    const bad = le.slice();
    bad[18] = 9;
    expect(readTiffOrientation(bad)).toBeNull();
  });
});
