/**
 * Issue 18 §7: items record provider, model, operation and seed; the v11 migration names xAI for older Grok items;
 * the grid filters and the search text (`provider:`) narrow by provider; XMP names the provider and an import of
 * an exported file reads it back.
 */
import { readFile } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteLibraryStore } from '../../../src-main/adapters/library/sqlite-library-store';
import { MIGRATIONS } from '../../../src-main/adapters/library/sqlite-schema';
import { parseSearchQuery } from '../../../src-main/core/library/search-query';
import { readXmp } from '../../../src-main/core/library/xmp';
import { tempDir } from './fixtures';
import { jpeg, openLibrary } from './service-harness';

describe('provider, operation and seed on items', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir('lib-provider-')));
  afterEach(async () => cleanup());

  it('records them, filters and searches by provider, and names the provider in XMP', async () => {
    const lib = openLibrary(dir);
    const xai = await lib.service.ingest({ bytes: await jpeg(64, 64, '#111'), kind: 'image', origin: 'generated', prompt: 'a fox', model: 'grok-imagine-image' });
    const inpainted = await lib.service.ingest({
      bytes: await jpeg(64, 64, '#222'), kind: 'image', origin: 'edited', prompt: 'a fox with a hat', model: 'stable-image-core',
      provider: 'stability', operation: 'inpaint', seed: 343940597,
    });
    const upscaled = await lib.service.ingest({ bytes: await jpeg(64, 64, '#333'), kind: 'image', origin: 'edited', prompt: '', model: null, provider: 'stability', operation: 'upscale-fast' });
    const minimax = await lib.service.ingest({ bytes: await jpeg(64, 64, '#444'), kind: 'image', origin: 'generated', prompt: 'a fox at dusk', model: 'image-01' });
    expect(xai.provider).toBe('xai');
    expect(inpainted).toMatchObject({ provider: 'stability', operation: 'inpaint', seed: 343940597, model: 'stable-image-core' });
    expect(upscaled).toMatchObject({ provider: 'stability', operation: 'upscale-fast' });
    expect(upscaled.seed).toBeUndefined();
    expect(minimax.provider).toBe('minimax');

    const ids = (filter: Record<string, unknown>) =>
      lib.service.query({ filter: { trashed: false, ...filter }, sort: 'oldest', limit: 10 }).ids;
    expect(ids({ provider: 'stability' })).toEqual([inpainted.id, upscaled.id]);
    expect(ids({ provider: 'xai' })).toEqual([xai.id]);
    expect(ids({ text: 'provider:minimax fox' })).toEqual([minimax.id]);
    expect(ids({ text: 'provider:"Stability AI"' })).toEqual([inpainted.id, upscaled.id]);
    expect(ids({ text: '-provider:stability' })).toEqual([xai.id, minimax.id]);
    expect(ids({ text: 'fox -provider:xai', provider: 'stability' })).toEqual([inpainted.id]);

    const xmp = readXmp(await readFile(path.join(dir, inpainted.file)));
    expect(xmp).toMatchObject({ provider: 'stability', operation: 'inpaint', seed: 343940597, model: 'stable-image-core' });

    // An exported file imported into another library keeps who made it and how.
    const other = openLibrary(path.join(dir, 'other'), undefined, 100);
    const bytes = await readFile(path.join(dir, inpainted.file));
    const result = await other.service.importFiles({ kind: 'bytes', name: 'hat.jpg', base64: bytes.toString('base64') });
    const imported = other.service.query({ filter: { trashed: false }, sort: 'newest', limit: 1, withRecords: 1 }).records?.[0];
    expect(result.imported).toHaveLength(1);
    expect(imported).toMatchObject({ provider: 'stability', operation: 'inpaint', seed: 343940597 });
    await other.close();

    // A rebuild from files alone keeps them too (the sidecar carries them).
    await lib.service.rebuild();
    expect(lib.service.query({ filter: { trashed: false, provider: 'stability' }, sort: 'oldest', limit: 10, withRecords: 2 }).records)
      .toMatchObject([{ operation: 'inpaint', seed: 343940597 }, { operation: 'upscale-fast' }]);
    await lib.close();
  });

  it('v11 names xAI for older items with a Grok model and leaves the rest unknown', async () => {
    const file = path.join(dir, 'library.db');
    const old = new DatabaseSync(file);
    for (const [i, sql] of MIGRATIONS.slice(0, 10).entries()) old.exec(`BEGIN; ${sql}; PRAGMA user_version = ${i + 1}; COMMIT;`);
    const row = (seq: number, id: string, model: string | null) =>
      old.prepare(`INSERT INTO items (seq, id, kind, created_at, prompt, model, bytes, mime, origin, file) VALUES (?, ?, 'image', 1, 'p', ?, 10, 'image/jpeg', 'generated', 'media/x.jpg')`).run(seq, id, model);
    row(1024, 'a'.repeat(32), 'grok-imagine-image');
    row(2048, 'b'.repeat(32), null);
    old.close();
    const store = new SqliteLibraryStore(file);
    expect(store.get('a'.repeat(32))?.provider).toBe('xai');
    expect(store.get('b'.repeat(32))?.provider).toBeUndefined();
    expect(store.query({ filter: { trashed: false, provider: 'xai' }, sort: 'newest', limit: 10 }).ids).toEqual(['a'.repeat(32)]);
    store.close();
  });

  it('parses provider: by id or name, negated, and ignores unknown names', () => {
    expect(parseSearchQuery('provider:stability').providers).toEqual(['stability']);
    expect(parseSearchQuery('provider:MiniMax').providers).toEqual(['minimax']);
    expect(parseSearchQuery('-provider:xai').providers).toEqual(['stability', 'minimax']);
    const unknown = parseSearchQuery('provider:acme');
    expect(unknown.providers ?? null).toBeNull();
    expect(unknown.terms).toEqual([]);
  });
});
