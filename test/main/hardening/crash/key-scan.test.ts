import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSecret } from '../support/key-scan';

describe('the key-leak scan used after crash trials', () => {
  it('finds the key in any file, however deep, and in host output', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'imagine-keyscan-'));
    try {
      mkdirSync(path.join(dir, 'library', 'media', 'ab'), { recursive: true });
      writeFileSync(path.join(dir, 'logs.txt'), 'nothing here');
      expect(findSecret('xai-secret-1234', dir, ['ready'])).toEqual([]);
      writeFileSync(path.join(dir, 'library', 'media', 'ab', 'x.json'), Buffer.concat([Buffer.from([0, 1]), Buffer.from('..xai-secret-1234..')]));
      expect(findSecret('xai-secret-1234', dir, ['ok', 'Authorization: Bearer xai-secret-1234'])).toEqual([
        path.join('library', 'media', 'ab', 'x.json'),
        'host output #2',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
