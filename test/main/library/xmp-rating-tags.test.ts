import exifr from 'exifr';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryFilter } from '@contract';
import { readXmp } from '../../../src-main/core/library/xmp';
import { tempDir } from './fixtures';
import { jpeg, openLibrary, png, unxml } from './service-harness';

const xmpOf = async (file: string) => exifr.parse(await readFile(file), { xmp: true, mergeOutput: false } as never);
const all = { filter: LibraryFilter.parse({}), sort: 'newest' as const, limit: 100 };

/** What Lightroom Classic writes: rating as an attribute of the description, keywords in a dc:subject bag. */
const LIGHTROOM_PACKET = `<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 7.0">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmp:Rating="4" xmp:CreatorTool="Adobe Photoshop Lightroom Classic">
   <dc:subject><rdf:Bag><rdf:li>Street Photo</rdf:li><rdf:li>night &amp; rain</rdf:li></rdf:Bag></dc:subject>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>`;

describe('rating and tags in XMP (xmp:Rating, dc:subject), sidecars and rebuild', () => {
  let dir: string;
  let out: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    out = path.join(dir, 'exports');
    await mkdir(out);
  });
  afterEach(async () => cleanup());

  it('exports today\'s rating and tags in every format, readable by other tools, and imports them back', async () => {
    const lib = openLibrary(path.join(dir, 'lib'));
    const sources = { original: await jpeg(), png: await png(), webp: await jpeg(), jpeg: await png() };
    for (const [format, bytes] of Object.entries(sources) as [keyof typeof sources, Buffer][]) {
      const r = await lib.service.ingest({ bytes, kind: 'image', origin: 'generated', prompt: `a fox as ${format}` });
      // Set after ingest: the stored file's packet predates them, the export must carry them anyway.
      lib.service.setRating([r.id], 4);
      lib.service.changeTags([r.id], ['Portrait', 'R&D <test>'], []);
      const [file] = (await lib.service.exportItems({ ids: [r.id], targetDir: out, format, metadata: 'keep' })).files;
      const packet = String((await sharp(file!.path).metadata()).xmp);
      expect(packet).toContain('<xmp:Rating>4</xmp:Rating>');
      expect(readXmp(await readFile(file!.path))).toMatchObject({ rating: 4, tags: ['portrait', 'r&d <test>'] });
      if (format !== 'webp') {
        // exifr (a third-party reader) sees the standard properties; it cannot read WebP.
        const xmp = await xmpOf(file!.path);
        expect(xmp.xmp.Rating).toBe(4);
        expect((xmp.dc.subject as unknown[]).map(unxml)).toEqual(['portrait', 'r&d <test>']);
      }
      const back = await lib.service.importFiles({ kind: 'paths', paths: [file!.path] });
      expect(lib.service.records(back.imported)[0]).toMatchObject({ rating: 4, tags: ['portrait', 'r&d <test>'], prompt: `a fox as ${format}` });
      // Stripped exports carry neither.
      const [bare] = (await lib.service.exportItems({ ids: [r.id], targetDir: out, format, metadata: 'strip' })).files;
      expect(readXmp(await readFile(bare!.path))).toBeNull();
    }
    await lib.close();
  });

  it('imports rating and keywords from another tool\'s packet (attribute form), normalizing the tags', async () => {
    const lib = openLibrary(path.join(dir, 'lib'));
    const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#246' } })
      .withXmp(LIGHTROOM_PACKET)
      .jpeg()
      .toBuffer();
    expect(readXmp(bytes)).toMatchObject({ prompt: null, rating: 4, tags: ['Street Photo', 'night & rain'] });
    const { imported } = await lib.service.importFiles({ kind: 'bytes', name: 'lr.jpg', base64: bytes.toString('base64') });
    expect(lib.service.records(imported)[0]).toMatchObject({ rating: 4, tags: ['night & rain', 'street photo'], prompt: '' });
    expect(lib.service.query({ ...all, filter: LibraryFilter.parse({ text: 'tag:"street photo" rating:4' }) }).ids).toEqual(imported);
    await lib.close();
  });

  it('keeps rating and tags in the sidecar, so a rebuild from files alone restores them', async () => {
    const root = path.join(dir, 'lib');
    const lib = openLibrary(root);
    const a = await lib.service.ingest({ bytes: await jpeg(), kind: 'image', origin: 'generated', prompt: 'a' });
    const b = await lib.service.ingest({ bytes: await png(), kind: 'image', origin: 'generated', prompt: 'b' });
    lib.service.setRating([a.id], 5);
    lib.service.changeTags([a.id, b.id], ['keeper'], []);
    lib.service.changeTags([b.id], ['draft'], ['keeper']);
    await lib.service.idle();
    const sidecar = JSON.parse(new TextDecoder().decode(await lib.adapters.files.read(`media/${a.id.slice(0, 2)}/${a.id}.json`)));
    expect(sidecar).toMatchObject({ version: 3, state: { rating: 5, tags: ['keeper'] } });
    await lib.service.rebuild();
    expect(lib.service.records([a.id, b.id]).map((r) => [r.rating, r.tags])).toEqual([
      [5, ['keeper']],
      [0, ['draft']],
    ]);
    expect(lib.service.tags({ limit: 10 })).toEqual([{ tag: 'draft', count: 1 }, { tag: 'keeper', count: 1 }]);
    await lib.close();
  });

  it('tells the renderer which items changed, and ignores empty or no-op changes', async () => {
    const lib = openLibrary(path.join(dir, 'lib'));
    const a = await lib.service.ingest({ bytes: await jpeg(), kind: 'image', origin: 'generated' });
    lib.events.log.length = 0;
    expect(lib.service.changeTags([a.id], ['  ', ''], [])).toBe(0);
    expect(lib.service.changeTags([a.id], ['x'], ['x'])).toBe(1); // a tag both added and removed is added
    expect(lib.service.setRating([a.id], 0)).toBe(0);
    expect(lib.events.log).toEqual([{ event: 'library:changed', payload: { reason: 'updated', ids: [a.id] } }]);
    await lib.close();
  });
});
