import exifr from 'exifr';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels, LibraryFilter } from '@contract';
import { createLibraryHandlers } from '../../../src-main/services/library/library-handlers';
import { tempDir } from './fixtures';
import { jpeg, mp4, openLibrary, png, unxml } from './service-harness';

const all = { filter: LibraryFilter.parse({}), sort: 'newest' as const, limit: 100 };
const xmpOf = async (file: string) => exifr.parse(await readFile(file), { xmp: true, mergeOutput: false } as never);

describe('library import, export and curation', () => {
  let dir: string;
  let out: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    out = path.join(dir, 'exports');
    await mkdir(out);
  });
  afterEach(async () => cleanup());

  it('imports valid images by path and bytes, rejecting the rest per file', async () => {
    const lib = openLibrary(path.join(dir, 'lib'));
    await writeFile(path.join(dir, 'a.png'), await png());
    await writeFile(path.join(dir, 'bad.jpg'), 'garbage');
    const byPath = await lib.service.importFiles({
      kind: 'paths',
      paths: [path.join(dir, 'a.png'), path.join(dir, 'bad.jpg'), path.join(dir, 'nope.png'), 'relative.png'],
    });
    expect(byPath.imported).toHaveLength(1);
    expect(byPath.rejected.map((r) => r.name)).toEqual([path.join(dir, 'bad.jpg'), path.join(dir, 'nope.png'), 'relative.png']);
    const byBytes = await lib.service.importFiles({ kind: 'bytes', name: 'x.jpg', base64: (await jpeg()).toString('base64') });
    expect(lib.service.records(byBytes.imported)[0]?.origin).toBe('imported');
    await lib.close();
  });

  it('exports originals with metadata, strips it on request, converts formats and never overwrites', async () => {
    const lib = openLibrary(path.join(dir, 'lib'));
    const r = await lib.service.ingest({ bytes: await jpeg(), kind: 'image', origin: 'generated', prompt: 'owl & moon' });
    const kept = await lib.service.exportItems({ ids: [r.id], targetDir: out, format: 'original', metadata: 'keep' });
    expect(unxml((await xmpOf(kept.files[0]!.path)).imagine.prompt)).toBe('owl & moon');
    const stripped = await lib.service.exportItems({ ids: [r.id], targetDir: out, format: 'original', metadata: 'strip' });
    expect(stripped.files[0]!.path).not.toBe(kept.files[0]!.path);
    expect(await exifr.parse(await readFile(stripped.files[0]!.path), { xmp: true } as never)).toBeUndefined();
    expect((await sharp(stripped.files[0]!.path).metadata()).width).toBe(640);
    for (const format of ['png', 'webp', 'jpeg'] as const) {
      const [file] = (await lib.service.exportItems({ ids: [r.id], targetDir: out, format, metadata: 'keep' })).files;
      expect((await sharp(file!.path).metadata()).format).toBe(format);
      // exifr cannot read WebP; sharp reports the raw packet for every format.
      expect(String((await sharp(file!.path).metadata()).xmp)).toContain('trainedAlgorithmicMedia</Iptc4xmpExt:DigitalSourceType>');
      if (format !== 'webp') expect((await xmpOf(file!.path)).Iptc4xmpExt.DigitalSourceType).toMatch(/trainedAlgorithmicMedia$/);
      const [bare] = (await lib.service.exportItems({ ids: [r.id], targetDir: out, format, metadata: 'strip' })).files;
      expect((await sharp(bare!.path).metadata()).xmp).toBeUndefined();
    }
    await lib.close();
  });

  it('re-importing an exported file keeps its prompt, model, settings and date from our XMP', async () => {
    const lib = openLibrary(path.join(dir, 'lib'));
    for (const [format, bytes] of [['original', await jpeg()], ['png', await png()], ['webp', await jpeg()]] as const) {
      const r = await lib.service.ingest({
        bytes, kind: 'image', origin: 'generated', prompt: 'a <red> fox & "owl"', model: 'grok-imagine-image',
        params: { n: 2, aspect_ratio: '4:3' }, requestId: 'req-9',
      });
      const [exported] = (await lib.service.exportItems({ ids: [r.id], targetDir: out, format, metadata: 'keep' })).files;
      const back = await lib.service.importFiles({ kind: 'paths', paths: [exported!.path] });
      expect(lib.service.records(back.imported)[0]).toMatchObject({
        origin: 'imported', prompt: 'a <red> fox & "owl"', model: 'grok-imagine-image',
        params: { n: 2, aspect_ratio: '4:3' }, requestId: 'req-9', createdAt: r.createdAt,
      });
    }
    // (png() of another size: the default one's bytes are in the library already, and would be a duplicate.)
    const plain = await lib.service.importFiles({ kind: 'bytes', name: 'plain.png', base64: (await png(300, 200)).toString('base64') });
    expect(lib.service.records(plain.imported)[0]).toMatchObject({ prompt: '', model: null, params: { importedFrom: 'plain.png' } });
    await lib.close();
  });

  it('exports a video with its sidecar', async () => {
    const lib = openLibrary(path.join(dir, 'lib'));
    const r = await lib.service.ingest({ bytes: mp4(dir), kind: 'video', origin: 'generated', prompt: 'surf' });
    const [file] = (await lib.service.exportItems({ ids: [r.id], targetDir: out, format: 'original', metadata: 'keep' })).files;
    expect(JSON.parse(await readFile(`${file!.path}.json`, 'utf8')).item.prompt).toBe('surf');
    await lib.close();
  });

  it.each([['relative/dir'], ['/definitely/not/here'], ['lib'], ['lib/media']])('refuses export target %s', async (target) => {
    const lib = openLibrary(path.join(dir, 'lib'));
    const r = await lib.service.ingest({ bytes: await jpeg(), kind: 'image', origin: 'generated' });
    const targetDir = target.startsWith('lib') ? path.join(dir, target) : target;
    await expect(lib.service.exportItems({ ids: [r.id], targetDir, format: 'original', metadata: 'keep' })).rejects.toMatchObject({
      appError: { kind: 'validation' },
    });
    await lib.close();
  });

  it('trashes with undo, empties the trash with its files, and keeps collections', async () => {
    const lib = openLibrary(path.join(dir, 'lib'));
    const a = await lib.service.ingest({ bytes: await jpeg(), kind: 'image', origin: 'generated' });
    const b = await lib.service.ingest({ bytes: await jpeg(), kind: 'image', origin: 'generated' });
    const c = lib.service.collections.create('Best');
    expect(lib.service.collections.add(c.id, [a.id, b.id])).toBe(2);
    expect(lib.service.trash([a.id])).toBe(1);
    expect(lib.service.query(all).ids).toEqual([b.id]);
    expect(lib.service.restore([a.id])).toBe(1);
    expect(lib.service.query(all).total).toBe(2);
    lib.service.trash([a.id]);
    expect(await lib.service.emptyTrash()).toBe(1);
    expect(existsSync(path.join(dir, 'lib', a.file))).toBe(false);
    expect(existsSync(path.join(dir, 'lib', a.thumb!))).toBe(false);
    expect(lib.service.collections.list()).toMatchObject([{ name: 'Best', count: 1 }]);
    expect(() => lib.service.collections.rename('f'.repeat(32), 'x')).toThrow(/no longer exists/);
    expect(lib.events.log.map((e) => (e.payload as { reason: string }).reason)).toContain('deleted');
    await lib.close();
  });

  it('answers through the contract: handlers parse and return schema-valid output with highlights', async () => {
    const lib = openLibrary(path.join(dir, 'lib'));
    const r = await lib.service.ingest({ bytes: await jpeg(), kind: 'image', origin: 'generated', prompt: 'Red fox, redder sky' });
    const h = createLibraryHandlers(lib.service);
    const facets = await h['library:facets'](channels['library:facets'].input.parse({}));
    expect(channels['library:facets'].output.parse(facets).aspectRatios).toEqual([{ value: '4:3', count: 1 }]);
    const q = await h['library:query'](channels['library:query'].input.parse({ filter: { text: 'red' } }));
    expect(channels['library:query'].output.parse(q).ids).toEqual([r.id]);
    const recs = await h['library:records'](channels['library:records'].input.parse({ ids: q.ids, text: 'red' }));
    expect(channels['library:records'].output.parse(recs).records[0]?.highlight?.prompt).toEqual([[0, 3], [9, 15]]);
    const detail = await h['library:item']({ id: r.id });
    expect(channels['library:item'].output.parse(detail).record.id).toBe(r.id);
    expect(channels['library:favorite'].input.safeParse({ ids: ['../../etc'], favorite: true }).success).toBe(false);
    expect(channels['library:query'].input.safeParse({ limit: 1e9 }).success).toBe(false);
    await lib.close();
  });
});
