/**
 * Prepared edit sources on disk: `<dir>/<id>.img` plus `<id>.json`, outside the library so a source the user drops
 * and then removes never becomes a library item. Written via temp file + rename, so a crash leaves no half file.
 */
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EditSourceStore, StoredSourceMeta } from '../../core/edit/ports';

const ID = /^[0-9a-f]{32}$/;

export function createFsEditSourceStore(dir: string): EditSourceStore {
  const file = (id: string, ext: 'img' | 'json') => {
    // Ids come from the contract's regex already; checked again because this builds a path.
    if (!ID.test(id)) throw new Error('bad source id');
    return path.join(dir, `${id}.${ext}`);
  };
  async function atomic(target: string, data: Uint8Array | string) {
    await mkdir(dir, { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    await writeFile(tmp, data);
    await rename(tmp, target);
  }
  async function readMeta(id: string): Promise<StoredSourceMeta | null> {
    try {
      return JSON.parse(await readFile(file(id, 'json'), 'utf8')) as StoredSourceMeta;
    } catch {
      return null;
    }
  }
  return {
    async put(meta, bytes) {
      await atomic(file(meta.id, 'img'), bytes);
      await atomic(file(meta.id, 'json'), JSON.stringify(meta));
    },
    async get(id) {
      const meta = await readMeta(id);
      if (!meta) return null;
      try {
        return { meta, bytes: new Uint8Array(await readFile(file(id, 'img'))) };
      } catch {
        return null;
      }
    },
    async setLibraryItem(id, itemId) {
      const meta = await readMeta(id);
      if (meta) await atomic(file(id, 'json'), JSON.stringify({ ...meta, libraryItemId: itemId }));
    },
    async sweep(before) {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return 0;
      }
      let removed = 0;
      for (const name of names) {
        const full = path.join(dir, name);
        const info = await stat(full).catch(() => null);
        if (!info || info.mtimeMs >= before) continue;
        await rm(full, { force: true });
        if (name.endsWith('.json')) removed++;
      }
      return removed;
    },
  };
}
