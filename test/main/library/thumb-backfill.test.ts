import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { thumbPath } from '../../../src-main/core/library/paths';
import { tempDir } from './fixtures';
import { jpeg, openLibrary } from './service-harness';

/** An older library: this item's thumbnail as the 256 px rule made it, its row not knowing which rule that was. */
async function makeOlder(dir: string, id: string) {
  const small = await sharp(await jpeg(1600, 900)).resize(256, 256, { fit: 'inside' }).webp().toBuffer();
  await writeFile(path.join(dir, thumbPath(id)), small);
  const db = new DatabaseSync(path.join(dir, 'library.db'));
  db.prepare('UPDATE items SET thumb_px = NULL WHERE id = ?').run(id);
  db.close();
}

describe('thumbnail back-fill', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => cleanup());

  it('remakes thumbnails made before the 512 px rule, marks those already made to it, and tells the grid', async () => {
    let lib = openLibrary(dir);
    const older = await lib.service.ingest({ bytes: await jpeg(1600, 900), kind: 'image', origin: 'generated', prompt: 'older' });
    const current = await lib.service.ingest({ bytes: await jpeg(900, 1600), kind: 'image', origin: 'generated', prompt: 'current' });
    await lib.close();
    await makeOlder(dir, older.id);
    const db = new DatabaseSync(path.join(dir, 'library.db'));
    db.prepare('UPDATE items SET thumb_px = NULL WHERE id = ?').run(current.id); // a rebuilt row: rule unknown
    db.close();

    lib = openLibrary(dir);
    expect(lib.service.records([older.id])[0]?.thumbPx).toBeUndefined();
    lib.service.startBackground(60_000);
    await lib.service.idle();
    const meta = await sharp(path.join(dir, thumbPath(older.id))).metadata();
    expect([meta.width, meta.height]).toEqual([910, 512]);
    expect(lib.service.records([older.id, current.id]).map((r) => r.thumbPx)).toEqual([512, 512]);
    const updated = lib.events.log.filter((e) => e.event === 'library:changed' && (e.payload as { reason: string }).reason === 'updated');
    expect(updated.flatMap((e) => (e.payload as { ids?: string[] }).ids ?? []).sort()).toEqual([older.id, current.id].sort());
    await lib.service.stopBackground();
    await lib.close();
  });

  it('skips an item whose file cannot be read, so the back-fill ends', async () => {
    let lib = openLibrary(dir);
    const broken = await lib.service.ingest({ bytes: await jpeg(800, 600), kind: 'image', origin: 'generated', prompt: 'broken' });
    await lib.close();
    await makeOlder(dir, broken.id);
    await writeFile(path.join(dir, broken.file), 'not a picture');
    lib = openLibrary(dir);
    lib.service.startBackground(60_000);
    await lib.service.idle();
    expect(lib.service.records([broken.id])[0]?.thumbPx).toBeUndefined();
    await lib.service.stopBackground();
    await lib.close();
  });
});
