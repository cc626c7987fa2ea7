import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMedia, resolveLibraryFile } from '../../../src-main/adapters/media-files';
import { tempDir } from './fixtures';

describe('media-files serving', () => {
  let dir: string;
  let root: string;
  let cleanup: () => Promise<void>;
  const X = `ab${'0'.repeat(30)}`;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    root = path.join(dir, 'lib');
    await mkdir(path.join(root, 'media', 'ab'), { recursive: true });
    await writeFile(path.join(root, 'media', 'ab', `${X}.jpg`), '0123456789');
    await writeFile(path.join(root, 'media', 'ab', `${X}.json`), '{}');
    await writeFile(path.join(root, 'library.db'), 'SQLite format 3');
    await writeFile(path.join(dir, 'secret.txt'), 'secret');
    await symlink(path.join(dir, 'secret.txt'), path.join(root, 'media', 'ab', `ab${'1'.repeat(30)}.jpg`));
  });
  afterEach(async () => cleanup());

  it('serves a file of the library layout (media|thumbs|previews/<shard>/<id>.<media ext>) only', async () => {
    expect(await resolveLibraryFile(root, `media/ab/${X}.jpg`)).toBe(path.join(root, 'media', 'ab', `${X}.jpg`));
  });

  it.each([
    '../secret.txt',
    'media/../../secret.txt',
    '%2e%2e/secret.txt',
    'media%2F..%2F..%2Fsecret.txt',
    '%252e%252e/secret.txt',
    '/etc/passwd',
    '%2Fetc%2Fpasswd',
    `media/ab/${X}.jpg%00.png`,
    `media/ab/ab${'1'.repeat(30)}.jpg`,
    `media/ab/${X}.json`,
    'library.db',
    `media/cd/${X}.jpg`,
    `media/ab/${X}.JPG`,
    'media\\..\\..\\secret.txt',
    '%E0%A4%A',
    'media/ab',
    '',
  ])('refuses %j', async (p) => {
    expect(await resolveLibraryFile(root, p)).toBeNull();
    expect((await readMedia(root, p, undefined)).status).toBe(404);
  });

  it('answers ranges', async () => {
    const res = await readMedia(root, `media/ab/${X}.jpg`, 'bytes=2-4');
    expect([res.status, res.headers['content-range'], res.headers['content-type']]).toEqual([206, 'bytes 2-4/10', 'image/jpeg']);
    res.body?.destroy();
    expect((await readMedia(root, `media/ab/${X}.jpg`, 'bytes=50-')).status).toBe(416);
  });
});
