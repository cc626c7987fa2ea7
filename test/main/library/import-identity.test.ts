/**
 * Imports keep their identity (issue 14): the title is the file name without extension, searchable next to prompts;
 * our own XMP still brings a prompt back; videos come in by their bytes with poster, length and size.
 */
import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteLibraryStore } from '../../../src-main/adapters/library/sqlite-library-store';
import { MIGRATIONS } from '../../../src-main/adapters/library/sqlite-schema';
import { titleFromFileName } from '../../../src-main/core/library/title';
import { buildXmp, embedXmp } from '../../../src-main/core/library/xmp';
import type { StoredItem } from '../../../src-main/core/library/types';
import { videoBytes } from '../support/video-files';
import { entry, tempDir } from './fixtures';
import { jpeg, openLibrary } from './service-harness';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

describe('titleFromFileName', () => {
  it.each([
    ['IMG_0412.JPG', 'IMG_0412'],
    ['holiday photo.final.png', 'holiday photo.final'],
    ['/home/ana/Pictures/cat.webp', 'cat'],
    ['C:\\Users\\ana\\dog.jpg', 'dog'],
    ['.hidden.png', '.hidden'],
    ['noextension', 'noextension'],
    ['holiday\u202Egnp.exe', 'holidaygnp'],
    ['a\u0001\u001b[31mred\u0007.png', 'a[31mred'],
    ['', null],
    ['..', null],
    ['   .png', null],
  ])('%j → %j', (name, title) => {
    expect(titleFromFileName(name)).toBe(title);
  });
});

describe('imported items keep their name', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let lib: ReturnType<typeof openLibrary>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('import-id-'));
    lib = openLibrary(dir);
  });
  afterEach(async () => {
    await lib.close();
    await cleanup();
  });

  it('titles a photo by its file name and finds it by that name, whole or as a prefix', async () => {
    const out = await lib.service.importFiles({ kind: 'bytes', name: 'Grandma Birthday 2019.JPG', base64: b64(await jpeg(40, 30)) });
    expect(out.rejected).toEqual([]);
    const [id] = out.imported;
    const record = lib.service.item(id ?? '').record;
    expect(record).toMatchObject({ title: 'Grandma Birthday 2019', origin: 'imported', prompt: '', moderation: null, costTicks: null });
    for (const text of ['birthday', 'grandma 2019', 'birth']) {
      const found = lib.service.query({ filter: { text, trashed: false }, sort: 'relevance', limit: 10, withRecords: 10 });
      expect(found.ids, text).toEqual([id]);
      expect(found.records?.[0]?.highlight?.title?.length, text).toBeGreaterThan(0);
    }
  });

  it('restores the prompt from our own XMP and still keeps the file name as title', async () => {
    const item = { ...entry(1).item, prompt: 'a lighthouse in a storm', model: 'grok-imagine-image' } as StoredItem;
    const bytes = embedXmp(await jpeg(40, 30), buildXmp(item));
    const out = await lib.service.importFiles({ kind: 'bytes', name: 'imagine-2026-01-02-abcd.jpg', base64: b64(bytes ?? new Uint8Array()) });
    const record = lib.service.item(out.imported[0] ?? '').record;
    expect(record).toMatchObject({ prompt: 'a lighthouse in a storm', model: 'grok-imagine-image', title: 'imagine-2026-01-02-abcd', origin: 'imported' });
    expect(lib.service.query({ filter: { text: 'lighthouse', trashed: false }, sort: 'newest', limit: 5 }).ids).toEqual([record.id]);
  });

  it('imports an MP4 by its bytes (whatever its name) with poster, length and size, and titles it', async () => {
    const out = await lib.service.importFiles({ kind: 'bytes', name: 'Beach day.bin', base64: b64(await videoBytes('h264-mp4', { width: 96, height: 54, seconds: 2 })) });
    expect(out.rejected).toEqual([]);
    const record = lib.service.item(out.imported[0] ?? '').record;
    expect(record).toMatchObject({ kind: 'video', title: 'Beach day', mime: 'video/mp4', width: 96, height: 54, aspectRatio: '16:9' });
    expect(record.durationMs).toBeGreaterThanOrEqual(1900);
    expect(record.thumb).not.toBeNull();
    expect(await lib.adapters.files.exists(record.thumb ?? '')).toBe(true);
  });

  it('re-boxes a QuickTime MOV as MP4 and keeps a WebM as WebM', async () => {
    const mov = await lib.service.importFiles({ kind: 'bytes', name: 'phone.MOV', base64: b64(await videoBytes('h264-mov')) });
    const webm = await lib.service.importFiles({ kind: 'bytes', name: 'screen.webm', base64: b64(await videoBytes('vp9-webm')) });
    const a = lib.service.item(mov.imported[0] ?? '').record;
    const b = lib.service.item(webm.imported[0] ?? '').record;
    expect([a.file.split('.').at(-1), a.mime, a.title]).toEqual(['mp4', 'video/mp4', 'phone']);
    expect([b.file.split('.').at(-1), b.mime, b.title]).toEqual(['webm', 'video/webm', 'screen']);
    const stored = await lib.adapters.files.read(a.file);
    expect(Buffer.from(stored.subarray(4, 12)).toString('latin1')).not.toBe('ftypqt  ');
  });
});

describe('the v4 migration', () => {
  it('adds titles to an existing v3 index and searches them, keeping every item', async () => {
    const { dir, cleanup } = await tempDir('lib-v4-');
    try {
      const file = path.join(dir, 'library.db');
      const old = new DatabaseSync(file);
      for (const [i, sql] of MIGRATIONS.slice(0, 3).entries()) old.exec(`BEGIN; ${sql}; PRAGMA user_version = ${i + 1}; COMMIT;`);
      old.exec(`INSERT INTO items (seq, id, kind, created_at, prompt, bytes, mime, origin, file)
        VALUES (1024, '${'a'.repeat(32)}', 'image', 1, 'an old owl', 10, 'image/jpeg', 'generated', 'media/aa/x.jpg')`);
      old.close();
      const store = new SqliteLibraryStore(file);
      store.insert([entry(7, { prompt: '', title: 'Scan 0042', origin: 'imported' })]);
      const q = (text: string) => store.query({ filter: { text, trashed: false }, sort: 'newest', limit: 10 }).ids;
      expect(q('owl')).toEqual(['a'.repeat(32)]);
      expect(q('scan 0042')).toHaveLength(1);
      expect(store.get('a'.repeat(32))?.title).toBeUndefined();
      store.close();
    } finally {
      await cleanup();
    }
  });
});
