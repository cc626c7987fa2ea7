import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeOpenAddress, saveOpenAddress } from '../../../src-main/host/host-token';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imagine-token-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the open address kept in the data folder', () => {
  it('is owner-only, replaced as tickets are spent, and removed when the host stops', () => {
    saveOpenAddress(dir, 'http://127.0.0.1:1/#token=a');
    const file = path.join(dir, 'host-token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    saveOpenAddress(dir, 'http://127.0.0.1:1/#token=b');
    expect(readFileSync(file, 'utf8').trim()).toBe('http://127.0.0.1:1/#token=b');
    removeOpenAddress(dir);
    expect(existsSync(file)).toBe(false);
  });
});
