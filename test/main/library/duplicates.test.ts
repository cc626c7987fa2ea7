import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SharpFfmpegMediaProcessor } from '../../../src-main/adapters/library/sharp-media-processor';
import { groupCopies, hammingDistance, hashHalves, NEAR_RADIUS } from '../../../src-main/core/library/near-duplicates';
import { tempDir } from './fixtures';
import { openLibrary } from './service-harness';

/** A busy synthetic scene (overlapping coloured discs on a tinted ground), different for every seed. */
function scene(seed: number, size = 1024): Promise<Buffer> {
  const discs = Array.from({ length: 14 }, (_v, i) => {
    const h = (seed * 67 + i * 41) % 360;
    const [x, y, r] = [(seed * 131 + i * 97) % size, (seed * 71 + i * 193) % size, 40 + ((seed + i * 29) % 160)];
    return `<circle cx="${x}" cy="${y}" r="${r}" fill="hsl(${h},65%,${35 + (i % 4) * 10}%)"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="100%" height="100%" fill="hsl(${(seed * 37) % 360},40%,30%)"/>${discs}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 92 }).toBuffer();
}

/** The copies people end up with: smaller, recompressed, converted, cropped. */
async function copiesOf(original: Buffer): Promise<Record<string, Buffer>> {
  return {
    resized: await sharp(original).resize(480).jpeg({ quality: 85 }).toBuffer(),
    reencoded: await sharp(original).jpeg({ quality: 35 }).toBuffer(),
    webp: await sharp(original).webp({ quality: 60 }).toBuffer(),
    png: await sharp(original).resize(700).png().toBuffer(),
    cropped: await sharp(original).extract({ left: 51, top: 51, width: 922, height: 922 }).toBuffer(),
  };
}

describe('perceptual hashes and duplicate groups', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => cleanup());

  it('hashes resized, re-encoded, converted and cropped copies within the radius, unrelated images far outside', async () => {
    const media = new SharpFfmpegMediaProcessor();
    const original = await scene(1);
    const base = hashHalves((await media.perceptualHash(original)) ?? "");
    expect(base).not.toBeNull();
    for (const [name, bytes] of Object.entries(await copiesOf(original))) {
      const d = hammingDistance(base!, hashHalves((await media.perceptualHash(bytes)) ?? '')!);
      expect([name, d <= NEAR_RADIUS]).toEqual([name, true]);
    }
    for (let seed = 2; seed <= 9; seed += 1) {
      const d = hammingDistance(base!, hashHalves((await media.perceptualHash(await scene(seed))) ?? '')!);
      expect([seed, d > NEAR_RADIUS + 8]).toEqual([seed, true]);
    }
    expect(await media.perceptualHash(new Uint8Array([1, 2, 3]))).toBeNull();
  });

  it('groups a fixture library into copy sets after the background hashing, with a suggested keeper', async () => {
    const lib = openLibrary(path.join(dir, 'lib'));
    const ingest = (bytes: Buffer, prompt: string) => lib.service.ingest({ bytes, kind: 'image', origin: 'imported', prompt });
    const a = await ingest(await scene(1), 'a original');
    const aCopies = [];
    for (const [name, bytes] of Object.entries(await copiesOf(await scene(1)))) aCopies.push(await ingest(bytes, `a ${name}`));
    const b = await ingest(await scene(2), 'b original');
    const bCopy = await ingest(await sharp(await scene(2)).resize(300).toBuffer(), 'b small');
    const loners = [await ingest(await scene(3), 'c'), await ingest(await scene(4), 'd')];
    lib.service.setRating([aCopies[1]!.id], 4); // the recompressed copy is the one the user rated: keep it
    await lib.service.idle();

    const report = await lib.service.duplicates();
    expect(report).toMatchObject({ images: 10, pending: 0, truncated: false });
    const groups = report.groups.map((g) => ({ kind: g.kind, ids: new Set(g.ids), keep: g.keep }));
    expect(groups).toEqual([
      { kind: 'near', ids: new Set([a.id, ...aCopies.map((c) => c.id)]), keep: aCopies[1]!.id },
      // Without a rating or favorite, the one with most pixels is kept.
      { kind: 'near', ids: new Set([b.id, bCopy.id]), keep: b.id },
    ]);
    for (const loner of loners) expect(report.groups.some((g) => g.ids.includes(loner.id))).toBe(false);

    // Keeping one and trashing the rest empties the group; the trash is not searched for copies.
    lib.service.trash([b.id]);
    const after = await lib.service.duplicates();
    expect(after.groups).toHaveLength(1);
    expect(after.images).toBe(9);
    await lib.close();
  });

  it('back-fills hashes for images that have none (older libraries), newest first, and skips what it cannot read', async () => {
    const lib = openLibrary(path.join(dir, 'lib'));
    const one = await lib.service.ingest({ bytes: await scene(5), kind: 'image', origin: 'generated' });
    const two = await lib.service.ingest({ bytes: await scene(5), kind: 'image', origin: 'generated' });
    await lib.service.idle();
    // As if they predated hashing: the hashes are gone, and one thumbnail and file cannot be read.
    lib.adapters.store.clear();
    await lib.service.rebuild();
    expect(lib.adapters.store.unhashedImages(10).map((r) => r.id)).toEqual([two.id, one.id]);
    await lib.adapters.files.remove(lib.service.records([one.id])[0]!.thumb!);
    await lib.adapters.files.remove(lib.service.records([one.id])[0]!.file);
    const report = await lib.service.duplicates();
    expect(report.pending).toBeGreaterThan(0); // asked while the back-fill runs
    await lib.service.idle();
    expect(lib.adapters.store.unhashedImages(10).map((r) => r.id)).toEqual([one.id]);
    expect((await lib.service.duplicates()).pending).toBe(0);
    await lib.close();
  });
});

describe('groupCopies', () => {
  const h = (hex: string) => hex.padStart(16, '0');
  it('joins exact copies by content hash and near ones by distance, transitively', async () => {
    const groups = await groupCopies([
      { id: 'a', phash: h('ff'), contentHash: 'x' },
      { id: 'b', phash: null, contentHash: 'x' },
      { id: 'c', phash: h('fe'), contentHash: null },
      { id: 'd', phash: h('ffffffff00000000'), contentHash: null },
      { id: 'e', phash: h('ffffffff0000000f'), contentHash: 'y' },
      { id: 'f', phash: h('1'), contentHash: 'z' },
      { id: 'g', phash: h('1'), contentHash: 'z' },
    ], { radius: 4 });
    expect(groups).toEqual([
      { kind: 'near', ids: ['a', 'b', 'c'] },
      { kind: 'near', ids: ['d', 'e'] },
      { kind: 'exact', ids: ['f', 'g'] },
    ]);
    // Same grey structure, different colours (a template filled in twice): not copies.
    const sameLayout = await groupCopies([
      { id: 'red', phash: `${h('f0f0')}c02020`, contentHash: null },
      { id: 'blue', phash: `${h('f0f0')}2020c0`, contentHash: null },
      { id: 'red again', phash: `${h('f0f1')}c41e22`, contentHash: null },
    ]);
    expect(sameLayout).toEqual([{ kind: 'near', ids: ['red', 'red again'] }]);
    expect(await groupCopies([{ id: 'a', phash: 'not hex', contentHash: null }, { id: 'b', phash: 'not hex', contentHash: null }])).toEqual([]);
  });
});
