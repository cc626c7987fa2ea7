import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NodeLibraryFiles } from '../../../src-main/adapters/library/node-library-files';
import { tempDir } from '../library/fixtures';

describe('the library folder', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => cleanup());

  it('makes a shard folder once and again when it was removed meanwhile', async () => {
    const files = new NodeLibraryFiles(dir);
    await files.writeAtomic('thumbs/ab/one.webp', Uint8Array.of(1), 'none');
    // The folder is remembered as made; someone removes it behind the library's back.
    await rm(path.join(dir, 'thumbs', 'ab'), { recursive: true });
    await files.writeAtomic('thumbs/ab/two.webp', Uint8Array.of(2), 'file');
    expect([...(await readFile(path.join(dir, 'thumbs', 'ab', 'two.webp')))]).toEqual([2]);
    expect(existsSync(path.join(dir, 'thumbs', 'ab', 'one.webp'))).toBe(false);
  });
});
