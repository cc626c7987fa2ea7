import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMedia, resolveLibraryFile } from '../../../src-main/adapters/media-files';
import { tempDir } from './fixtures';

describe('media-files serving', () => {
  let dir: string;
  let root: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    root = path.join(dir, 'lib');
    await mkdir(path.join(root, 'media', 'ab'), { recursive: true });
    await writeFile(path.join(root, 'media', 'ab', 'x.jpg'), '0123456789');
    await writeFile(path.join(dir, 'secret.txt'), 'secret');
    await symlink(path.join(dir, 'secret.txt'), path.join(root, 'media', 'ab', 'link.jpg'));
  });
  afterEach(async () => cleanup());

  it('serves a library file', async () => {
    expect(await resolveLibraryFile(root, 'media/ab/x.jpg')).toBe(path.join(root, 'media', 'ab', 'x.jpg'));
  });

  it.each([
    '../secret.txt',
    'media/../../secret.txt',
    '%2e%2e/secret.txt',
    'media%2F..%2F..%2Fsecret.txt',
    '%252e%252e/secret.txt',
    '/etc/passwd',
    '%2Fetc%2Fpasswd',
    'media/ab/x.jpg%00.png',
    'media/ab/link.jpg',
    'media\\..\\..\\secret.txt',
    '%E0%A4%A',
    'media/ab',
    '',
  ])('refuses %j', async (p) => {
    expect(await resolveLibraryFile(root, p)).toBeNull();
    expect((await readMedia(root, p, undefined)).status).toBe(404);
  });

  it('answers ranges', async () => {
    const res = await readMedia(root, 'media/ab/x.jpg', 'bytes=2-4');
    expect([res.status, res.headers['content-range'], res.headers['content-type']]).toEqual([206, 'bytes 2-4/10', 'image/jpeg']);
    res.body?.destroy();
    expect((await readMedia(root, 'media/ab/x.jpg', 'bytes=50-')).status).toBe(416);
  });
});
