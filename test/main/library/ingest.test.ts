import exifr from 'exifr';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIGITAL_SOURCE } from '../../../src-main/core/library/xmp';
import { tempDir } from './fixtures';
import { jpeg, mp4, openLibrary, png, unxml } from './service-harness';

describe('library ingest', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => cleanup());

  it('stores a JPEG sharded with thumbnail, preview, sidecar, embedded XMP and a row', async () => {
    const lib = openLibrary(dir);
    const record = await lib.service.ingest({
      bytes: await jpeg(1360, 768),
      kind: 'image',
      origin: 'generated',
      prompt: 'a red <fox> & "friends"',
      model: 'grok-imagine-image',
      params: { n: 1, response_format: 'b64_json' },
      costTicks: 700,
      requestId: 'req-1',
    });
    expect(record.file).toBe(`media/${record.id.slice(0, 2)}/${record.id}.jpg`);
    expect(existsSync(path.join(dir, record.thumb!))).toBe(true);
    await lib.service.idle(); // the preview is made in the background, after the row commits
    expect(record).toMatchObject({ width: 1360, height: 768, aspectRatio: '16:9', mime: 'image/jpeg', costTicks: 700 });
    for (const rel of [record.file, record.thumb!, record.preview!, `media/${record.id.slice(0, 2)}/${record.id}.json`]) {
      expect(existsSync(path.join(dir, rel))).toBe(true);
    }
    const thumb = await sharp(path.join(dir, record.thumb!)).metadata();
    // 512 px on the short side (sharp on a 2× display at the largest common tile), the long side in proportion.
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['webp', 907, 512]);
    expect(record.thumbPx).toBe(512);
    expect((await sharp(path.join(dir, record.preview!)).metadata()).width).toBe(1024);
    const xmp = await exifr.parse(await readFile(path.join(dir, record.file)), { xmp: true, mergeOutput: false } as never);
    expect(xmp.Iptc4xmpExt.DigitalSourceType).toBe(DIGITAL_SOURCE.generated);
    expect(unxml(xmp.imagine.prompt)).toBe('a red <fox> & "friends"');
    expect(xmp.imagine.model).toBe('grok-imagine-image');
    expect(JSON.parse(unxml(xmp.imagine.params))).toEqual({ n: 1, response_format: 'b64_json' });
    expect(lib.events.log).toEqual([{ event: 'library:changed', payload: { reason: 'added', ids: [record.id] } }]);
    await lib.close();
  });

  it('marks edits as composites and links lineage', async () => {
    const lib = openLibrary(dir);
    const parent = await lib.service.ingest({ bytes: await png(), kind: 'image', origin: 'generated', prompt: 'cat' });
    const child = await lib.service.ingest({
      bytes: await png(),
      kind: 'image',
      origin: 'edited',
      prompt: 'cat',
      editInstruction: 'add a hat',
      parents: [{ kind: 'edited-from', parentId: parent.id }],
    });
    const xmp = await exifr.parse(await readFile(path.join(dir, child.file)), { xmp: true, mergeOutput: false } as never);
    expect(xmp.Iptc4xmpExt.DigitalSourceType).toBe(DIGITAL_SOURCE.composite);
    const detail = lib.service.item(parent.id);
    expect(detail.children.map((c) => [c.kind, c.record.id])).toEqual([['edited-from', child.id]]);
    expect(lib.service.item(child.id).parents[0]?.record.id).toBe(parent.id);
    await lib.close();
  });

  it('stores a video with duration from ffprobe and a poster-frame thumbnail', async () => {
    const lib = openLibrary(dir);
    const record = await lib.service.ingest({ bytes: mp4(dir), kind: 'video', origin: 'generated', prompt: 'waves' });
    expect(record).toMatchObject({ kind: 'video', mime: 'video/mp4', width: 320, height: 240, aspectRatio: '4:3' });
    expect(record.durationMs).toBeGreaterThanOrEqual(900);
    expect((await sharp(path.join(dir, record.thumb!)).metadata()).format).toBe('webp');
    const sidecar = JSON.parse(await readFile(path.join(dir, record.file.replace('.mp4', '.json')), 'utf8'));
    expect(sidecar.item.prompt).toBe('waves');
    await lib.close();
  });

  it('refuses bytes that are not an image and leaves nothing behind', async () => {
    const lib = openLibrary(dir);
    const truncated = (await jpeg()).subarray(0, 200);
    for (const bytes of [Buffer.from('not an image'), truncated]) {
      await expect(lib.service.ingest({ bytes, kind: 'image', origin: 'imported' })).rejects.toMatchObject({
        appError: { kind: 'validation' },
      });
    }
    await expect(lib.service.ingest({ bytes: Buffer.from('nope'), kind: 'video', origin: 'generated' })).rejects.toThrow();
    expect(await lib.adapters.files.list()).toEqual([]);
    await lib.close();
  });
});
