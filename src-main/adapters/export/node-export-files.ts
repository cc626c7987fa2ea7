import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { fail } from '../../core/app-error';
import type { ExportFiles, FileSink } from '../../core/desktop/export-files';

/** Streams exports to disk through `<name>.<random>.partial` beside the target, renamed into place on commit. */
export class NodeExportFiles implements ExportFiles {
  async create(absPath: string): Promise<FileSink> {
    if (!path.isAbsolute(absPath) || absPath.includes('\0')) fail({ kind: 'validation', message: 'Not an absolute path.', issues: [] });
    const temp = `${absPath}.${randomBytes(6).toString('hex')}.partial`;
    let handle: FileHandle | null = await open(temp, 'wx').catch((err: NodeJS.ErrnoException) =>
      fail({ kind: 'storage', message: `Could not write there (${err.code ?? 'error'}).` }),
    );
    let written = 0;
    const close = async () => {
      const h = handle;
      handle = null;
      await h?.close();
    };
    return {
      async write(chunk) {
        if (!handle) throw new Error('export file already closed');
        await handle.write(chunk);
        written += chunk.byteLength;
      },
      async commit() {
        await handle?.sync();
        await close();
        await rename(temp, absPath);
        return written;
      },
      async abort() {
        await close().catch(() => undefined);
        await rm(temp, { force: true });
      },
    };
  }

  async remove(absPath: string): Promise<void> {
    await rm(absPath, { force: true });
  }

  async clearDir(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true });
    for (const name of await readdir(dir)) await rm(path.join(dir, name), { force: true, recursive: true });
  }
}
